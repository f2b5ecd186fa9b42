import LinearAlgebra
import Symbolic

/// Per-row values of expressions in a term's data and the params, compiled once into a
/// tape and re-run at new parameter values (a nonlinear mean and its derivatives for
/// least squares). Linear predictors ηₖ = Xₖ·wₖ in the expressions are formed per block
/// from the current w.
public final class RowEvaluator: @unchecked Sendable {
    let tape: Tape
    let runner: TapeRunner
    let rows: Int
    let columns: [Symbol: [Double]]
    let predictors: [LinearPredictor]

    init(_ expressions: [Expr], rows: Int, columns: [Symbol: [Double]], predictors: [LinearPredictor]) {
        tape = Tape(outputs: expressions)
        runner = TapeRunner(tape: tape, blockSize: 1024)
        self.rows = rows
        self.columns = columns
        let used = Set(tape.rowInputs.map(\.symbol))
        self.predictors = predictors.filter { used.contains($0.symbol) }
    }

    /// Each expression's value on every row at θ (one array per expression).
    public func evaluate(_ theta: [Double]) -> [[Double]] {
        var scalars: [Symbol: Double] = [:]
        for (i, v) in theta.enumerated() { scalars[.parameter(i)] = v }
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate(scalars) })
        var out = tape.outputs.map { _ in [Double](repeating: 0, count: rows) }
        var eta = predictors.map { _ in [Double](repeating: 0, count: runner.blockSize) }
        var start = 0
        while start < rows {
            let n = min(runner.blockSize, rows - start)
            for (k, p) in predictors.enumerated() {
                let w = Array(theta[p.slots])
                for i in 0..<n {
                    var s = 0.0
                    for j in 0..<p.length { s += p.matrix[start + i, j] * w[j] }
                    eta[k][i] = s
                }
            }
            for (k, input) in tape.rowInputs.enumerated() {
                if let p = predictors.firstIndex(where: { $0.symbol == input.symbol }) {
                    eta[p].withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress!) }
                } else {
                    columns[input.symbol]?.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress! + start) }
                }
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

extension LogLikelihood {
    /// A compiled per-row evaluator of expressions over term `t`'s rows (data and params).
    public func rowEvaluator(_ expressions: [Expr], term t: Int) -> RowEvaluator {
        RowEvaluator(expressions, rows: terms[t].rows, columns: columns, predictors: predictors)
    }
}
