import Foundation
import LinearAlgebra
import SeededRandom
import Testing

@testable import Fitting
@testable import Model
@testable import Symbolic

/// The plan's choice of L-BFGS for many parameters, through Fitting's own API.
struct ManyParametersTests {
    @Test("a logistic regression with 1001 coefficients is fitted by L-BFGS, chosen by the plan with its reason")
    func lbfgsIsChosen() throws {
        let (n, k) = (3000, 1001)
        var rng = SplitMix64(seed: 11)
        var x = Matrix(rows: n, columns: k)
        for i in 0..<(n * k) { x.elements[i] = rng.normal() * 0.1 }
        let y = (0..<n).map { _ in rng.uniform() < 0.5 ? 1.0 : 0.0 }
        let store = ExprStore()
        let response = store.symbol(.column(0), name: "y")
        let eta = store.symbol(.predictor(0), name: "η")
        let term = LikelihoodTerm(
            family: Bernoulli(), response: response, arguments: [sigmoid(eta)], weight: nil, censored: nil, rows: n)
        let layout = ParameterLayout(entries: [
            .init(name: "w", offset: 0, length: k, lower: nil, upper: nil, start: [Double](repeating: 0, count: k))
        ])
        let likelihood = try LogLikelihood(
            store: store, terms: [term], priors: store.zero, columns: [.column(0): y],
            predictors: [LinearPredictor(symbol: .predictor(0), matrix: x, offset: 0)], parameterCount: k)
        let model = StatisticalModel(
            name: "m", store: store, layout: layout, terms: [term], likelihood: likelihood, priors: [],
            predictorDescriptions: [.predictor(0): "η = w·X"], termDescriptions: ["y ~ Bernoulli(sigmoid(w·X))"])
        let outcome = try Fitter.fit(FitProblem(model: model))
        #expect(outcome.plan.method == FittingMessage.lbfgsTitle)
        #expect(outcome.plan.reason.contains("1001 parameters"))
        // At the MLE ∇ℓ = Xᵀ(y − σ(Xw)) = 0; L-BFGS stops where ℓ stops improving at working
        // precision, leaving ∇ℓ about √ε·‖∇ℓ at the start‖ (≈ 10⁻⁸·100 here): asserted ≤ 1e-4.
        let gradient = model.evaluate(outcome.estimate, order: 1, withPrior: false).gradient
        #expect((gradient.map(abs).max() ?? 1) < 1e-4)
    }
}
