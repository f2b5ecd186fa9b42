import CGSL
import Foundation
import Symbolic

/// Beta(a, b) on (0, 1), shapes a, b > 0.
public struct BetaDistribution: Distribution {
    public init() {}
    public let name = "Beta"
    public let parameters = [
        DistributionParameter(name: "a", domain: .positive), DistributionParameter(name: "b", domain: .positive),
    ]
    public let support = Support.openUnitInterval

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        gsl_ran_beta(rng.generator, a[0], a[1])
    }

    /// (a − 1)·log y + (b − 1)·log(1 − y) − log B(a, b)
    public func logDensity(_ y: Expr, _ p: [Expr]) -> Expr {
        let (a, b) = (p[0], p[1])
        return (a - 1) * log(y) + (b - 1) * log(1 - y) - lgamma(a) - lgamma(b) + lgamma(a + b)
    }

    /// log P(Y ≤ y) = log I_y(a, b)
    public func logCDF(_ y: Expr, _ p: [Expr]) -> Expr? { y.store.apply(.logBetaI, [p[0], p[1], y]) }

    /// log P(Y > y) = log I_{1−y}(b, a)
    public func logSurvival(_ y: Expr, _ p: [Expr]) -> Expr? { y.store.apply(.logBetaI, [p[1], p[0], 1 - y]) }
}
