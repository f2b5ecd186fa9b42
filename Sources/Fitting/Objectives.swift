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

/// The same in unconstrained coordinates u (θ = T(u), `ParameterCoordinates`), by the chain
/// rule: ∇ᵤ = Jᵀ·∇θ, ∇²ᵤ = Jᵀ·∇²θ·J + Σₖ (∇θ)ₖ·∇²ᵤθₖ. A scalar slot is one coordinate (log,
/// logit or itself); a simplex row of V components is V − 1 coordinates (its log-ratios).
struct UnconstrainedObjective: Objective {
    let inner: ModelObjective
    let coordinates: ParameterCoordinates
    var dimension: Int { coordinates.dimension }

    init(inner: ModelObjective) {
        self.inner = inner
        coordinates = inner.model.layout.coordinates
    }

    /// The start values in u.
    var start: [Double] { coordinates.u(inner.model.layout.start) }

    func theta(_ u: [Double]) -> [Double] { coordinates.theta(u) }

    func evaluate(_ u: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
        let (v, g, h) = inner.evaluate(theta(u), order: order)
        guard order >= 1 else { return (v, g, h) }
        let gu = coordinates.gradient(u, g)
        guard order >= 2 else { return (v, gu, h) }
        return (v, gu, coordinates.hessian(u, g, h))
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
