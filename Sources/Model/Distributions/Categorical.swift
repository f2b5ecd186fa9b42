import CGSL
import Foundation
import Symbolic

/// Categorical(p): one of K outcomes, outcome k with probability pₖ (p a simplex). The
/// outcomes are the whole numbers 1…K, or a text column's levels in sorted order.
///
/// Its argument is a vector; each row's response picks one component, p_y, and the model
/// gives `logDensity` that component: log p(y) = log p_y. With p a simplex param (or a row
/// of one, `P[d.prev]`) p_y is that param's component picked by the row, so ℓ factors into
/// counts per outcome; with p = softmax(B·x) it is exp(η_y − logsumexp(η)), and log p_y is
/// η_y − logsumexp(η) (the multinomial logit).
public struct Categorical: Distribution {
    public init() {}
    public let name = "Categorical"
    public let parameters = [DistributionParameter(name: "p", domain: .simplex)]
    public let support = Support.category
    public let outcomeProbabilities: Int? = 0

    /// An outcome 1…K drawn with probabilities `a` (the whole vector, normalised).
    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        let total = a.reduce(0, +)
        guard total > 0, a.allSatisfy({ $0 >= 0 }) else { return .nan }
        let u = gsl_rng_uniform(rng.generator) * total
        var acc = 0.0
        for (k, p) in a.enumerated() {
            acc += p
            if u < acc { return Double(k + 1) }
        }
        return Double(a.count)
    }

    /// log p_y, where a[0] is already the picked component p_y.
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr { log(a[0]) }
}
