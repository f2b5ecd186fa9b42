import CGSL
import Foundation
import Symbolic

/// Poisson(λ): counts with mean λ > 0.
public struct Poisson: Distribution {
    public init() {}
    public let name = "Poisson"
    public let parameters = [DistributionParameter(name: "λ", domain: .positive)]
    public let support = Support.count
    public let concaveLink: ConcaveLink? = ConcaveLink(argument: 0, function: .exp)

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        Double(gsl_ran_poisson(rng.generator, a[0]))
    }

    /// y·log λ − λ − log Γ(y + 1); with λ = exp(t), y·t − exp(t) − log Γ(y + 1).
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        y * log(a[0]) - a[0] - lgamma(y + 1)
    }

    /// log P(Y ≤ y) = log Q(y + 1, λ) (the upper regularised incomplete gamma function).
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { y.store.apply(.logGammaQ, [y + 1, a[0]]) }

    /// log P(Y > y) = log P(y + 1, λ); at y = −1 it is log P(0, λ) = 0.
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { y.store.apply(.logGammaP, [y + 1, a[0]]) }
}
