import CGSL
import Foundation
import Symbolic

/// Cauchy(μ, σ): location μ and scale σ > 0. Its likelihood can have several local
/// maxima (one near each cluster of data), so a fit reports the maximum Newton's
/// method reaches from its start and says that others may exist.
public struct Cauchy: Distribution {
    public init() {}
    public let name = "Cauchy"
    public let parameters = [
        DistributionParameter(name: "μ", domain: .real), DistributionParameter(name: "σ", domain: .positive),
    ]
    public let support = Support.real
    public let mayBeMultimodal = true

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        a[0] + gsl_ran_cauchy(rng.generator, a[1])
    }

    /// −log π − log σ − log(1 + z²), z = (y − μ)/σ
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        -Foundation.log(Double.pi) - log(a[1]) - log1p(((y - a[0]) / a[1]).squared)
    }

    /// log P(Y ≤ y) = log(½ + atan(z)/π), stable in the left tail.
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { ((y - a[0]) / a[1]).apply(.logCauchyCDF) }

    /// log P(Y > y) = log F(−z), by symmetry.
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { ((a[0] - y) / a[1]).apply(.logCauchyCDF) }
}
