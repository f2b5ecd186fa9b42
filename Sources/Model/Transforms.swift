import Foundation

/// A parameter's map from unconstrained coordinates u ∈ ℝ to its domain, in which
/// the optimiser works: θ = a + eᵘ for θ > a, θ = b − eᵘ for θ < b,
/// θ = a + (b − a)·σ(u) for θ ∈ (a, b), and θ = u otherwise.
public struct ParameterTransform: Sendable {
    public let lower: Double?
    public let upper: Double?

    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    public func theta(_ u: Double) -> Double {
        switch (lower, upper) {
        case (let a?, let b?): return a + (b - a) * ParameterTransform.sigmoid(u)
        case (let a?, nil): return a + exp(u)
        case (nil, let b?): return b - exp(u)
        case (nil, nil): return u
        }
    }

    public func u(_ theta: Double) -> Double {
        switch (lower, upper) {
        case (let a?, let b?):
            let p = (theta - a) / (b - a)
            return log(p) - log1p(-p)
        case (let a?, nil): return log(theta - a)
        case (nil, let b?): return log(b - theta)
        case (nil, nil): return theta
        }
    }

    /// dθ/du and d²θ/du² at u.
    public func derivatives(_ u: Double) -> (first: Double, second: Double) {
        switch (lower, upper) {
        case (let a?, let b?):
            let s = ParameterTransform.sigmoid(u)
            let j = (b - a) * s * (1 - s)
            return (j, j * (1 - 2 * s))
        case (.some, nil): return (exp(u), exp(u))
        case (nil, .some): return (-exp(u), -exp(u))
        case (nil, nil): return (1, 0)
        }
    }

    /// The name of the map, for reports: "log(σ)", "logit(p)".
    public func describe(_ name: String) -> String {
        switch (lower, upper) {
        case (0?, 1?): return "logit(\(name))"
        case (let a?, let b?): return "logit((\(name) − \(a))/(\(b - a)))"
        case (0?, nil): return "log(\(name))"
        case (let a?, nil): return "log(\(name) − \(a))"
        case (nil, let b?): return "log(\(b) − \(name))"
        case (nil, nil): return name
        }
    }

    public var isIdentity: Bool { lower == nil && upper == nil }

    /// Whether θ is strictly inside the domain; on its edge; or outside.
    public func locate(_ theta: Double) -> Location {
        guard theta.isFinite else { return .outside }
        if let a = lower {
            if theta < a { return .outside }
            if theta == a { return .boundary }
        }
        if let b = upper {
            if theta > b { return .outside }
            if theta == b { return .boundary }
        }
        return .interior
    }

    public enum Location { case interior, boundary, outside }

    static func sigmoid(_ u: Double) -> Double { u >= 0 ? 1 / (1 + exp(-u)) : exp(u) / (1 + exp(u)) }
}
