import Symbolic

/// Per-row values of data-only expressions (params already replaced by numbers) over
/// columns of `rows` values, through one compiled tape run over blocks of rows: the
/// per-row predictions and their gradients a `se()` of a per-row formula needs.
public enum RowValues {
    /// One array of `rows` values per expression; nil when a column the expressions read is
    /// missing or has another length.
    public static func evaluate(_ expressions: [Expr], rows: Int, columns: [Symbol: [Double]]) -> [[Double]]? {
        if expressions.isEmpty { return [] }
        let tape = Tape(outputs: expressions)
        for input in tape.rowInputs where columns[input.symbol]?.count != rows { return nil }
        let runner = TapeRunner(tape: tape, blockSize: 1024)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate([:]) })
        var out = expressions.map { _ in [Double](repeating: 0, count: rows) }
        var start = 0
        while start < rows {
            let n = min(runner.blockSize, rows - start)
            for (k, input) in tape.rowInputs.enumerated() {
                columns[input.symbol]?.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress! + start) }
            }
            runner.run(count: n)
            for k in expressions.indices {
                let o = runner.output(k)
                for i in 0..<n { out[k][start + i] = o[i] }
            }
            start += n
        }
        return out
    }
}
