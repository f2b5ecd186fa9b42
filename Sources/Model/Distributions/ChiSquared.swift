import CGSL
import Foundation
import Symbolic

/// ChiSquared(k): k > 0 degrees of freedom, the Gamma(k/2, ½) distribution.
public struct ChiSquared: Distribution {
    public init() {}
    public let name = "ChiSquared"
    public let parameters = [DistributionParameter(name: "k", domain: .positive)]
    public let support = Support.positive

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        gsl_ran_chisq(rng.generator, a[0])
    }

    /// (k/2 − 1)·log y − y/2 − (k/2)·log 2 − log Γ(k/2)
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        let half = a[0] / 2
        return (half - 1) * log(y) - y / 2 - half * Foundation.log(2.0) - lgamma(half)
    }

    /// log P(Y ≤ y) = log P(k/2, y/2)
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { y.store.apply(.logGammaP, [a[0] / 2, y / 2]) }

    /// log P(Y > y) = log Q(k/2, y/2), accurate far into the tail (p-values).
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { y.store.apply(.logGammaQ, [a[0] / 2, y / 2]) }
}
