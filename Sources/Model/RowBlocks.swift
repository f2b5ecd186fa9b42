import Foundation
import LinearAlgebra
import Symbolic

/// The steps every blocked pass over a term's rows shares (`TermEvaluator` for ℓ and its
/// derivatives, `EStepPass` for EM's E-step): split the rows into one chunk per core, fill a
/// block's linear predictors through BLAS, bind a tape's row inputs to the block, and sum a
/// tape output over it. Each pass keeps its own block size and its own reductions.
enum RowBlocks {
    /// Row ranges evaluated in parallel: one per core (at most MLE_THREADS) for large data, else
    /// one. Each range but the last is a whole number of blocks of `blockSize` rows. Data are
    /// large when there are many rows, or when each row is much work: `width` is the number of
    /// predictor columns a row carries, whose Hessian costs width²/2 products a row (10⁵ rows of
    /// 200 predictors are 2·10⁹, seconds on one core).
    static func chunks(rows: Int, blockSize: Int, width: Int = 0) -> [Range<Int>] {
        let limit = ProcessInfo.processInfo.environment["MLE_THREADS"].flatMap { Int($0) } ?? 8
        let cores = max(1, min(limit, ProcessInfo.processInfo.activeProcessorCount))
        let count = rows >= 131_072 || (rows >= 4 * blockSize && rows * width >= 1 << 21) ? cores : 1
        let size = ((rows + count - 1) / count + blockSize - 1) / blockSize * blockSize
        return stride(from: 0, to: rows, by: max(1, size)).map { $0..<min(rows, $0 + size) }
    }

    /// Where each of the tape's row inputs comes from: (input slot, the data column it reads,
    /// or the index in `predictors` of the linear predictor it is).
    static func inputSources(
        _ tape: Tape, columns: [Symbol: [Double]], predictors: [Symbol]
    ) -> [(Int, [Double]?, Int?)] {
        tape.rowInputs.enumerated().map { (k, input) in
            (k, columns[input.symbol], predictors.firstIndex(of: input.symbol))
        }
    }

    /// ηₖ[i] = Xₖ[start + i, ·]·wₖ for the block's `count` rows, each wₖ read from θ at the
    /// predictor's offset; `eta[k]` holds at least `count` values.
    static func predict(
        _ predictors: [LinearPredictor], _ theta: [Double], start: Int, count n: Int, into eta: inout [[Double]]
    ) {
        for (k, p) in predictors.enumerated() {
            p.matrix.elements.withUnsafeBufferPointer { x in
                theta.withUnsafeBufferPointer { t in
                    eta[k].withUnsafeMutableBufferPointer { e in
                        BLAS.gemv(
                            rows: n, columns: p.length, alpha: 1, x.baseAddress! + start * p.length,
                            t.baseAddress! + p.offset, beta: 0, e.baseAddress!)
                    }
                }
            }
        }
    }

    /// Binds the runner's row inputs to the block starting at row `start`: a predictor input to
    /// its η block, a column input to the column from that row on.
    static func bind(_ runner: TapeRunner, _ sources: [(Int, [Double]?, Int?)], eta: [[Double]], start: Int) {
        for (k, column, predictor) in sources {
            if let predictor {
                eta[predictor].withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress!) }
            } else if let column {
                column.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress! + start) }
            }
        }
    }

    /// Runs the runner's tape over the rows of `range` a block of `blockSize` rows at a time:
    /// each block's linear predictors formed and its row inputs bound, then `body(start, count)`
    /// reads the outputs from the runner.
    static func run(
        _ range: Range<Int>, blockSize: Int, _ runner: TapeRunner, _ sources: [(Int, [Double]?, Int?)],
        _ predictors: [LinearPredictor], _ theta: [Double], _ body: (_ start: Int, _ count: Int) -> Void
    ) {
        var eta = predictors.map { _ in [Double](repeating: 0, count: blockSize) }
        var start = range.lowerBound
        while start < range.upperBound {
            let n = min(blockSize, range.upperBound - start)
            predict(predictors, theta, start: start, count: n, into: &eta)
            bind(runner, sources, eta: eta, start: start)
            runner.run(count: n)
            body(start, n)
            start += n
        }
    }

    /// The sum of output `k` over the block's first `count` rows: eight running sums, one per
    /// row modulo 8, added in a fixed tree, then the tail in row order. (One running sum is a
    /// chain of dependent additions, four cycles a row: a tenth of an order-2 pass with ten
    /// outputs.) The order is fixed by the block, so every machine adds the same numbers alike.
    static func sum(_ runner: TapeRunner, output k: Int, count n: Int) -> Double {
        let out = runner.output(k)
        var lanes = SIMD8<Double>()
        var i = 0
        while i + 8 <= n {
            lanes += UnsafeRawPointer(out + i).loadUnaligned(as: SIMD8<Double>.self)
            i += 8
        }
        var s = ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]))
        while i < n {
            s += out[i]
            i += 1
        }
        return s
    }
}
