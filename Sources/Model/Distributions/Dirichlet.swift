import Foundation
import Symbolic

/// Dirichlet(α): a symmetric distribution over a simplex of V components, as a prior on a
/// simplex param (`prior P ~ Dirichlet(2)`, applied to each of its rows):
///
///     log π(θ) = lgamma(V·α) − V·lgamma(α) + Σⱼ (α − 1)·log θⱼ.
///
/// With counts c in a row, the posterior mode is (cⱼ + α − 1)/(Σc + V·(α − 1)): α = 1 is flat
/// (the MLE), α = 2 adds one to every count (Laplace's add-one smoothing).
public struct Dirichlet: Distribution {
    public init() {}
    public let name = "Dirichlet"
    public let parameters = [DistributionParameter(name: "α", domain: .positive)]
    public let support = Support.openUnitInterval

    /// A simplex's draws are vectors; `sample` draws numbers (the checker refuses it).
    public func draw(_ a: [Double], using rng: RandomSource) -> Double { .nan }

    /// One component's part: (α − 1)·log θⱼ.
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr { (a[0] - 1) * log(y) }

    public func simplexComponent(_ x: Expr, _ a: [Expr]) -> Expr? { logDensity(x, a) }

    /// lgamma(V·α) − V·lgamma(α), the log of the normalising constant.
    public func simplexNormaliser(outcomes v: Int, _ a: [Double]) -> Double? {
        let alpha = a.first ?? 1
        return lgamma(Double(v) * alpha) - Double(v) * lgamma(alpha)
    }
}
