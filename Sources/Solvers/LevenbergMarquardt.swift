import Foundation
import LinearAlgebra

/// Levenberg–Marquardt for nonlinear least squares, min ½‖r(x)‖², with Moré's scaling.
///
/// Each step solves the damped Gauss–Newton problem
///
///     min over h of ‖[J; √μ·D]·h + [r; 0]‖²,    i.e. (JᵀJ + μ·D²)·h = −Jᵀr,
///
/// by a pivoted QR of the stacked (n + k)×k matrix (never forming JᵀJ, whose condition
/// number is cond(J)²). D = diag(dⱼ) with dⱼ the largest ‖column j of J‖ met so far
/// (Moré 1978): the damping is invariant to the units of each parameter. μ follows
/// Nielsen's rule (1999): with the gain ratio ρ = actual/predicted reduction of ½‖r‖²,
/// a step with ρ > 0 is taken and μ ← μ·max(⅓, 1 − (2ρ − 1)³), else μ ← μ·ν, ν ← 2ν.
///
/// Converged, scale-free (any one suffices):
/// - the gradient is orthogonal to the residual to working precision: for every column,
///   |Jⱼᵀr| ≤ gradientTolerance·‖Jⱼ‖·‖r‖ (MINPACK's gtol; the cosine of the angle);
/// - the scaled step is below stepTolerance relative to the scaled point, ‖D·h‖ ≤
///   stepTolerance·(‖D·x‖ + stepTolerance), after a step that was taken with μ ≤ 1
///   (nearly Gauss–Newton: under heavy damping a tiny step is a crawl, not a minimum);
/// - a nearly Gauss–Newton step (μ ≤ 1) is rejected while the reduction it predicts is
///   below the rounding of ½‖r‖² (16ε·½‖r‖²);
/// - r = 0 (an exact fit), or the cosine is below the residuals' own rounding,
///   2·‖δr‖/‖r‖ with ‖δr‖ = `residualNoise` (a fit exact to the data's digits).
public struct LevenbergMarquardt {
    public var maximumIterations = 1000
    public var gradientTolerance = 1e-15
    public var stepTolerance = 1e-15
    public var onIteration: ((Iteration) -> Void)?
    /// Converts ½‖r‖² to the value traced (the profile log-likelihood for a Normal).
    public var traceValue: (Double) -> Double = { -$0 }
    /// Converts max |Jᵀr| to the gradient norm traced, given ½‖r‖² (n/RSS for a Normal's ℓ).
    public var gradientScale: (Double) -> Double = { _ in 1 }
    /// The rounding error of the computed residual vector, ‖δr‖ (about ε·‖ŷ‖): below
    /// cosine 2·‖δr‖/‖r‖ the gradient cannot be told from zero (a nearly exact fit).
    public var residualNoise = 0.0

    public init() {}

    public struct Result: Sendable {
        public let x: [Double]
        public let residualSumOfSquares: Double
        public let iterations: Int
        public let status: SolverResult.Status
        public let history: [Iteration]
        /// max over columns of |Jⱼᵀr| / (‖Jⱼ‖·‖r‖) at x: 0 at an exact minimum.
        public let gradientCosine: Double
    }

    public func minimize(_ f: some ResidualObjective, from start: [Double]) -> Result {
        let k = start.count
        var x = start
        guard let first = f.residuals(x, jacobian: true), let firstJacobian = first.jacobian else {
            return Result(
                x: x, residualSumOfSquares: .nan, iterations: 0, status: .notFinite, history: [], gradientCosine: .nan)
        }
        var r = first.r
        var jacobian = firstJacobian
        var cost = LevenbergMarquardt.halfSquaredNorm(r)
        var d = [Double](repeating: 0, count: k)
        var history: [Iteration] = []
        var mu = 1e-3
        var nu = 2.0
        var iterations = 0
        func result(_ status: SolverResult.Status) -> Result {
            Result(
                x: x, residualSumOfSquares: 2 * cost, iterations: iterations, status: status, history: history,
                gradientCosine: LevenbergMarquardt.cosine(jacobian, r))
        }
        func record(_ t: Double) {
            let g = LevenbergMarquardt.gradient(jacobian, r)
            let it = Iteration(
                number: iterations, value: traceValue(cost),
                gradientNorm: gradientScale(cost) * (g.map(abs).max() ?? 0),
                stepSize: t)
            history.append(it)
            onIteration?(it)
        }
        guard cost.isFinite else { return result(.notFinite) }
        LevenbergMarquardt.updateScale(&d, jacobian)
        record(0)
        while iterations < maximumIterations {
            if LevenbergMarquardt.isExactFit(r, cost) { return result(.converged) }
            if LevenbergMarquardt.cosine(jacobian, r) <= cosineFloor(cost) { return result(.converged) }
            guard let h = LevenbergMarquardt.step(jacobian, r, d, mu) else { return result(.notFinite) }
            let candidate = zip(x, h).map { $0 + $1 }
            let predicted = LevenbergMarquardt.predictedReduction(jacobian, r, h)
            var actual = -Double.infinity
            var next: (r: [Double], jacobian: Matrix?)?
            if let evaluated = f.residuals(candidate, jacobian: false) {
                let c = LevenbergMarquardt.halfSquaredNorm(evaluated.r)
                if c.isFinite {
                    actual = cost - c
                    next = evaluated
                }
            }
            let rho = predicted > 0 ? actual / predicted : -1
            let stepSize = LevenbergMarquardt.scaledNorm(h, d)
            let pointSize = LevenbergMarquardt.scaledNorm(x, d)
            if rho > 0, let next, let withJacobian = f.residuals(candidate, jacobian: true),
                let j = withJacobian.jacobian
            {
                iterations += 1
                x = candidate
                r = next.r
                jacobian = j
                cost = LevenbergMarquardt.halfSquaredNorm(r)
                LevenbergMarquardt.updateScale(&d, jacobian)
                mu *= max(1.0 / 3, 1 - pow(2 * rho - 1, 3))
                nu = 2
                record(stepSize)
                // A tiny step is convergence only when it is nearly a Gauss–Newton step (μ ≤ 1): a
                // tiny step under heavy damping is a crawl, not a minimum.
                if mu <= 1, stepSize <= stepTolerance * (pointSize + stepTolerance) { return result(.converged) }
            } else {
                // Rejected: a step this small that still does not reduce ½‖r‖² means the
                // minimum is reached to the precision ½‖r‖² can be computed in.
                // Nearly a Gauss–Newton step (μ ≤ 1) that the linear model says can gain no more
                // than the rounding of ½‖r‖²: the minimum, to the precision ℓ can be computed in.
                if mu <= 1, predicted <= 16 * Double.ulpOfOne * cost { return result(.converged) }
                if stepSize <= stepTolerance * (pointSize + stepTolerance) {
                    let cosine = LevenbergMarquardt.cosine(jacobian, r)
                    return result(cosine <= max(1e-8, cosineFloor(cost)) ? .converged : .stalled)
                }
                mu *= nu
                nu *= 2
                if !mu.isFinite || mu > 1e300 { return result(.stalled) }
            }
        }
        return result(.iterationLimit)
    }
}

extension LevenbergMarquardt {
    /// The smallest gradient cosine that means anything: gradientTolerance, or the residuals'
    /// own rounding 2·‖δr‖/‖r‖ when that is larger.
    func cosineFloor(_ cost: Double) -> Double {
        let norm = (2 * cost).squareRoot()
        return norm > 0 ? max(gradientTolerance, 2 * residualNoise / norm) : gradientTolerance
    }

    static func halfSquaredNorm(_ r: [Double]) -> Double {
        var acc = CompensatedAccumulator()
        for v in r { acc.add(v, times: v) }
        return acc.value / 2
    }

    /// Jᵀr.
    static func gradient(_ j: Matrix, _ r: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: j.columns)
        for i in 0..<j.rows { for c in 0..<j.columns { g[c] += j[i, c] * r[i] } }
        return g
    }

    /// max over columns of |Jⱼᵀr| / (‖Jⱼ‖·‖r‖).
    static func cosine(_ j: Matrix, _ r: [Double]) -> Double {
        let g = gradient(j, r)
        let rn = (2 * halfSquaredNorm(r)).squareRoot()
        guard rn > 0 else { return 0 }
        var worst = 0.0
        for c in 0..<j.columns {
            var s = 0.0
            for i in 0..<j.rows { s += j[i, c] * j[i, c] }
            let cn = s.squareRoot()
            if cn > 0 { worst = max(worst, abs(g[c]) / (cn * rn)) }
        }
        return worst
    }

    /// r = 0 to the rounding of its entries' sizes.
    static func isExactFit(_ r: [Double], _ cost: Double) -> Bool { cost == 0 }

    /// dⱼ ← max(dⱼ, ‖column j of J‖) (Moré's scaling).
    static func updateScale(_ d: inout [Double], _ j: Matrix) {
        for c in 0..<j.columns {
            var s = 0.0
            for i in 0..<j.rows { s += j[i, c] * j[i, c] }
            d[c] = max(d[c], s.squareRoot())
        }
        for c in d.indices where d[c] == 0 { d[c] = 1 }
    }

    static func scaledNorm(_ v: [Double], _ d: [Double]) -> Double {
        zip(v, d).reduce(0) { $0 + ($1.0 * $1.1) * ($1.0 * $1.1) }.squareRoot()
    }

    /// h minimising ‖[J; √μ·D]·h + [r; 0]‖, by a pivoted QR of the stacked matrix.
    static func step(_ j: Matrix, _ r: [Double], _ d: [Double], _ mu: Double) -> [Double]? {
        let (n, k) = (j.rows, j.columns)
        var stacked = Matrix(rows: n + k, columns: k)
        stacked.elements.replaceSubrange(0..<(n * k), with: j.elements)
        let root = mu.squareRoot()
        for c in 0..<k { stacked[n + c, c] = root * d[c] }
        let rhs = r.map { -$0 } + [Double](repeating: 0, count: k)
        guard let fit = LeastSquares(x: stacked, y: rhs, tolerance: 0), fit.coefficients.allSatisfy(\.isFinite)
        else { return nil }
        return fit.coefficients
    }

    /// ½‖r‖² − ½‖r + J·h‖², the reduction the linear model predicts.
    static func predictedReduction(_ j: Matrix, _ r: [Double], _ h: [Double]) -> Double {
        let jh = j * h
        var acc = CompensatedAccumulator()
        for i in 0..<r.count {
            // ½r² − ½(r + a)² = −a·(r + a/2)
            acc.add(-jh[i], times: r[i] + jh[i] / 2)
        }
        return acc.value
    }
}
