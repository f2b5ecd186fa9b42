import LinearAlgebra
import Symbolic

/// A prior on one param: `β ~ Normal(0, 1)`, applied to each of its components; or, for
/// a simplex param, `P ~ Dirichlet(α)`, applied to each of its rows.
public struct PriorTerm: Sendable {
    public let parameter: String
    public let slots: Range<Int>
    public let family: any Distribution
    /// The prior's arguments when they are numbers (they never depend on params).
    public let arguments: [Double]
    /// As written: "β ~ Normal(0, 1)".
    public let description: String
    /// For a prior over a simplex: the components of each row (V).
    public let outcomes: Int?

    public init(
        parameter: String, slots: Range<Int>, family: any Distribution, arguments: [Double], description: String,
        outcomes: Int? = nil
    ) {
        self.parameter = parameter
        self.slots = slots
        self.family = family
        self.arguments = arguments
        self.description = description
        self.outcomes = outcomes
    }

    /// The log-prior of one component x: log p(x) for a prior per component, its part
    /// (α − 1)·log x of a Dirichlet row.
    public func component(_ x: Expr) -> Expr {
        let args = arguments.map { x.store.constant($0) }
        return family.simplexComponent(x, args) ?? family.logDensity(x, args)
    }

    /// The part of the log-prior that is the same whatever θ: each simplex row's normaliser.
    public var constant: Double {
        guard let v = outcomes, let c = family.simplexNormaliser(outcomes: v, arguments) else { return 0 }
        return c * Double(slots.count / v)
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
        let total = priors.reduce(0) { $0 + $1.slots.count }
        if total <= StatisticalModel.symbolicPriorLimit {
            for prior in priors {
                for slot in prior.slots { pieces.append(prior.component(store.symbol(.parameter(slot)))) }
                if prior.constant != 0 { pieces.append(store.constant(prior.constant)) }
            }
        }
        logPrior = store.add(pieces)
        priorEvaluators = priors.map { PriorEvaluator($0, store: store) }
    }

    /// Priors over at most this many components are also written out symbolically (for
    /// `derive` and the closed form); beyond it they are evaluated component by component.
    public static let symbolicPriorLimit = 1000

    let priorEvaluators: [PriorEvaluator]

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
        for p in priorEvaluators {
            p.accumulate(theta, order: order, value: &e.value, gradient: &e.gradient, hessian: &e.hessian)
        }
        return e
    }

    /// The same with the Hessian kept sparse (for a model summarised by statistics, too large for
    /// a dense one): a prior per component adds only to the diagonal.
    public func evaluateSparse(_ theta: [Double], withPrior: Bool) -> (
        value: Double, gradient: [Double], hessian: SparseSymmetric
    ) {
        var e = likelihood.evaluateSparse(theta)
        guard withPrior, hasPriors else { return e }
        for p in priorEvaluators {
            p.accumulate(theta, order: 2, value: &e.value, gradient: &e.gradient, hessian: &e.hessian)
        }
        return e
    }

    /// The parameter symbols that appear (scalar slots), in θ order.
    public var parameterSymbols: [Symbol] { (0..<layout.count).map { .parameter($0) } }

    /// ℓ's displayed name: ℓ(μ, σ).
    public var signature: String { "ℓ(" + layout.entries.map(\.name).joined(separator: ", ") + ")" }
}
