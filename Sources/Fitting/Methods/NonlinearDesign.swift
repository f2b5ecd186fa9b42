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
    let base: [Double]
    let evaluator: RowEvaluator
    /// Scalar parameters differentiated symbolically (∂μ/∂θₛ is an output), and the predictors
    /// (∂μ/∂ηₚ is an output, times the predictor's data matrix).
    let scalarSlots: [Int]
    let predictors: [LinearPredictor]
    let response: [Double]
    /// √wᵢ (1 without weights).
    let rootWeights: [Double]
    let weightSum: Double

    var dimension: Int { slots.count }
    var start: [Double] { zip(transforms, slots).map { $0.u(base[$1]) } }
    /// √wᵢ·yᵢ: what an exact fit is judged against.
    var responseScale: [Double] { zip(response, rootWeights).map { $0 * $1 } }

    struct NotApplicable: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    func theta(_ u: [Double]) -> [Double] {
        var t = base
        for (k, slot) in slots.enumerated() { t[slot] = transforms[k].theta(u[k]) }
        return t
    }

    func residuals(_ u: [Double], jacobian: Bool) -> (r: [Double], jacobian: Matrix?)? {
        let t = theta(u)
        let values = evaluator.evaluate(t)
        let n = response.count
        var r = [Double](repeating: 0, count: n)
        for i in 0..<n { r[i] = rootWeights[i] * (response[i] - values[0][i]) }
        guard r.allSatisfy(\.isFinite) else { return nil }
        guard jacobian else { return (r, nil) }
        let k = slots.count
        var j = Matrix(rows: n, columns: k)
        let chain = zip(transforms, u).map { $0.derivatives($1).first }
        for (c, _) in scalarSlots.enumerated() {
            let d = values[1 + c]
            for i in 0..<n { j[i, c] = -rootWeights[i] * d[i] * chain[c] }
        }
        var c = scalarSlots.count
        for (p, predictor) in predictors.enumerated() {
            let d = values[1 + scalarSlots.count + p]
            for col in 0..<predictor.length {
                for i in 0..<n { j[i, c] = -rootWeights[i] * d[i] * predictor.matrix[i, col] * chain[c] }
                c += 1
            }
        }
        guard j.elements.allSatisfy(\.isFinite) else { return nil }
        return (r, j)
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
        let weights = data.count > 1 ? data[1] : [Double](repeating: 1, count: term.rows)
        return .success(
            NonlinearDesign(
                slots: slots, transforms: slots.map { model.layout.transforms[$0] }, scale: scale,
                base: model.layout.start, evaluator: likelihood.rowEvaluator([mu] + derivatives, term: 0),
                scalarSlots: scalars, predictors: predictors, response: data[0],
                rootWeights: weights.map { $0.squareRoot() }, weightSum: weights.reduce(0, +)))
    }
}
