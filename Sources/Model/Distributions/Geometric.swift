import CGSL
import Foundation
import Symbolic

/// Geometric(p): the number of failures before the first success, success probability p
/// (R's dgeom); P(Y = y) = p·(1 − p)ʸ, y = 0, 1, 2, …
public struct Geometric: Distribution {
    public init() {}
    public let name = "Geometric"
    public let parameters = [DistributionParameter(name: "p", domain: .unitInterval)]
    public let support = Support.count
    public let probabilityArgument: Int? = nil

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        Double(gsl_ran_geometric(rng.generator, a[0])) - 1  // GSL counts trials, the success included
    }

    /// log p + y·log(1 − p)
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr { log(a[0]) + y * log(1 - a[0]) }

    /// log P(Y > y) = (y + 1)·log(1 − p)
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { (y + 1) * log(1 - a[0]) }

    /// log P(Y ≤ y) = log(1 − (1 − p)^{y+1})
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { ((y + 1) * log(1 - a[0])).apply(.log1mexp) }
}
