import LinearAlgebra
import Model
import Solvers

/// ℓ (+ log-prior) in θ coordinates, for solvers.
struct ModelObjective: Objective {
    let model: StatisticalModel
    let withPrior: Bool
    var dimension: Int { model.layout.count }
    func evaluate(_ x: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
        let e = model.evaluate(x, order: order, withPrior: withPrior)
        return (e.value, e.gradient, e.hessian)
    }
}

/// The same in unconstrained coordinates u (θ = T(u)), by the chain rule:
/// ∇ᵤ = J·∇θ, ∇²ᵤ = J·∇²θ·J + diag(∇θ ∘ T″).
struct UnconstrainedObjective: Objective {
    let inner: ModelObjective
    let transforms: [ParameterTransform]
    var dimension: Int { inner.dimension }

    func theta(_ u: [Double]) -> [Double] { zip(transforms, u).map { $0.theta($1) } }

    func evaluate(_ u: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
        let (v, g, h) = inner.evaluate(theta(u), order: order)
        guard order >= 1 else { return (v, g, h) }
        let d = zip(transforms, u).map { $0.derivatives($1) }
        let gu = zip(g, d).map { $0 * $1.first }
        guard order >= 2 else { return (v, gu, h) }
        var hu = h
        for i in 0..<dimension {
            for j in 0..<dimension { hu[i, j] = d[i].first * h[i, j] * d[j].first }
            hu[i, i] += g[i] * d[i].second
        }
        return (v, gu, hu)
    }
}

/// Passes on every iteration of a short run; of a long one (gradient ascent's
/// thousands of steps) the first ten, then every k-th and the last, so a trace
/// stays readable.
struct TraceFilter {
    let total: Int
    let sink: ((Iteration) -> Void)?

    func callAsFunction(_ it: Iteration) {
        let every = max(1, total / 40)
        guard it.number < 10 || it.number % every == 0 || it.number == total else { return }
        sink?(it)
    }
}
