import CGSL
import Symbolic

/// Where a distribution's parameter lives (for checking a parameter's declared
/// constraint and for the transform the optimiser works in).
public enum Domain: Sendable, Equatable, CustomStringConvertible {
    case real
    case positive
    /// The closed unit interval [0, 1] (a probability).
    case unitInterval
    case nonnegativeInteger
    /// A vector of probabilities summing to 1 (a simplex param, a row of one, or a softmax).
    case simplex

    public var description: String {
        switch self {
        case .real: return "any real number"
        case .positive: return "> 0"
        case .unitInterval: return "in [0, 1]"
        case .nonnegativeInteger: return "a whole number ≥ 0"
        case .simplex: return "a vector of probabilities summing to 1"
        }
    }

    public func contains(_ x: Double) -> Bool {
        switch self {
        case .real: return x.isFinite
        case .positive: return x > 0 && x.isFinite
        case .unitInterval: return x >= 0 && x <= 1
        case .nonnegativeInteger: return x >= 0 && x.isWholeNumber
        case .simplex: return x >= 0 && x <= 1
        }
    }
}

/// The values an observation of a distribution can take.
public enum Support: Sendable, Equatable, CustomStringConvertible {
    case real
    case positive
    case nonnegative
    case openUnitInterval
    case binary
    case count
    /// 0, 1, …, N where N is the distribution's argument at this index.
    case countUpTo(argument: Int)
    /// One of K categories: a whole number from 1 to K, or a text level.
    case category

    public var description: String {
        switch self {
        case .real: return "a finite real number"
        case .positive: return "a number > 0"
        case .nonnegative: return "a number ≥ 0"
        case .openUnitInterval: return "a number strictly between 0 and 1"
        case .binary: return "0 or 1"
        case .count: return "a whole number ≥ 0"
        case .countUpTo: return "a whole number from 0 to N"
        case .category: return "a category: a whole number from 1 to K, or a text level"
        }
    }

    /// Whether the values are whole numbers (a probability mass function, P(Y ≥ y) = P(Y > y − 1)).
    public var isDiscrete: Bool {
        switch self {
        case .binary, .count, .countUpTo, .category: return true
        default: return false
        }
    }

    /// Whether `y` is in the support, given the distribution's arguments for this row.
    public func contains(_ y: Double, arguments: [Double]) -> Bool {
        switch self {
        case .real: return y.isFinite
        case .positive: return y > 0 && y.isFinite
        case .nonnegative: return y >= 0 && y.isFinite
        case .openUnitInterval: return y > 0 && y < 1
        case .binary: return y == 0 || y == 1
        case .count: return y >= 0 && y.isWholeNumber
        case .countUpTo(let k):
            let n = k < arguments.count && !arguments[k].isNaN ? arguments[k] : .infinity
            return y >= 0 && y.isWholeNumber && y <= n
        case .category: return y >= 1 && y.isWholeNumber
        }
    }
}

/// One parameter of a distribution: its conventional name and domain.
public struct DistributionParameter: Sendable {
    public let name: String
    public let domain: Domain
}

/// A family of probability distributions, one file each under Distributions/.
public protocol Distribution: Sendable {
    /// The name scripts use: `Normal`.
    var name: String { get }
    var parameters: [DistributionParameter] { get }
    var support: Support { get }
    /// One draw, for `sample(...)`; arguments are in `parameters` order and in their domains.
    func draw(_ arguments: [Double], using rng: RandomSource) -> Double
    /// log p(y | arguments) for one row, in stable log-space form.
    func logDensity(_ y: Expr, _ arguments: [Expr]) -> Expr
    /// log P(Y > y), stable in the upper tail, or nil when not available.
    func logSurvival(_ y: Expr, _ arguments: [Expr]) -> Expr?
    /// log P(Y ≤ y), stable in the lower tail, or nil when not available.
    func logCDF(_ y: Expr, _ arguments: [Expr]) -> Expr?

    // Capabilities that fitting asks for (never the family's name).

    /// The arguments of a Normal in its mean and standard deviation: least squares
    /// applies when the mean is linear in the parameters, and a prior of this family
    /// with constant arguments is a ridge penalty. nil for every other family.
    var gaussianArguments: GaussianArguments? { get }
    /// The argument that is a probability in [0, 1] of the response's upper value
    /// (Bernoulli's p, Binomial's p): through σ(t) a linear predictor can push it
    /// to 0 or 1, which is how separation arises. nil if there is none.
    var probabilityArgument: Int? { get }
    /// The argument and inverse link through which log p(y | ·) is concave in a linear
    /// predictor t for every y in the support and every value of the other (data) arguments,
    /// with curvature w(t) that changes by at most the factor e^|Δ| when t moves by Δ: the
    /// canonical links of the exponential families (Bernoulli's and Binomial's p = σ(t), with
    /// w = N·σ(t)(1 − σ(t)); Poisson's λ = exp(t), with w = exp(t)). Through it the fit proves
    /// that a maximum exists without walking rays (`ConcaveExistence`). nil for other families.
    var concaveLink: ConcaveLink? { get }
    /// The argument that is a vector of probabilities over the outcomes, of which each row's
    /// response picks one (Categorical's p): the model passes `logDensity` that picked
    /// component, p_y, in its place. nil if there is none.
    var outcomeProbabilities: Int? { get }
    /// For a prior on a simplex param (Dirichlet): the log-density of one simplex row of V
    /// components is `simplexNormaliser(V, arguments) + Σⱼ simplexComponent(θⱼ, arguments)`.
    /// nil for a family that is not a distribution over a simplex.
    func simplexComponent(_ x: Expr, _ arguments: [Expr]) -> Expr?
    func simplexNormaliser(outcomes: Int, _ arguments: [Double]) -> Double?
    /// How the location and scale are estimated exactly when ℓ is not smooth in the
    /// location (Laplace: the sample median and the mean absolute deviation). nil: ℓ is smooth.
    var locationEstimate: LocationEstimate? { get }
    /// Arguments that bound the support (Uniform's a ≤ y ≤ b): their MLE is the sample
    /// minimum or maximum, on the edge where ℓ stops being finite. nil for other families.
    var edgeEstimate: EdgeEstimate? { get }
    /// Whether ℓ can have several local maxima even for i.i.d. data (Cauchy): the fit says so.
    var mayBeMultimodal: Bool { get }
    /// Start values read from i.i.d. data, per argument (nil: no suggestion), for an
    /// iterative fit whose params are the arguments themselves (Cauchy: the median and half
    /// the interquartile range, where the likelihood's main mode usually is).
    func startingValues(_ y: [Double]) -> [Double?]
    /// Other families this one becomes with one argument fixed (Gamma with α = 1 is the
    /// Exponential; Student-t with ν = ∞ is the Normal): how `compare` recognises a model
    /// nested in one of another family. Empty for most.
    var specialCases: [SpecialCase] { get }
    /// The Fisher information of one observation in the family's own arguments,
    /// I_jk(a) = −E[∂² log p(Y | a)/∂a_j∂a_k], as expressions in the arguments (a Normal's
    /// diag(1/σ², 2/σ²)); nil when not provided. Rows of data arguments (a Binomial's N) are 0.
    func fisherInformation(_ arguments: [Expr]) -> [[Expr]]?
    /// The mixture's structure (weights and components) when the family is a finite
    /// mixture, which EM fits; nil for every other family.
    var mixture: Mixture? { get }
}

/// An argument of a family written as `function(t)` of a linear predictor t (`Distribution.concaveLink`).
public struct ConcaveLink: Sendable, Equatable {
    public let argument: Int
    public let function: Function
}

/// A location–scale family whose location MLE is a sample quantile.
public enum LocationEstimate: Sendable, Equatable {
    /// μ̂ = the sample median (any point between the two middle values for even n; the
    /// midpoint is reported), scale b̂ = mean |y − μ̂| (the same for every median).
    case median(location: Int, scale: Int)
}

/// The arguments of a family whose support is [lower, upper].
public struct EdgeEstimate: Sendable, Equatable {
    public let lower: Int
    public let upper: Int
    public init(lower: Int, upper: Int) {
        self.lower = lower
        self.upper = upper
    }
}

/// This family with argument `argument` fixed at `value` is the family `family`, whose
/// arguments are this family's `arguments` in order (StudentT(μ, σ, ν) with ν = ∞ is
/// Normal(μ, σ): argument 2, value ∞, arguments [0, 1]).
public struct SpecialCase: Sendable, Equatable {
    public let family: String
    public let argument: Int
    public let value: Double
    public let arguments: [Int]
    public init(family: String, argument: Int, value: Double, arguments: [Int]) {
        self.family = family
        self.argument = argument
        self.value = value
        self.arguments = arguments
    }
}

/// Which arguments of a Gaussian family are its mean and standard deviation.
public struct GaussianArguments: Sendable, Equatable {
    public let mean: Int
    public let standardDeviation: Int
    public init(mean: Int, standardDeviation: Int) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
}

extension Distribution {
    public func logSurvival(_ y: Expr, _ arguments: [Expr]) -> Expr? { nil }
    public func logCDF(_ y: Expr, _ arguments: [Expr]) -> Expr? { nil }
    public var gaussianArguments: GaussianArguments? { nil }
    public var probabilityArgument: Int? { nil }
    public var concaveLink: ConcaveLink? { nil }
    public var locationEstimate: LocationEstimate? { nil }
    public var edgeEstimate: EdgeEstimate? { nil }
    public var mayBeMultimodal: Bool { false }
    public func startingValues(_ y: [Double]) -> [Double?] { [] }
    public var specialCases: [SpecialCase] { [] }
    public func fisherInformation(_ arguments: [Expr]) -> [[Expr]]? { nil }
    public var mixture: Mixture? { nil }
    public var outcomeProbabilities: Int? { nil }
    public func simplexComponent(_ x: Expr, _ arguments: [Expr]) -> Expr? { nil }
    public func simplexNormaliser(outcomes: Int, _ arguments: [Double]) -> Double? { nil }
    /// Whether the family is a distribution over a simplex (a prior for simplex params only).
    public var isSimplexDistribution: Bool { simplexNormaliser(outcomes: 2, [1]) != nil }
}

/// The argument t when an expression is σ(t) (a logistic link), else nil.
func logisticArgument(_ p: Expr) -> Expr? {
    if let (f, args) = p.application, f == .sigmoid { return args[0] }
    return nil
}

/// Every distribution mle knows, by name.
public enum Distributions {
    public static let all: [any Distribution] = [
        Normal(), Bernoulli(), Binomial(), Poisson(), Exponential(), BetaDistribution(), GammaDistribution(),
        LogNormal(), StudentT(), Weibull(), NegativeBinomial(), Geometric(), Laplace(), Cauchy(), Uniform(),
        ChiSquared(),
        Categorical(), Dirichlet(),
    ]

    /// The family of that name; `Mixture` names a template whose components the checker fills in.
    public static func named(_ name: String) -> (any Distribution)? {
        all.first { $0.name == name } ?? (name == Mixture.familyName ? Mixture.template : nil)
    }

    public static var names: [String] { all.map(\.name) + [Mixture.familyName] }
}

/// A seeded Mersenne Twister (GSL's mt19937), so `sample(..., seed: 42)` is reproducible.
public final class RandomSource {
    let rng: UnsafeMutablePointer<gsl_rng>?

    public init(seed: UInt64) {
        rng = mle_gsl_rng(UInt(truncatingIfNeeded: seed))
    }

    deinit { if let rng { gsl_rng_free(rng) } }

    var generator: UnsafeMutablePointer<gsl_rng>? { rng }
}

extension Double {
    /// Whether this is a finite whole number, without `rounded()`, which the baseline x86-64
    /// build calls from the C library for every value (a count response's support check over a
    /// million rows spent most of its time there): below 2⁵² through Int64, and at or above it
    /// every finite double is whole.
    @inline(__always)
    var isWholeNumber: Bool {
        Swift.abs(self) < 4_503_599_627_370_496 ? Double(Int64(self)) == self : isFinite
    }
}
