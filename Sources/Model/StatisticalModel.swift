import LinearAlgebra
import Symbolic

/// A prior on one param: `β ~ Normal(0, 1)`, applied to each of its components.
public struct PriorTerm: Sendable {
    public let parameter: String
    public let slots: Range<Int>
    public let family: any Distribution
    /// The prior's arguments when they are numbers (they never depend on params).
    public let arguments: [Double]
    /// As written: "β ~ Normal(0, 1)".
    public let description: String

    public init(
        parameter: String, slots: Range<Int>, family: any Distribution, arguments: [Double], description: String
    ) {
        self.parameter = parameter
        self.slots = slots
        self.family = family
        self.arguments = arguments
        self.description = description
    }
}

/// A model ready to fit: the layout of θ, its likelihood terms lowered to the
/// symbolic IR with their statistics computed, and the priors. Built once per
/// set of definitions; every later stage (fitting, inference, show, derive)
/// reads it and none rebuilds it.
public final class StatisticalModel: @unchecked Sendable {
    public let name: String
    public let store: ExprStore
    public let layout: ParameterLayout
    public let terms: [LikelihoodTerm]
    public let likelihood: LogLikelihood
    public let priors: [PriorTerm]
    /// Σ log p(θ) over the priors (0 when there are none).
    public let logPrior: Expr
    /// For display: "η = w·x".
    public let predictorDescriptions: [Symbol: String]
    /// Each term as written: "y ~ Normal(μ, σ) weight w".
    public let termDescriptions: [String]
    /// Each term's data as written, left of `~`: "log(y)".
    public let responseDescriptions: [String]

    public init(
        name: String, store: ExprStore, layout: ParameterLayout, terms: [LikelihoodTerm], likelihood: LogLikelihood,
        priors: [PriorTerm], predictorDescriptions: [Symbol: String], termDescriptions: [String],
        responseDescriptions: [String] = []
    ) {
        self.responseDescriptions = responseDescriptions
        self.name = name
        self.store = store
        self.layout = layout
        self.terms = terms
        self.likelihood = likelihood
        self.priors = priors
        self.predictorDescriptions = predictorDescriptions
        self.termDescriptions = termDescriptions
        var pieces: [Expr] = []
        for prior in priors {
            let args = prior.arguments.map { store.constant($0) }
            for slot in prior.slots { pieces.append(prior.family.logDensity(store.symbol(.parameter(slot)), args)) }
        }
        let prior = store.add(pieces)
        let parameters = prior.symbols.filter { if case .parameter = $0 { return true } else { return false } }.sorted()
        let gradient = parameters.map { prior.derivative(withRespectTo: $0) }
        logPrior = prior
        priorParameters = parameters
        priorGradient = gradient
        priorHessian = gradient.map { g in parameters.map { g.derivative(withRespectTo: $0) } }
    }

    private let priorParameters: [Symbol]
    private let priorGradient: [Expr]
    private let priorHessian: [[Expr]]

    /// Observations: rows of every term (a weighted row counts once; a row of weight 0 not at all).
    public var rowCount: Int { likelihood.observations.reduce(0, +) }
    public var hasPriors: Bool { !priors.isEmpty }
    public var priorNames: [String] { priors.map(\.description) }

    /// "y ~ Normal(μ, σ); z ~ Poisson(λ)".
    public var description: String { termDescriptions.joined(separator: "; ") }

    /// ℓ (and optionally the log-prior) with its derivatives at θ.
    public func evaluate(_ theta: [Double], order: Int, withPrior: Bool) -> LogLikelihood.Evaluation {
        var e = likelihood.evaluate(theta, order: order)
        guard withPrior, hasPriors else { return e }
        var values: [Symbol: Double] = [:]
        for (i, x) in theta.enumerated() { values[.parameter(i)] = x }
        e.value += logPrior.evaluate(values)
        if order >= 1 {
            for (a, p) in priorParameters.enumerated() {
                guard case .parameter(let i) = p else { continue }
                e.gradient[i] += priorGradient[a].evaluate(values)
                guard order >= 2 else { continue }
                for (b, q) in priorParameters.enumerated() {
                    guard case .parameter(let j) = q else { continue }
                    e.hessian[i, j] += priorHessian[a][b].evaluate(values)
                }
            }
        }
        return e
    }

    /// The parameter symbols that appear (scalar slots), in θ order.
    public var parameterSymbols: [Symbol] { (0..<layout.count).map { .parameter($0) } }

    /// ℓ's displayed name: ℓ(μ, σ).
    public var signature: String { "ℓ(" + layout.entries.map(\.name).joined(separator: ", ") + ")" }
}
