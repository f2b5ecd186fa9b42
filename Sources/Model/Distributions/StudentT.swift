import CGSL
import Foundation
import Symbolic

/// StudentT(μ, σ, ν): location μ, scale σ > 0 and ν > 0 degrees of freedom
/// (Y = μ + σ·T with T ~ t_ν); ν may be estimated.
public struct StudentT: Distribution {
    public init() {}
    public let name = "StudentT"
    public let parameters = [
        DistributionParameter(name: "μ", domain: .real), DistributionParameter(name: "σ", domain: .positive),
        DistributionParameter(name: "ν", domain: .positive),
    ]
    public let support = Support.real

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        a[0] + a[1] * gsl_ran_tdist(rng.generator, a[2])
    }

    /// log Γ((ν+1)/2) − log Γ(ν/2) − ½·log(νπ) − log σ − (ν+1)/2 · log(1 + z²/ν), z = (y − μ)/σ
    /// (log1p keeps the tails; nothing is raised to the power −(ν+1)/2).
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        let (mu, sigma, nu) = (a[0], a[1], a[2])
        let z = (y - mu) / sigma
        return lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu) - 0.5 * Foundation.log(Double.pi) - log(sigma)
            - (nu + 1) / 2 * log1p(z.squared / nu)
    }

    /// log P(Y ≤ y) = log F_t((y − μ)/σ; ν)
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? {
        y.store.apply(.logStudentTCDF, [(y - a[0]) / a[1], a[2]])
    }

    /// log P(Y > y) = log F_t((μ − y)/σ; ν), by symmetry.
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? {
        y.store.apply(.logStudentTCDF, [(a[0] - y) / a[1], a[2]])
    }
}
