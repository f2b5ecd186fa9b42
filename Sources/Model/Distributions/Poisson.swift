import CGSL
import Foundation
import Symbolic

/// Poisson(λ): counts with mean λ > 0.
public struct Poisson: Distribution {
    public init() {}
    public let name = "Poisson"
    public let parameters = [DistributionParameter(name: "λ", domain: .positive)]
    public let support = Support.count

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        Double(gsl_ran_poisson(rng.generator, a[0]))
    }

    /// y·log λ − λ − log Γ(y + 1); with λ = exp(t), y·t − exp(t) − log Γ(y + 1).
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        y * log(a[0]) - a[0] - lgamma(y + 1)
    }
}
