import Dispatch
import LinearAlgebra
import Symbolic

/// Per-row values of expressions in a term's data and the params, compiled once into a
/// tape and re-run at new parameter values (a nonlinear mean and its derivatives for
/// least squares). Linear predictors ηₖ = Xₖ·wₖ in the expressions are formed per block
/// from the current w.
public final class RowEvaluator: @unchecked Sendable {
    let tape: Tape
    let predictors: [LinearPredictor]
    /// Where each of the tape's row inputs comes from (RowBlocks.inputSources).
    let sources: [(Int, [Double]?, Int?)]
    /// Row ranges evaluated in parallel (one per core for large data), each with its own runner.
    let chunks: [Range<Int>]
    let runners: [TapeRunner]

    init(_ expressions: [Expr], rows: Int, columns: [Symbol: [Double]], predictors: [LinearPredictor]) {
        let tape = Tape(outputs: expressions)
        self.tape = tape
        chunks = RowBlocks.chunks(rows: rows, blockSize: RowEvaluator.blockSize)
        runners = chunks.map { _ in TapeRunner(tape: tape, blockSize: RowEvaluator.blockSize) }
        let used = Set(tape.rowInputs.map(\.symbol))
        self.predictors = predictors.filter { used.contains($0.symbol) }
        sources = RowBlocks.inputSources(tape, columns: columns, predictors: self.predictors.map(\.symbol))
    }

    public static let blockSize = 1024

    /// One block's outputs: rows `start ..< start + count`, expression k's values at
    /// `output(k)[0 ..< count]` (valid only during the call).
    public struct Block {
        public let start: Int
        public let count: Int
        let runner: TapeRunner

        public func output(_ k: Int) -> UnsafePointer<Double> { runner.output(k) }
    }

    /// Runs the expressions over every row at θ and hands each block to `body`: the chunks of
    /// rows on every core at once, so `body` is called from several threads and must write
    /// only to its block's rows.
    public func forEachBlock(_ theta: [Double], _ body: (Block) -> Void) {
        var scalars: [Symbol: Double] = [:]
        for (i, v) in theta.enumerated() { scalars[.parameter(i)] = v }
        let inputs = tape.scalarInputs.map { $0.expr.evaluate(scalars) }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let visit = body
            DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
                let (range, runner) = (chunks[c], runners[c])
                runner.setScalars(inputs)
                RowBlocks.run(range, blockSize: runner.blockSize, runner, sources, predictors, theta) { start, n in
                    visit(Block(start: start, count: n, runner: runner))
                }
            }
        }
    }
}

extension LogLikelihood {
    /// A compiled per-row evaluator of expressions over term `t`'s rows (data and params).
    public func rowEvaluator(_ expressions: [Expr], term t: Int) -> RowEvaluator {
        RowEvaluator(expressions, rows: terms[t].rows, columns: columns, predictors: predictors)
    }
}
