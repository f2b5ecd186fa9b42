import CGSL
import Foundation
import Symbolic

/// Binomial(N, p): successes in N independent trials of probability p.
public struct Binomial: Distribution {
    public init() {}
    public let name = "Binomial"
    public let parameters = [
        DistributionParameter(name: "N", domain: .nonnegativeInteger),
        DistributionParameter(name: "p", domain: .unitInterval),
    ]
    public let support = Support.countUpTo(argument: 0)
    public let concaveLink: ConcaveLink? = ConcaveLink(argument: 1, function: .sigmoid)
    public let probabilityArgument: Int? = 1

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        Double(gsl_ran_binomial(rng.generator, a[1], UInt32(clamping: Int(a[0]))))
    }

    /// log C(N, y) + y·log p + (N − y)·log(1 − p); with p = σ(t), y·t − N·softplus(t) + log C(N, y).
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        let (n, p) = (a[0], a[1])
        let choose = lgamma(n + 1) - lgamma(y + 1) - lgamma(n - y + 1)
        if let t = logisticArgument(p) { return choose + y * t - n * softplus(t) }
        return choose + y * log(p) + (n - y) * log(1 - p)
    }

    /// log P(Y ≤ y) = log I_{1−p}(N − y, y + 1); 0 at y = N.
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { y.store.apply(.logBetaI, [a[0] - y, y + 1, 1 - a[1]]) }

    /// log P(Y > y) = log I_p(y + 1, N − y); −∞ at y = N, 0 at y = −1.
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { y.store.apply(.logBetaI, [y + 1, a[0] - y, a[1]]) }
}
