import LinearAlgebra
import Model
import Symbolic
import Syntax

/// A model's statements lowered and prepared: the layout of θ, the symbolic
/// terms, the likelihood with its statistics computed, and the log-prior.
final class BuiltModel {
    let name: String
    let store: ExprStore
    let layout: ParameterLayout
    let terms: [LikelihoodTerm]
    let declarations: [ModelDeclaration]
    let likelihood: LogLikelihood
    /// Σ log p(θ) over the priors (0 when there are none).
    let logPrior: Expr
    /// "β ~ Normal(0, 1)" for each prior on the model's params.
    let priorNames: [String]
    let predictorDescriptions: [Symbol: String]

    init(
        name: String, store: ExprStore, layout: ParameterLayout, terms: [LikelihoodTerm],
        declarations: [ModelDeclaration], likelihood: LogLikelihood, logPrior: Expr, priorNames: [String],
        predictorDescriptions: [Symbol: String]
    ) {
        self.name = name
        self.store = store
        self.layout = layout
        self.terms = terms
        self.declarations = declarations
        self.likelihood = likelihood
        self.logPrior = logPrior
        self.priorNames = priorNames
        self.predictorDescriptions = predictorDescriptions
    }

    var rowCount: Int { terms.reduce(0) { $0 + $1.rows } }
    var hasPriors: Bool { !priorNames.isEmpty }

    /// ℓ (and optionally the log-prior) with its derivatives at θ.
    func evaluate(_ theta: [Double], order: Int, withPrior: Bool) -> LogLikelihood.Evaluation {
        var e = likelihood.evaluate(theta, order: order)
        guard withPrior, hasPriors else { return e }
        var values: [Symbol: Double] = [:]
        for (i, x) in theta.enumerated() { values[.parameter(i)] = x }
        e.value += logPrior.evaluate(values)
        if order >= 1 {
            let params = logPrior.symbols.filter { if case .parameter = $0 { return true } else { return false } }
            for p in params {
                guard case .parameter(let i) = p else { continue }
                let g = logPrior.derivative(withRespectTo: p)
                e.gradient[i] += g.evaluate(values)
                if order >= 2 {
                    for q in params {
                        guard case .parameter(let j) = q else { continue }
                        e.hessian[i, j] += g.derivative(withRespectTo: q).evaluate(values)
                    }
                }
            }
        }
        return e
    }

    /// The parameter symbols that appear (scalar slots), in θ order.
    var parameterSymbols: [Symbol] { (0..<layout.count).map { .parameter($0) } }

    /// ℓ's displayed name: ℓ(μ, σ).
    var signature: String { "ℓ(" + layout.entries.map(\.name).joined(separator: ", ") + ")" }
}
