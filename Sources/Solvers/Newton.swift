import Foundation
import LinearAlgebra

/// Newton's method with the exact Hessian and a backtracking line search.
///
/// Where −∇²f is not positive definite the step uses −∇²f + λI, λ raised until a
/// Cholesky factorisation succeeds (a Levenberg–Marquardt safeguard), so every
/// step is an ascent direction. Converges when the Newton decrement
/// gᵀ(−H)⁻¹g/2 falls below `tolerance`·max(1, |f|) or the gradient vanishes.
public struct Newton {
    public var maximumIterations = 200
    /// Relative tolerance on the Newton decrement (half the predicted increase of f).
    public var tolerance = 1e-20
    public var onIteration: ((Iteration) -> Void)?

    public init(maximumIterations: Int = 200, tolerance: Double = 1e-20) {
        self.maximumIterations = maximumIterations
        self.tolerance = tolerance
    }

    public func maximize(_ f: some Objective, from start: [Double]) -> SolverResult {
        var x = start
        var (value, gradient, hessian) = f.evaluate(x, order: 2)
        var history: [Iteration] = []
        func record(_ k: Int, _ t: Double) {
            let it = Iteration(number: k, value: value, gradientNorm: gradient.maxNorm, stepSize: t)
            history.append(it)
            onIteration?(it)
        }
        record(0, 0)
        guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
            return SolverResult(x: x, value: value, gradient: gradient, iterations: 0, status: .notFinite, history: history)
        }
        for k in 1...maximumIterations {
            guard let direction = Newton.ascentDirection(hessian, gradient) else {
                return SolverResult(x: x, value: value, gradient: gradient, iterations: k - 1, status: .notFinite, history: history)
            }
            let decrement = zip(gradient, direction).reduce(0) { $0 + $1.0 * $1.1 } / 2
            if decrement <= tolerance * max(1, abs(value)) || gradient.maxNorm == 0 {
                return SolverResult(x: x, value: value, gradient: gradient, iterations: k - 1, status: .converged, history: history)
            }
            guard let (next, t) = Newton.lineSearch(f, x, value, gradient, direction) else {
                let status: SolverResult.Status = decrement <= 1e-10 * max(1, abs(value)) ? .converged : .stalled
                return SolverResult(x: x, value: value, gradient: gradient, iterations: k - 1, status: status, history: history)
            }
            x = next
            (value, gradient, hessian) = f.evaluate(x, order: 2)
            record(k, t)
            guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
                return SolverResult(x: x, value: value, gradient: gradient, iterations: k, status: .notFinite, history: history)
            }
        }
        return SolverResult(x: x, value: value, gradient: gradient, iterations: maximumIterations, status: .iterationLimit,
                            history: history)
    }

    /// d solving (−H + λI)·d = g with the smallest λ ≥ 0 that makes the matrix positive definite.
    static func ascentDirection(_ h: Matrix, _ g: [Double]) -> [Double]? {
        let n = g.count
        var negative = h.map { -$0 }
        if let d = negative.solveSPD(g) { return d }
        let scale = max(1e-10, (0..<n).map { abs(h[$0, $0]) }.max() ?? 1)
        var lambda = 1e-8 * scale
        for _ in 0..<40 {
            var shifted = negative
            for i in 0..<n { shifted[i, i] += lambda }
            if let d = shifted.solveSPD(g) { return d }
            lambda *= 10
        }
        negative = Matrix.identity(n)
        return g
    }

    /// Backtracking (Armijo) along d from x: the first t in 1, ½, ¼, … with f(x + t·d) ≥ f(x) + 10⁻⁴·t·gᵀd.
    static func lineSearch(_ f: some Objective, _ x: [Double], _ value: Double, _ g: [Double], _ d: [Double])
        -> ([Double], Double)? {
        let slope = zip(g, d).reduce(0) { $0 + $1.0 * $1.1 }
        var t = 1.0
        for _ in 0..<60 {
            let candidate = zip(x, d).map { $0 + t * $1 }
            let v = f.evaluate(candidate, order: 0).value
            if v.isFinite, v >= value + 1e-4 * t * slope, v >= value { return (candidate, t) }
            t /= 2
        }
        return nil
    }
}
