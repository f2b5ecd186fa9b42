import CGSL
import Foundation
import Symbolic

/// Exponential(λ): waiting times with rate λ > 0 (mean 1/λ).
public struct Exponential: Distribution {
    public init() {}
    public let name = "Exponential"
    public let parameters = [DistributionParameter(name: "λ", domain: .positive)]
    public let support = Support.nonnegative

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        gsl_ran_exponential(rng.generator, 1 / a[0])  // GSL takes the mean
    }

    /// log λ − λ·y
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr { log(a[0]) - a[0] * y }

    /// log P(Y > y) = −λ·y
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { -(a[0] * y) }

    /// log P(Y ≤ y) = log(1 − e^{−λy})
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { (-(a[0] * y)).apply(.log1mexp) }
}
