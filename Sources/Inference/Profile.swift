import Foundation

/// A parameter's profile log-likelihood ℓ_p(ψ) = max over the other parameters of
/// ℓ with this one fixed at ψ, and the profile-likelihood interval
/// {ψ : 2(ℓ̂ − ℓ_p(ψ)) ≤ χ²₁(level)} it gives: the likelihood-ratio test inverted.
///
/// The points are where ℓ_p was evaluated, with the signed root
/// r(ψ) = sign(ψ − ψ̂)·√(2(ℓ̂ − ℓ_p(ψ))), which is linear in ψ exactly when the
/// profile is quadratic (then the profile and Wald intervals agree); a plot of r
/// against ψ shows how far from that the likelihood is. The interval is invariant
/// under reparametrisation: it is computed on the parameter's own scale.
public struct Profile: Sendable {
    public struct Point: Sendable, Equatable {
        /// ψ, on the parameter's own scale.
        public let value: Double
        public let logLikelihood: Double
        public let signedRoot: Double

        public init(value: Double, logLikelihood: Double, signedRoot: Double) {
            self.value = value
            self.logLikelihood = logLikelihood
            self.signedRoot = signedRoot
        }
    }

    /// How one end of the interval was found.
    public enum End: Sendable, Equatable {
        /// ℓ_p crosses the cutoff here (a root of ℓ_p(ψ) = ℓ̂ − χ²₁/2).
        case crossing(Double)
        /// The estimate is on this edge of the domain (3 heads in 3 flips: p̂ = 1), so the
        /// interval is one-sided and ends there.
        case boundary(Double)
        /// ℓ_p stays above the cutoff all the way to the domain's edge (or ±∞): the data
        /// do not bound the parameter on this side at this level.
        case open(Double)
        /// The restricted fit failed beyond the last value reached, for the reason given.
        case failed(Double, reason: String)

        public var value: Double {
            switch self {
            case .crossing(let x), .boundary(let x), .open(let x), .failed(let x, _): return x
            }
        }
    }

    public let name: String
    public let slot: Int
    public let level: Double
    public let estimate: Double
    /// ℓ̂, the maximum the profile is measured from.
    public let maximum: Double
    public let lower: End
    public let upper: End
    /// The evaluated points, in increasing ψ, the estimate among them (r = 0).
    public let points: [Point]

    public init(
        name: String, slot: Int, level: Double, estimate: Double, maximum: Double, lower: End, upper: End,
        points: [Point]
    ) {
        self.name = name
        self.slot = slot
        self.level = level
        self.estimate = estimate
        self.maximum = maximum
        self.lower = lower
        self.upper = upper
        self.points = points.sorted { $0.value < $1.value }
    }

    /// χ²₁(level): the drop 2(ℓ̂ − ℓ_p) at the interval's ends (3.841458820694124 at 95%).
    public var cutoff: Double { Profile.cutoff(level: level) }

    public static func cutoff(level: Double) -> Double { Probability.chiSquaredQuantile(level, df: 1) }

    /// r(ψ) = sign(ψ − ψ̂)·√(2(ℓ̂ − ℓ_p)); a rounding-level rise above ℓ̂ counts as 0.
    public static func signedRoot(value: Double, estimate: Double, profile: Double, maximum: Double) -> Double {
        let drop = max(0, maximum - profile)
        let r = (2 * drop).squareRoot()
        return value < estimate ? -r : r
    }

    /// [lower, upper].
    public var interval: (Double, Double) { (lower.value, upper.value) }

    /// (U − ψ̂)/(ψ̂ − L): 1 for a symmetric interval (a quadratic profile); nil when either
    /// side is not a crossing.
    public var asymmetry: Double? {
        guard case .crossing(let l) = lower, case .crossing(let u) = upper, estimate > l, u > estimate else {
            return nil
        }
        return (u - estimate) / (estimate - l)
    }

    /// One side at least 25% longer than the other: the Wald interval (symmetric by
    /// construction) misplaces the ends, and the profile interval should be read.
    public var isAsymmetric: Bool {
        guard let a = asymmetry else { return false }
        return a >= Profile.asymmetryThreshold || a <= 1 / Profile.asymmetryThreshold
    }

    public static let asymmetryThreshold = 1.25
}
