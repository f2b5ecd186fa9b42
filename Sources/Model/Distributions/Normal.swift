import CGSL
import Foundation
import Symbolic

/// Normal(μ, σ): mean μ, standard deviation σ > 0.
public struct Normal: Distribution {
    public init() {}
    public let name = "Normal"
    public let parameters = [
        DistributionParameter(name: "μ", domain: .real), DistributionParameter(name: "σ", domain: .positive),
    ]
    public let support = Support.real
    public let gaussianArguments: GaussianArguments? = GaussianArguments(mean: 0, standardDeviation: 1)

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        a[0] + gsl_ran_gaussian(rng.generator, a[1])
    }

    /// −log σ − ½·log 2π − (y − μ)²/(2σ²)
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        let (mu, sigma) = (a[0], a[1])
        return -log(sigma) - 0.5 * Foundation.log(2 * Double.pi) - (y - mu).squared / (2 * sigma.squared)
    }

    /// log P(Y > y) = log Φ((μ − y)/σ), stable far into the tail.
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? {
        ((a[0] - y) / a[1]).apply(.logNormalCDF)
    }

    /// log P(Y ≤ y) = log Φ((y − μ)/σ)
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { ((y - a[0]) / a[1]).apply(.logNormalCDF) }
}
