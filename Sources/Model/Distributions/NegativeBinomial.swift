import CGSL
import Foundation
import Symbolic

/// NegativeBinomial(μ, θ): counts with mean μ > 0 and size θ > 0, Var = μ + μ²/θ
/// (NB2, R's dnbinom(size = θ, mu = μ) and MASS::glm.nb's θ).
public struct NegativeBinomial: Distribution {
    public init() {}
    public let name = "NegativeBinomial"
    public let parameters = [
        DistributionParameter(name: "μ", domain: .positive), DistributionParameter(name: "θ", domain: .positive),
    ]
    public let support = Support.count

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        // GSL's p is the success probability θ/(θ + μ), its n the size θ.
        Double(gsl_ran_negative_binomial(rng.generator, a[1] / (a[1] + a[0]), a[1]))
    }

    /// log Γ(y + θ) − log Γ(θ) − log Γ(y + 1) + θ·log(θ/(θ + μ)) + y·log(μ/(θ + μ)), written
    /// log (θ)_y − log Γ(y + 1) − θ·log(1 + μ/θ) + y·log μ − y·log(θ + μ) so that it keeps its
    /// digits as θ grows (the Poisson limit, where the MLE of θ goes to its edge): no two
    /// terms of size θ·log θ cancel. With μ = exp(η), y·log μ is y·η.
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        let (mu, theta) = (a[0], a[1])
        return y.store.apply(.logPochhammer, [theta, y]) - lgamma(y + 1) - theta * log1p(mu / theta) + y * log(mu)
            - y * log(theta + mu)
    }

    /// log P(Y ≤ y) = log I_p(θ, y + 1), p = θ/(θ + μ).
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? {
        let (mu, theta) = (a[0], a[1])
        return y.store.apply(.logBetaI, [theta, y + 1, theta / (theta + mu)])
    }

    /// log P(Y > y) = log I_{1−p}(y + 1, θ), 1 − p = μ/(θ + μ); 0 at y = −1.
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? {
        let (mu, theta) = (a[0], a[1])
        return y.store.apply(.logBetaI, [y + 1, theta, mu / (theta + mu)])
    }
}
