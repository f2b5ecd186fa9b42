import CGSL
import Foundation
import Symbolic

/// Gamma(α, β): shape α > 0 and rate β > 0 (mean α/β).
public struct GammaDistribution: Distribution {
    public init() {}
    public let name = "Gamma"
    public let parameters = [
        DistributionParameter(name: "α", domain: .positive), DistributionParameter(name: "β", domain: .positive),
    ]
    public let support = Support.positive

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        gsl_ran_gamma(rng.generator, a[0], 1 / a[1])  // GSL takes the scale
    }

    /// α·log β − log Γ(α) + (α − 1)·log y − β·y
    public func logDensity(_ y: Expr, _ p: [Expr]) -> Expr {
        let (alpha, beta) = (p[0], p[1])
        return alpha * log(beta) - lgamma(alpha) + (alpha - 1) * log(y) - beta * y
    }

    /// log P(Y ≤ y) = log P(α, βy), the regularised lower incomplete gamma function.
    public func logCDF(_ y: Expr, _ p: [Expr]) -> Expr? { y.store.apply(.logGammaP, [p[0], p[1] * y]) }

    /// log P(Y > y) = log Q(α, βy).
    public func logSurvival(_ y: Expr, _ p: [Expr]) -> Expr? { y.store.apply(.logGammaQ, [p[0], p[1] * y]) }
}
