import Foundation
import Interrupt
import LinearAlgebra

/// Newton's method with the exact Hessian in a trust region (Moré & Sorensen 1983), for
/// maximising a smooth f whose Hessian may be indefinite away from the maximum.
///
/// In scaled coordinates p = D·h, D = diag(√dⱼ) with dⱼ the largest |∂²f/∂xⱼ²| met so far
/// (the method is then blind to each parameter's units), the model is
/// m(p) = g̃ᵀp − ½pᵀS·p with g̃ = D⁻¹∇f and S = −D⁻¹∇²f·D⁻¹. With S = V·Λ·Vᵀ and γ = Vᵀg̃,
/// the step maximising m over ‖p‖ ≤ Δ is p(λ) = V·(Λ + λI)⁻¹γ: Newton's (λ = 0) when S is
/// positive definite and ‖p(0)‖ ≤ Δ; else the λ > max(0, −λ_min) with ‖p(λ)‖ = Δ, found by
/// Newton's iteration on 1/‖p(λ)‖ (nearly linear in λ); in the "hard case" (γ ⟂ the
/// eigenvector of λ_min) the step is completed to the boundary along that eigenvector.
/// The radius follows the gain ratio ρ = actual/predicted increase: halved below ¼,
/// doubled above ¾ at the boundary; a step is taken when ρ > 10⁻⁴.
///
/// Convergence is scale-free: the Newton decrement δ² = gᵀ(−H)⁻¹g = ‖Λ^(−½)γ‖² (invariant
/// to any linear change of parameters) is compared with the rounding of f. Once steps stop
/// being measurable in f, `polish` takes full Newton steps while each one shrinks δ², so the
/// last digits come from the gradient, which keeps them when f cannot (ℓ of a Poisson with
/// λ ≈ 10⁵ is a difference of numbers near 10⁷). The result reports the achieved relative
/// step |hⱼ|/(|xⱼ| + 1/√dⱼ) — the digits the estimate is good to.
public struct TrustRegionNewton {
    public var maximumIterations = 200
    /// Whether a converged maximum is polished on the gradient (`polish`). A caller that reads
    /// only f's value at the maximum (a profile's restricted fits) gains nothing from it: f
    /// is already within its rounding of the maximum once the decrement is.
    public var polishes = true
    public var onIteration: ((Iteration) -> Void)?
    /// Polled once per trial step; true stops the iteration with status `.interrupted`.
    public var isInterrupted: () -> Bool = { Interrupt.requested }

    public init(maximumIterations: Int = 200) { self.maximumIterations = maximumIterations }

    public func maximize(_ f: some Objective, from start: [Double]) -> SolverResult {
        var x = start
        var (value, gradient, hessian) = f.evaluate(x, order: 2)
        var history: [Iteration] = []
        var iterations = 0
        func record(_ t: Double) {
            let it = Iteration(number: iterations, value: value, gradientNorm: gradient.maxNorm, stepSize: t)
            history.append(it)
            onIteration?(it)
        }
        func result(_ status: SolverResult.Status) -> SolverResult {
            SolverResult(
                x: x, value: value, gradient: gradient, iterations: iterations, status: status, history: history)
        }
        record(0)
        guard value.isFinite, gradient.allSatisfy(\.isFinite), hessian.elements.allSatisfy(\.isFinite) else {
            return result(.notFinite)
        }
        var d = [Double](repeating: 0, count: x.count)
        TrustRegionNewton.updateScale(&d, hessian)
        var radius = -1.0
        var evaluations = 0
        while iterations < maximumIterations {
            // Rejected steps count too: at most 10 trials per allowed iteration.
            evaluations += 1
            if evaluations > 10 * maximumIterations { return result(.iterationLimit) }
            if isInterrupted() { return result(.interrupted) }
            guard let model = ScaledModel(gradient, hessian, d) else { return result(.notFinite) }
            if gradient.maxNorm == 0 { return result(.converged) }
            if radius < 0 { radius = model.initialRadius(x, d) }
            if let decrement = model.decrement, decrement <= 4 * Double.ulpOfOne * max(1, abs(value)) {
                if polishes { TrustRegionNewton.polish(f, &x, &value, &gradient, hessian, d) }
                return result(.converged)
            }
            // Stationary where the Hessian is singular (a flat direction): the scaled gradient's
            // possible gain per unit step is below the rounding of f. The identifiability check
            // then names the flat direction.
            if model.decrement == nil, model.g.norm * model.g.norm <= 16 * Double.ulpOfOne * max(1, abs(value)) {
                return result(.converged)
            }
            let (p, onBoundary) = model.step(radius: radius)
            let h = zip(p, d).map { $0 / ($1 > 0 ? $1.squareRoot() : 1) }
            let candidate = zip(x, h).map { $0 + $1 }
            let predicted = model.predictedIncrease(p)
            let next = f.evaluate(candidate, order: 2)
            let actual = next.value.isFinite ? next.value - value : -.infinity
            let rho = predicted > 0 ? actual / predicted : -1
            let size = p.norm
            guard size.isFinite, predicted.isFinite else { return result(.notFinite) }
            if rho < 0.25 {
                radius = 0.25 * min(radius, size)
            } else if rho > 0.75, onBoundary {
                radius = 2 * radius
            }
            let usable = next.gradient.allSatisfy(\.isFinite) && next.hessian.elements.allSatisfy(\.isFinite)
            if rho > 1e-4, usable {
                iterations += 1
                (x, value, gradient, hessian) = (candidate, next.value, next.gradient, next.hessian)
                TrustRegionNewton.updateScale(&d, hessian)
                record(size)
            } else if let decrement = model.decrement,
                abs(actual) <= 1e3 * Double.ulpOfOne * max(1, abs(value))
                    || decrement <= 1e-9 * max(1, abs(value))
            {
                // f cannot resolve the step any more, at a concave point: polish on the gradient.
                if polishes { TrustRegionNewton.polish(f, &x, &value, &gradient, hessian, d) }
                return result(.converged)
            } else if radius <= 1e-15 * max(1, x.norm) {
                return result(.stalled)
            }
        }
        return result(.iterationLimit)
    }

    /// The relative step below which the polish stops: a few units of rounding of each
    /// coordinate's scale, where a step only moves x within its own last bits (a looser bound
    /// loses digits a closed form or a certified value has: NIST ENSO's b5 loses 3).
    static let polishedStep = 4 * Double.ulpOfOne

    /// Whether f at a polished point is no lower than `before` beyond f's rounding: the
    /// polish steps on the gradient where f cannot resolve them, so f may come out a few
    /// units of rounding lower at the better point.
    public static func keepsMaximum(_ value: Double, over before: Double) -> Bool {
        value >= before - 1e3 * Double.ulpOfOne * max(1, abs(before))
    }

    /// dⱼ ← max(dⱼ, |Hⱼⱼ|) (1 where the curvature is 0 or not finite).
    static func updateScale(_ d: inout [Double], _ h: Matrix) {
        for j in d.indices {
            let v = abs(h[j, j])
            if v.isFinite { d[j] = max(d[j], v) }
        }
    }

    /// Full Newton steps while each shrinks the decrement gᵀ(−H)⁻¹g (at most 6), ignoring f
    /// except that it must stay finite and not fall by more than its rounding allows. A step
    /// below `polishedStep` of every coordinate's scale |xⱼ| + 1/√dⱼ is not taken (nor paid
    /// for with a pass over the data): x is already that close.
    ///
    /// The steps are the chord method's: the Hessian of the converged point is kept, and each
    /// candidate is evaluated to order 1 (ℓ and ∇ℓ: with many parameters a fraction of the
    /// cost of ∇²ℓ, whose k² sums dominate a pass). Near the maximum the kept Hessian is wrong
    /// by about the distance moved since, so each step shrinks the next by about that much:
    /// from an estimate good to 10⁻⁷ the second step is already within rounding. Steps this
    /// small stop where the gradient's own rounding does, which a fresh Hessian would not
    /// change. Where the polish ends, the fit forms the Hessian once for the covariance.
    static func polish(
        _ f: some Objective, _ x: inout [Double], _ value: inout Double, _ gradient: inout [Double],
        _ hessian: Matrix, _ d: [Double]
    ) {
        guard let model = ScaledModel(gradient, hessian, d), var current = model.newtonStep(for: gradient),
            current.decrement > 0
        else { return }
        for _ in 0..<6 {
            if relativeSize(current.h, x, model.root) <= polishedStep { return }
            let candidate = zip(x, current.h).map { $0 + $1 }
            let c = f.evaluate(candidate, order: 1)
            guard c.value.isFinite, keepsMaximum(c.value, over: value), c.gradient.allSatisfy(\.isFinite),
                let next = model.newtonStep(for: c.gradient), next.decrement < current.decrement
            else { return }
            (x, value, gradient, current) = (candidate, c.value, c.gradient, next)
        }
    }

    /// The largest |hⱼ|/(|xⱼ| + 1/√dⱼ): how far a step moves x, relative to each coordinate's scale.
    static func relativeSize(_ h: [Double], _ x: [Double], _ root: [Double]) -> Double {
        h.indices.reduce(0) { max($0, abs(h[$1]) / (abs(x[$1]) + 1 / root[$1])) }
    }
}

/// The quadratic model of f at x in scaled coordinates, with the eigendecomposition of S.
public struct ScaledModel {
    let g: [Double]
    /// The eigenvalues of S = D^−½·(−H)·D^−½, increasing.
    public let values: [Double]
    let vectors: Matrix
    /// γ = Vᵀg̃.
    let gamma: [Double]
    /// √dⱼ (1 where dⱼ is 0): p = D·h.
    public let root: [Double]

    public init?(_ gradient: [Double], _ hessian: Matrix, _ d: [Double]) {
        let k = gradient.count
        let root = d.map { $0 > 0 ? $0.squareRoot() : 1 }
        var s = Matrix(rows: k, columns: k)
        for i in 0..<k { for j in 0..<k { s[i, j] = -hessian[i, j] / (root[i] * root[j]) } }
        for i in 0..<k {
            for j in 0..<i {
                s[i, j] = (s[i, j] + s[j, i]) / 2
                s[j, i] = s[i, j]
            }
        }
        guard let (values, vectors) = s.symmetricEigen() else { return nil }
        self.root = root
        self.values = values
        self.vectors = vectors
        g = zip(gradient, root).map { $0 / $1 }
        gamma = ScaledModel.coordinates(of: g, in: vectors)
        guard gamma.allSatisfy(\.isFinite), values.allSatisfy(\.isFinite) else { return nil }
    }

    /// Vᵀv.
    private static func coordinates(of v: [Double], in vectors: Matrix) -> [Double] {
        (0..<v.count).map { c in (0..<v.count).reduce(0) { $0 + vectors[$1, c] * v[$1] } }
    }

    var isPositiveDefinite: Bool { (values.first ?? 0) > 0 }

    /// gᵀ(−H)⁻¹g = Σ γᵢ²/λᵢ when S is positive definite, else nil.
    public var decrement: Double? {
        guard isPositiveDefinite else { return nil }
        return decrement(gamma)
    }

    /// Σ γᵢ²/λᵢ.
    private func decrement(_ gamma: [Double]) -> Double {
        zip(gamma, values).reduce(0) { $0 + $1.0 * $1.0 / $1.1 }
    }

    /// p(λ) = V·(Λ + λI)⁻¹γ.
    func p(_ lambda: Double) -> [Double] { p(lambda, gamma) }

    /// The same for another γ.
    private func p(_ lambda: Double, _ gamma: [Double]) -> [Double] {
        let coefficients = zip(gamma, values).map { $0 / ($1 + lambda) }
        return (0..<gamma.count).map { i in (0..<gamma.count).reduce(0) { $0 + vectors[i, $1] * coefficients[$1] } }
    }

    var newtonStep: [Double] { p(0) }

    /// The Newton step h = D⁻¹·S⁻¹·D⁻¹·g (unscaled) and the decrement gᵀ(−H)⁻¹g for another
    /// gradient at the same curvature (the chord method's step), or nil unless S is positive
    /// definite.
    func newtonStep(for gradient: [Double]) -> (h: [Double], decrement: Double)? {
        guard isPositiveDefinite else { return nil }
        let gamma = ScaledModel.coordinates(of: zip(gradient, root).map { $0 / $1 }, in: vectors)
        return (zip(p(0, gamma), root).map { $0 / $1 }, decrement(gamma))
    }

    /// The first radius: the Newton step's length when S is positive definite, else ‖D·x‖ or 1.
    func initialRadius(_ x: [Double], _ d: [Double]) -> Double {
        if isPositiveDefinite { return max(newtonStep.norm, 1e-8) }
        let scaled = zip(x, d).map { $0 * $1.squareRoot() }.norm
        return scaled > 0 ? scaled : 1
    }

    /// The maximiser of the model over ‖p‖ ≤ Δ, and whether it lies on the boundary.
    func step(radius: Double) -> (p: [Double], onBoundary: Bool) {
        let smallest = values.first ?? 0
        if smallest > 0 {
            let newton = newtonStep
            if newton.norm <= radius { return (newton, false) }
        }
        // φ(λ) = 1/Δ − 1/‖p(λ)‖, increasing and nearly linear in λ: Newton's iteration from the
        // left end of the admissible interval, safeguarded by bisection.
        var low = max(0, -smallest)
        var lambda = low + max(1e-12, 1e-12 * abs(smallest))
        var high = Double.infinity
        for _ in 0..<60 {
            let v = p(lambda)
            let norm = v.norm
            if abs(norm - radius) <= 1e-3 * radius { return (v, true) }
            if norm > radius { low = lambda } else { high = lambda }
            // dφ/dλ = −(Σγᵢ²/(λᵢ+λ)³)/‖p‖³
            let cubic = zip(gamma, values).reduce(0) { $0 + $1.0 * $1.0 / pow($1.1 + lambda, 3) }
            let newton = lambda + (1 / radius - 1 / norm) * pow(norm, 3) / max(cubic, .leastNormalMagnitude)
            lambda = newton > low && newton < high ? newton : (high.isFinite ? (low + high) / 2 : 2 * lambda + 1)
        }
        var v = p(lambda)
        // Hard case: complete to the boundary along the eigenvector of the smallest eigenvalue.
        let shortfall = radius * radius - v.reduce(0) { $0 + $1 * $1 }
        if shortfall > 0, !gamma.isEmpty {
            let tau = shortfall.squareRoot()
            for i in v.indices { v[i] += tau * vectors[i, 0] }
        }
        return (v, true)
    }

    /// m(p) = g̃ᵀp − ½pᵀS·p, the increase the model predicts.
    func predictedIncrease(_ p: [Double]) -> Double {
        let coordinates = (0..<gamma.count).map { c in (0..<p.count).reduce(0) { $0 + vectors[$1, c] * p[$1] } }
        let linear = zip(coordinates, gamma).reduce(0) { $0 + $1.0 * $1.1 }
        let quadratic = zip(coordinates, values).reduce(0) { $0 + $1.1 * $1.0 * $1.0 }
        return linear - quadratic / 2
    }
}

extension Array where Element == Double {
    var norm: Double { reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
