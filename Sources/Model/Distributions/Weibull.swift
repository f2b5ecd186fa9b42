import CGSL
import Foundation
import Symbolic

/// Weibull(k, λ): shape k > 0 and scale λ > 0 (R's dweibull(shape, scale)). The
/// accelerated-failure-time model of survreg is Weibull(1/σ, exp(x·b)).
public struct Weibull: Distribution {
    public init() {}
    public let name = "Weibull"
    public let parameters = [
        DistributionParameter(name: "k", domain: .positive), DistributionParameter(name: "λ", domain: .positive),
    ]
    public let support = Support.positive

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        gsl_ran_weibull(rng.generator, a[1], a[0])  // GSL takes (scale, shape)
    }

    /// (y/λ)ᵏ written exp(k·(log y − log λ)), so λ = exp(η) gives log λ = η exactly.
    func power(_ y: Expr, _ a: [Expr]) -> Expr { exp(a[0] * (log(y) - log(a[1]))) }

    /// log k − log λ + (k − 1)(log y − log λ) − (y/λ)ᵏ
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        let (k, lambda) = (a[0], a[1])
        return log(k) - log(lambda) + (k - 1) * (log(y) - log(lambda)) - power(y, a)
    }

    /// log P(Y > y) = −(y/λ)ᵏ
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { -power(y, a) }

    /// log P(Y ≤ y) = log(1 − e^{−(y/λ)ᵏ})
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { (-power(y, a)).apply(.log1mexp) }
}
