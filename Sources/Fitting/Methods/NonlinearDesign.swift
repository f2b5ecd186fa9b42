import Foundation
import LinearAlgebra
import Model
import Solvers
import Symbolic

/// A Normal term whose mean μ(x, β) depends on the parameters β (not linearly: that is
/// least squares' case) and whose σ is a separate parameter or a constant: the residuals
/// rᵢ = √wᵢ·(yᵢ − μᵢ) and their Jacobian −√wᵢ·∂μᵢ/∂β, as a solver's `ResidualObjective`
/// over β in unconstrained coordinates u (β = T(u), ∂r/∂u = ∂r/∂β·T′(u)).
struct NonlinearDesign: ResidualObjective {
    /// θ slots of the mean's coefficients (scalar params, then linear-predictor components).
    let slots: [Int]
    let transforms: [ParameterTransform]
    let scale: LinearDesign.Scale
    /// θ at the start (every slot), into which β is written.
    var base: [Double]
    let evaluator: RowEvaluator
    /// Scalar parameters differentiated symbolically (∂μ/∂θₛ is an output), and the predictors
    /// (∂μ/∂ηₚ is an output, times the predictor's data matrix).
    let scalarSlots: [Int]
    let predictors: [LinearPredictor]
    let response: [Double]
    /// √wᵢ (nil without weights: every wᵢ is 1).
    let rootWeights: [Double]?
    let weightSum: Double

    var dimension: Int { slots.count }
    var start: [Double] { zip(transforms, slots).map { $0.u(base[$1]) } }
    /// √wᵢ·yᵢ: what an exact fit is judged against.
    var responseScale: [Double] { rootWeights.map { zip(response, $0).map { $0 * $1 } } ?? response }

    struct NotApplicable: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    func theta(_ u: [Double]) -> [Double] {
        var t = base
        for (k, slot) in slots.enumerated() { t[slot] = transforms[k].theta(u[k]) }
        return t
    }

    /// rᵢ and, if asked for, J's row i, written by each block of the evaluator as it is made
    /// (on every core at once); nil if any is not finite.
    func residuals(_ u: [Double], jacobian: Bool) -> (r: [Double], jacobian: Matrix?)? {
        let t = theta(u)
        let n = response.count
        let k = jacobian ? slots.count : 0
        // ∂r/∂u for each column: −√wᵢ·∂μᵢ/∂β·T′(u) (times the predictor's data for its columns).
        let chain = zip(transforms, u).map { -$0.derivatives($1).first }
        var columnOutput: [(output: Int, predictor: Int?, column: Int)] = []
        for c in scalarSlots.indices where jacobian { columnOutput.append((1 + c, nil, 0)) }
        for (p, predictor) in predictors.enumerated() where jacobian {
            for col in 0..<predictor.length { columnOutput.append((1 + scalarSlots.count + p, p, col)) }
        }
        // Every element is written by its block (uninitialised, not zeroed first: 24 MiB at 10⁶ × 2).
        var r = [Double](unsafeUninitializedCapacity: n) { $1 = n }
        var j = [Double](unsafeUninitializedCapacity: n * k) { $1 = n * k }
        let blocks = (n + RowEvaluator.blockSize - 1) / RowEvaluator.blockSize
        var finite = [Bool](repeating: true, count: blocks)
        // Every array the blocks read or write, as pointers: arrays shared by the threads would
        // pay an atomic reference count on each access.
        let widths = predictors.map(\.length)
        let weighted = rootWeights != nil
        ArrayPointers.with([response, rootWeights ?? []] + predictors.map(\.matrix.elements)) { inputs in
            r.withUnsafeMutableBufferPointer { rBuffer in
                j.withUnsafeMutableBufferPointer { jBuffer in
                    finite.withUnsafeMutableBufferPointer { finiteBuffer in
                        nonisolated(unsafe) let (r, j, ok) = (rBuffer, jBuffer, finiteBuffer)
                        nonisolated(unsafe) let (y, w, data) = (inputs[0], inputs[1], Array(inputs[2...]))
                        evaluator.forEachBlock(t) { block in
                            let (mu, start, count) = (block.output(0), block.start, block.count)
                            // v·0 is 0 for every finite v and NaN otherwise: their sum says whether
                            // all were finite, without a branch per value.
                            var check = 0.0
                            let (yBlock, rBlock) = (y + start, r.baseAddress! + start)
                            if weighted {
                                let wBlock = w + start
                                for i in 0..<count {
                                    let v = wBlock[i] * (yBlock[i] - mu[i])
                                    rBlock[i] = v
                                    check += v * 0
                                }
                            } else {
                                for i in 0..<count {
                                    let v = yBlock[i] - mu[i]
                                    rBlock[i] = v
                                    check += v * 0
                                }
                            }
                            // Column c of J's rows, strided by k: (√wᵢ·∂μᵢ)·xᵢ (for a predictor's column)·(−T′(u)).
                            for (c, source) in columnOutput.enumerated() {
                                let (d, factor) = (block.output(source.output), chain[c])
                                let out = j.baseAddress! + start * k + c
                                let wBlock = weighted ? w + start : nil
                                if let p = source.predictor {
                                    let (x, width) = (data[p] + start * widths[p] + source.column, widths[p])
                                    for i in 0..<count {
                                        let v = (wBlock.map { $0[i] * d[i] } ?? d[i]) * x[i * width] * factor
                                        out[i * k] = v
                                        check += v * 0
                                    }
                                } else if let wBlock {
                                    for i in 0..<count {
                                        let v = wBlock[i] * d[i] * factor
                                        out[i * k] = v
                                        check += v * 0
                                    }
                                } else {
                                    for i in 0..<count {
                                        let v = d[i] * factor
                                        out[i * k] = v
                                        check += v * 0
                                    }
                                }
                            }
                            let allFinite = check == 0
                            ok[block.start / RowEvaluator.blockSize] = allFinite
                        }
                    }
                }
            }
        }
        guard finite.allSatisfy({ $0 }) else { return nil }
        return (r, jacobian ? Matrix(rows: n, columns: k, elements: j) : nil)
    }

    /// ℓ maximised over σ at a given RSS: −(n/2)·(log(2π·RSS/n) + 1).
    static func profileLogLikelihood(_ rss: Double, _ n: Double) -> Double {
        -n / 2 * (log(2 * Double.pi * rss / n) + 1)
    }

    /// The design of a model, or why it does not have this shape.
    static func of(_ model: StatisticalModel) -> Result<NonlinearDesign, NotApplicable> {
        let likelihood = model.likelihood
        guard likelihood.terms.count == 1, let term = likelihood.terms.first,
            let gaussian = term.family.gaussianArguments
        else { return .failure(NotApplicable(FittingMessage.notASingleNormalTerm)) }
        guard term.censored == nil else { return .failure(NotApplicable(FittingMessage.censoredNotLeastSquares)) }
        guard !model.hasPriors else { return .failure(NotApplicable(FittingMessage.otherPriors)) }
        let (mu, sigma) = (term.arguments[gaussian.mean], term.arguments[gaussian.standardDeviation])
        let scalars = mu.symbols.compactMap { s -> Int? in
            if case .parameter(let i) = s { return i } else { return nil }
        }.sorted()
        let predictors = likelihood.predictors.filter { mu.depends(on: $0.symbol) }
        guard !scalars.isEmpty || !predictors.isEmpty else {
            return .failure(NotApplicable(FittingMessage.meanHasNoParameters))
        }
        let scale: LinearDesign.Scale
        if let s = sigma.symbol, case .parameter(let i) = s, !mu.depends(on: s) {
            scale = .parameter(i)
        } else if !sigma.dependsOnParameters, !sigma.isRowLevel, case let v = sigma.evaluate([:]), v > 0 {
            scale = .known(v)
        } else {
            return .failure(NotApplicable(FittingMessage.scaleNotSimple))
        }
        let derivatives =
            scalars.map { mu.derivative(withRespectTo: .parameter($0)) }
            + predictors.map { mu.derivative(withRespectTo: $0.symbol) }
        let data = likelihood.perRow([term.response] + (term.weight.map { [$0] } ?? []), term: 0)
        guard !data.isEmpty else { return .failure(NotApplicable(FittingMessage.dataNotEvaluated)) }
        guard derivatives.contains(where: \.dependsOnParameters) else {
            return .failure(NotApplicable(FittingMessage.meanIsLinear))
        }
        let slots = scalars + predictors.flatMap { Array($0.slots) }
        let weights = data.count > 1 ? data[1] : nil
        return .success(
            NonlinearDesign(
                slots: slots, transforms: slots.map { model.layout.transforms[$0] }, scale: scale,
                base: model.layout.start, evaluator: likelihood.rowEvaluator([mu] + derivatives, term: 0),
                scalarSlots: scalars, predictors: predictors, response: data[0],
                rootWeights: weights.map { $0.map { $0.squareRoot() } },
                weightSum: weights.map { $0.reduce(0, +) } ?? Double(term.rows)))
    }
}
