import Foundation
import LinearAlgebra
import Symbolic

/// One pass over a term's rows through one compiled tape: some outputs summed over
/// the rows, others kept per row. EM's E-step runs as one such pass — the marginal
/// ℓ, the responsibilities and the responsibility-weighted statistics in the same
/// tape — in blocks of rows, the linear predictors through BLAS per block, and the
/// rows split into one chunk per core for large data (as `TermEvaluator` does), the
/// chunks' sums merged in order so the result does not depend on timing.
final class EStepPass: @unchecked Sendable {
    let rows: Int
    let columns: [Symbol: [Double]]
    let predictors: [LinearPredictor]
    let tape: Tape
    /// Outputs 0..<summedCount are summed over rows; the rest are kept per row.
    let summedCount: Int
    let runners: [TapeRunner]
    let chunks: [Range<Int>]
    static let blockSize = 1024

    init(summed: [Expr], kept: [Expr], rows: Int, columns: [Symbol: [Double]], predictors: [LinearPredictor]) {
        self.rows = rows
        self.columns = columns
        let outputs = summed + kept
        let symbols = outputs.reduce(into: Set<Symbol>()) { $0.formUnion($1.symbols) }
        self.predictors = predictors.filter { symbols.contains($0.symbol) }
        summedCount = summed.count
        tape = Tape(outputs: outputs)
        chunks = RowBlocks.chunks(rows: rows, blockSize: EStepPass.blockSize)
        runners = chunks.map { [tape] _ in TapeRunner(tape: tape, blockSize: EStepPass.blockSize) }
    }

    /// The summed outputs, and the kept ones row by row, at θ (`scalars` holds θ's slots and
    /// every other scalar symbol the outputs mention: pilots, counts).
    func run(_ theta: [Double], scalars: [Symbol: Double]) -> (sums: [Double], kept: [[Double]]) {
        let inputs = tape.scalarInputs.map { $0.expr.evaluate(scalars) }
        let keptCount = tape.outputs.count - summedCount
        var flat = [Double](repeating: 0, count: keptCount * rows)
        var partials = [[Double]](repeating: [Double](repeating: 0, count: summedCount), count: chunks.count)
        let ranges = chunks
        let n = rows
        flat.withUnsafeMutableBufferPointer { keptBuffer in
            partials.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let out = buffer
                nonisolated(unsafe) let chunkRunners = runners
                nonisolated(unsafe) let keptPointers = (0..<keptCount).map { keptBuffer.baseAddress! + $0 * n }
                DispatchQueue.concurrentPerform(iterations: ranges.count) { c in
                    chunkRunners[c].setScalars(inputs)
                    self.runChunk(ranges[c], chunkRunners[c], theta, keptPointers, &out[c])
                }
            }
        }
        let kept = (0..<keptCount).map { Array(flat[($0 * n)..<(($0 + 1) * n)]) }
        var sums = [Double](repeating: 0, count: summedCount)
        for part in partials { for k in sums.indices { sums[k] += part[k] } }
        return (sums, kept)
    }

    /// One chunk: blocks of rows through the tape.
    func runChunk(
        _ range: Range<Int>, _ runner: TapeRunner, _ theta: [Double], _ kept: [UnsafeMutablePointer<Double>],
        _ sums: inout [Double]
    ) {
        let bindings = RowBlocks.inputSources(tape, columns: columns, predictors: predictors.map(\.symbol))
        RowBlocks.run(range, blockSize: EStepPass.blockSize, runner, bindings, predictors, theta) { start, n in
            for k in 0..<summedCount { sums[k] += RowBlocks.sum(runner, output: k, count: n) }
            for (j, destination) in kept.enumerated() {
                (destination + start).update(from: runner.output(summedCount + j), count: n)
            }
        }
    }
}
