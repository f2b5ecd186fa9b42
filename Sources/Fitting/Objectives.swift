import LinearAlgebra
import Model
import Solvers

/// ℓ (+ log-prior) in θ coordinates, for solvers: over the `free` slots, the others
/// held at their values in `base` (all slots free unless some are fixed).
struct ModelObjective: Objective {
    let model: StatisticalModel
    let withPrior: Bool
    /// The slots the solver moves, in θ order, and θ with the fixed slots' values.
    let free: [Int]
    let base: [Double]
    /// Whether every slot is free (then x is θ itself, without copying).
    let isComplete: Bool

    init(model: StatisticalModel, withPrior: Bool, free: [Int]? = nil, base: [Double]? = nil) {
        let k = model.layout.count
        self.model = model
        self.withPrior = withPrior
        self.free = free ?? Array(0..<k)
        self.base = base ?? model.layout.start
        isComplete = self.free.count == k
    }

    var dimension: Int { free.count }

    /// θ over every slot from the free slots' values.
    func full(_ x: [Double]) -> [Double] {
        if isComplete { return x }
        var theta = base
        for (i, slot) in free.enumerated() { theta[slot] = x[i] }
        return theta
    }

    func evaluate(_ x: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
        let e = model.evaluate(full(x), order: order, withPrior: withPrior)
        if isComplete { return (e.value, e.gradient, e.hessian) }
        let gradient = order >= 1 ? free.map { e.gradient[$0] } : []
        var hessian = Matrix(rows: order >= 2 ? free.count : 0, columns: order >= 2 ? free.count : 0)
        if order >= 2 {
            for (a, i) in free.enumerated() { for (b, j) in free.enumerated() { hessian[a, b] = e.hessian[i, j] } }
        }
        return (e.value, gradient, hessian)
    }
}

/// The same in unconstrained coordinates u (θ = T(u), `ParameterCoordinates`), by the chain
/// rule: ∇ᵤ = Jᵀ·∇θ, ∇²ᵤ = Jᵀ·∇²θ·J + Σₖ (∇θ)ₖ·∇²ᵤθₖ. A scalar slot is one coordinate (log,
/// logit or itself); a simplex row of V components is V − 1 coordinates (its log-ratios).
/// Slots the inner objective holds fixed have no coordinate (a simplex row with a held
/// component keeps the others on what it leaves), and `theta(u)` is θ over every slot.
struct UnconstrainedObjective: Objective {
    let inner: ModelObjective
    let coordinates: ParameterCoordinates
    var dimension: Int { coordinates.dimension }

    init(inner: ModelObjective) {
        self.inner = inner
        if inner.isComplete {
            coordinates = inner.model.layout.coordinates
        } else {
            let moving = Set(inner.free)
            let fixed = (0..<inner.base.count).filter { !moving.contains($0) }
            coordinates = ParameterCoordinates(
                inner.model.layout, holding: Dictionary(uniqueKeysWithValues: fixed.map { ($0, inner.base[$0]) }))
        }
    }

    /// The start values in u.
    var start: [Double] { coordinates.u(inner.base) }

    /// θ over every slot (the held ones at their values).
    func theta(_ u: [Double]) -> [Double] { coordinates.theta(u) }

    func evaluate(_ u: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
        let e = inner.model.evaluate(theta(u), order: order, withPrior: inner.withPrior)
        guard order >= 1 else { return (e.value, [], Matrix(rows: 0, columns: 0)) }
        let gu = coordinates.gradient(u, e.gradient)
        guard order >= 2 else { return (e.value, gu, Matrix(rows: 0, columns: 0)) }
        return (e.value, gu, coordinates.hessian(u, e.gradient, e.hessian))
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
