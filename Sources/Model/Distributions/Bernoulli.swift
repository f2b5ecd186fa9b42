import CGSL
import Foundation
import Symbolic

/// Bernoulli(p): 1 with probability p, else 0.
public struct Bernoulli: Distribution {
    public init() {}
    public let name = "Bernoulli"
    public let parameters = [DistributionParameter(name: "p", domain: .unitInterval)]
    public let support = Support.binary
    public let concaveLink: ConcaveLink? = ConcaveLink(argument: 0, function: .sigmoid)
    public let probabilityArgument: Int? = 0

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        Double(gsl_ran_bernoulli(rng.generator, a[0]))
    }

    /// y·log p + (1 − y)·log(1 − p); with p = σ(t), the canonical form y·t − softplus(t).
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        if let t = logisticArgument(a[0]) { return y * t - softplus(t) }
        return y * log(a[0]) + (1 - y) * log(1 - a[0])
    }

    /// As Binomial(1, p): log P(Y ≤ y) = log I_{1−p}(1 − y, y + 1).
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { y.store.apply(.logBetaI, [1 - y, y + 1, 1 - a[0]]) }

    /// As Binomial(1, p): log P(Y > y) = log I_p(y + 1, 1 − y) (log p at y = 0, −∞ at y = 1).
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { y.store.apply(.logBetaI, [y + 1, 1 - y, a[0]]) }
}
