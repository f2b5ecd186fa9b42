import Foundation
import Interrupt
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
    public var tolerance = 1e-16
    public var onIteration: ((Iteration) -> Void)?
    /// Polled once per iteration; true stops the iteration with status `.interrupted`.
    public var isInterrupted: () -> Bool = { Interrupt.requested }

    public init(maximumIterations: Int = 200, tolerance: Double = 1e-16) {
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
            return SolverResult(
                x: x, value: value, gradient: gradient, iterations: 0, status: .notFinite, history: history)
        }
        for k in 1...maximumIterations {
            if isInterrupted() {
                return SolverResult(
                    x: x, value: value, gradient: gradient, iterations: k - 1, status: .interrupted, history: history)
            }
            guard let direction = Newton.ascentDirection(hessian, gradient) else {
                return SolverResult(
                    x: x, value: value, gradient: gradient, iterations: k - 1, status: .notFinite, history: history)
            }
            let decrement = zip(gradient, direction).reduce(0) { $0 + $1.0 * $1.1 } / 2
            let scale = max(1, abs(value))
            if decrement <= tolerance * scale || gradient.maxNorm == 0 {
                polish(f, &x, &value, &gradient, &hessian, direction)
                return SolverResult(
                    x: x, value: value, gradient: gradient, iterations: k - 1, status: .converged, history: history)
            }
            guard let (next, t) = Newton.lineSearch(f, x, value, gradient, direction) else {
                // No step improves ℓ beyond its rounding: at the maximum to within what ℓ can
                // resolve (then polish on the gradient), or stuck.
                guard decrement <= 1e-9 * scale else {
                    return SolverResult(
                        x: x, value: value, gradient: gradient, iterations: k - 1, status: .stalled, history: history)
                }
                polish(f, &x, &value, &gradient, &hessian, direction)
                return SolverResult(
                    x: x, value: value, gradient: gradient, iterations: k - 1, status: .converged, history: history)
            }
            x = next
            (value, gradient, hessian) = f.evaluate(x, order: 2)
            record(k, t)
            guard value.isFinite, gradient.allSatisfy(\.isFinite) else {
                return SolverResult(
                    x: x, value: value, gradient: gradient, iterations: k, status: .notFinite, history: history)
            }
        }
        return SolverResult(
            x: x, value: value, gradient: gradient, iterations: maximumIterations, status: .iterationLimit,
            history: history)
    }

    /// Near the maximum ℓ changes by less than its rounding, but the gradient still shows the
    /// way: up to three full Newton steps, each kept while it shrinks the gradient and does not
    /// lower ℓ beyond rounding (quadratic convergence recovers the last digits).
    func polish(
        _ f: some Objective, _ x: inout [Double], _ value: inout Double, _ gradient: inout [Double],
        _ hessian: inout Matrix, _ first: [Double]
    ) {
        var direction = first
        for _ in 0..<3 {
            let candidate = zip(x, direction).map { $0 + $1 }
            let c = f.evaluate(candidate, order: 2)
            guard c.value.isFinite, c.value >= value - 1e-12 * max(1, abs(value)),
                c.gradient.maxNorm < gradient.maxNorm
            else { return }
            (x, value, gradient, hessian) = (candidate, c.value, c.gradient, c.hessian)
            guard gradient.maxNorm > 0, let d = Newton.ascentDirection(hessian, gradient) else { return }
            direction = d
        }
    }

    /// d solving (−H + λ·diag)·d = g, scaled to unit diagonal first (so parameters in very
    /// different units do not defeat the factorisation), with the smallest λ ≥ 0 that makes
    /// the matrix positive definite (Marquardt's safeguard); the gradient if nothing works.
    static func ascentDirection(_ h: Matrix, _ g: [Double]) -> [Double]? {
        let n = g.count
        let diagonal = (0..<n).map { abs(h[$0, $0]) }
        let scale = diagonal.map { $0 > 0 && $0.isFinite ? 1 / $0.squareRoot() : 1 }
        var negative = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in 0..<n { negative[i, j] = -h[i, j] * scale[i] * scale[j] } }
        let scaledGradient = zip(g, scale).map { $0 * $1 }
        func unscaled(_ d: [Double]) -> [Double] { zip(d, scale).map { $0 * $1 } }
        if let d = negative.solveSPD(scaledGradient) { return unscaled(d) }
        var lambda = 1e-10
        for _ in 0..<30 {
            var shifted = negative
            for i in 0..<n { shifted[i, i] += lambda }
            if let d = shifted.solveSPD(scaledGradient) { return unscaled(d) }
            lambda *= 10
        }
        return g.allSatisfy(\.isFinite) ? g : nil
    }

    /// Backtracking (Armijo) along d from x: the first t in 1, ½, ¼, … with f(x + t·d) ≥ f(x) + 10⁻⁴·t·gᵀd.
    static func lineSearch(_ f: some Objective, _ x: [Double], _ value: Double, _ g: [Double], _ d: [Double])
        -> ([Double], Double)?
    {
        let slope = zip(g, d).reduce(0) { $0 + $1.0 * $1.1 }
        var t = 1.0
        for _ in 0..<60 {
            let candidate = zip(x, d).map { $0 + t * $1 }
            let v = f.evaluate(candidate, order: 0).value
            if v.isFinite, v >= value + 1e-4 * t * slope, v > value { return (candidate, t) }
            t /= 2
        }
        return nil
    }
}
