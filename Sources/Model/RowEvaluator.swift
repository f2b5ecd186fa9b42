import Dispatch
import LinearAlgebra
import Symbolic

/// Per-row values of expressions in a term's data and the params, compiled once into a
/// tape and re-run at new parameter values (a nonlinear mean and its derivatives for
/// least squares). Linear predictors ηₖ = Xₖ·wₖ in the expressions are formed per block
/// from the current w.
public final class RowEvaluator: @unchecked Sendable {
    let tape: Tape
    let rows: Int
    let columns: [Symbol: [Double]]
    let predictors: [LinearPredictor]
    /// Row ranges evaluated in parallel (one per core for large data), each with its own runner.
    let chunks: [Range<Int>]
    let runners: [TapeRunner]

    init(_ expressions: [Expr], rows: Int, columns: [Symbol: [Double]], predictors: [LinearPredictor]) {
        let tape = Tape(outputs: expressions)
        self.tape = tape
        chunks = RowBlocks.chunks(rows: rows, blockSize: RowEvaluator.blockSize)
        runners = chunks.map { _ in TapeRunner(tape: tape, blockSize: RowEvaluator.blockSize) }
        self.rows = rows
        self.columns = columns
        let used = Set(tape.rowInputs.map(\.symbol))
        self.predictors = predictors.filter { used.contains($0.symbol) }
    }

    static let blockSize = 1024

    /// Each expression's value on every row at θ (one array per expression): the chunks of
    /// rows on every core at once, laid end to end (each row's values are what one run gives).
    public func evaluate(_ theta: [Double]) -> [[Double]] {
        var scalars: [Symbol: Double] = [:]
        for (i, v) in theta.enumerated() { scalars[.parameter(i)] = v }
        let inputs = tape.scalarInputs.map { $0.expr.evaluate(scalars) }
        var parts = [[[Double]]](repeating: [], count: chunks.count)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
                out[c] = self.evaluate(chunks[c], runners[c], theta, inputs)
            }
        }
        guard parts.count > 1 else { return parts.first ?? tape.outputs.map { _ in [] } }
        return tape.outputs.indices.map { k in
            var values: [Double] = []
            values.reserveCapacity(rows)
            for part in parts { values += part[k] }
            return values
        }
    }

    /// The outputs on the rows of `range`, one array per expression.
    private func evaluate(_ range: Range<Int>, _ runner: TapeRunner, _ theta: [Double], _ inputs: [Double])
        -> [[Double]]
    {
        runner.setScalars(inputs)
        var out = tape.outputs.map { _ in [Double](repeating: 0, count: range.count) }
        var eta = predictors.map { _ in [Double](repeating: 0, count: runner.blockSize) }
        let coefficients = predictors.map { Array(theta[$0.slots]) }
        var start = range.lowerBound
        while start < range.upperBound {
            let n = min(runner.blockSize, range.upperBound - start)
            for (k, p) in predictors.enumerated() {
                let w = coefficients[k]
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
                let offset = start - range.lowerBound
                for i in 0..<n { out[k][offset + i] = o[i] }
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
