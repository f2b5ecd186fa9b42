import CGSL
import Foundation
import Symbolic

/// Uniform(a, b): every value in [a, b] equally likely, a < b.
///
/// ℓ = −n·log(b − a) while every observation lies in [a, b], and −∞ otherwise, so the
/// MLE is on the edge of the parameter space: â = min y, b̂ = max y, where ℓ is not
/// differentiable and has no Wald standard error (`edgeEstimate`).
public struct Uniform: Distribution {
    public init() {}
    public let name = "Uniform"
    public let parameters = [
        DistributionParameter(name: "a", domain: .real), DistributionParameter(name: "b", domain: .real),
    ]
    public let support = Support.real
    public let edgeEstimate: EdgeEstimate? = EdgeEstimate(lower: 0, upper: 1)

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        gsl_ran_flat(rng.generator, a[0], a[1])
    }

    /// −log(b − a) + log 1{y ≥ a} + log 1{b ≥ y}
    public func logDensity(_ y: Expr, _ p: [Expr]) -> Expr {
        -log(p[1] - p[0]) + (y - p[0]).apply(.logStep) + (p[1] - y).apply(.logStep)
    }

    /// log P(Y ≤ y) = log(y − a) − log(b − a), for a ≤ y ≤ b.
    public func logCDF(_ y: Expr, _ p: [Expr]) -> Expr? { log(y - p[0]) - log(p[1] - p[0]) }

    /// log P(Y > y) = log(b − y) − log(b − a), for a ≤ y ≤ b.
    public func logSurvival(_ y: Expr, _ p: [Expr]) -> Expr? { log(p[1] - y) - log(p[1] - p[0]) }
}
