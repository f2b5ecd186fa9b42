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
