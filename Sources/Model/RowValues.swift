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
        return run(tape, rows: rows, columns: columns, blockSize: 1024)
    }

    /// The tape's outputs, one array of `rows` values each, run block by block with every row
    /// input bound to its column (each column holds at least `rows` values; a row input with no
    /// column is left unbound: callers give every row input a column).
    static func run(_ tape: Tape, rows: Int, columns: [Symbol: [Double]], blockSize: Int) -> [[Double]] {
        let runner = TapeRunner(tape: tape, blockSize: blockSize)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate([:]) })
        var out = tape.outputs.map { _ in [Double](repeating: 0, count: rows) }
        var start = 0
        while start < rows {
            let n = min(runner.blockSize, rows - start)
            for (k, input) in tape.rowInputs.enumerated() {
                columns[input.symbol]?.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress! + start) }
            }
            runner.run(count: n)
            for k in out.indices {
                let o = runner.output(k)
                for i in 0..<n { out[k][start + i] = o[i] }
            }
            start += n
        }
        return out
    }
}
