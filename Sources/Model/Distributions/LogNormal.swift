import CGSL
import Foundation
import Symbolic

/// LogNormal(μ, σ): log Y ~ Normal(μ, σ) (R's meanlog and sdlog).
public struct LogNormal: Distribution {
    public init() {}
    public let name = "LogNormal"
    public let parameters = [
        DistributionParameter(name: "μ", domain: .real), DistributionParameter(name: "σ", domain: .positive),
    ]
    public let support = Support.positive

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        gsl_ran_lognormal(rng.generator, a[0], a[1])
    }

    /// −log y − log σ − ½·log 2π − (log y − μ)²/(2σ²): the Normal density of log y with the
    /// Jacobian −log y, which is data only, so μ̂ = mean(log y) falls out as for a Normal.
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        let (mu, sigma) = (a[0], a[1])
        return -log(y) - log(sigma) - 0.5 * Foundation.log(2 * Double.pi) - (log(y) - mu).squared / (2 * sigma.squared)
    }

    /// log P(Y ≤ y) = log Φ((log y − μ)/σ)
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { ((log(y) - a[0]) / a[1]).apply(.logNormalCDF) }

    /// log P(Y > y) = log Φ((μ − log y)/σ)
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { ((a[0] - log(y)) / a[1]).apply(.logNormalCDF) }
}
