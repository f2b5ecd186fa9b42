import Foundation
import Interrupt
import LinearAlgebra

/// Levenberg–Marquardt for nonlinear least squares, min ½‖r(x)‖², as a trust-region
/// method with Moré's scaling (Moré 1978, the algorithm of MINPACK's lmder).
///
/// Each step solves the damped Gauss–Newton problem
///
///     min over h of ‖[J; √λ·D]·h + [r; 0]‖²,    i.e. (JᵀJ + λ·D²)·h = −Jᵀr,
///
/// by a pivoted QR of the stacked (n + k)×k matrix (never forming JᵀJ, whose condition
/// number is cond(J)²), with λ = 0 (the Gauss–Newton step) when that step lies within the
/// trust region ‖D·h‖ ≤ Δ, else the λ > 0 that puts it on the boundary (to 10%, found by
/// bracketing). D = diag(dⱼ) with dⱼ the largest ‖column j of J‖ met so far: the method
/// is invariant to the units of each parameter. With the gain ratio ρ = actual/predicted
/// reduction of ½‖r‖², the radius halves when ρ < ¼ and becomes 2‖D·h‖ when ρ > ¾ (or the
/// step was Gauss–Newton's); the step is taken when ρ > 10⁻⁴. The first radius is
/// ‖D·x₀‖ (MINPACK's factor 1, which NIST's BoxBOD needs from its first start).
///
/// Converged, scale-free (any one suffices):
/// - the gradient is orthogonal to the residual to working precision: for every column,
///   |Jⱼᵀr| ≤ gradientTolerance·‖Jⱼ‖·‖r‖ (MINPACK's gtol, the cosine of the angle), or
///   below the residuals' own rounding, 2·‖δr‖/‖r‖ with ‖δr‖ = `residualNoise` (a fit
///   exact to the data's digits);
/// - a step was taken whose scaled size is below stepTolerance·‖D·x‖;
/// - a Gauss–Newton step (λ = 0) is rejected while the reduction it predicts is below the
///   rounding of ½‖r‖² (16ε·½‖r‖², or ‖r‖·‖δr‖ when larger): no step can improve ℓ beyond
///   what it can resolve; alike when the radius has shrunk to nothing (below);
/// - r = 0 (an exact fit).
/// A radius that shrinks below stepTolerance·‖D·x‖ otherwise means the method is stuck,
/// unless the cosine is below 10⁻⁸ or the Gauss–Newton step predicts a reduction below the
/// rounding of ½‖r‖².
public struct LevenbergMarquardt {
    public var maximumIterations = 1000
    public var gradientTolerance = 1e-15
    public var stepTolerance = 1e-15
    /// The first trust radius as a multiple of ‖D·x₀‖.
    public var initialRadiusFactor = 1.0
    public var onIteration: ((Iteration) -> Void)?
    /// Polled once per trial step; true stops the iteration with status `.interrupted`.
    public var isInterrupted: () -> Bool = { Interrupt.requested }
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
        var x = start
        guard let first = f.residuals(x, jacobian: true), let firstJacobian = first.jacobian else {
            return Result(
                x: x, residualSumOfSquares: .nan, iterations: 0, status: .notFinite, history: [], gradientCosine: .nan)
        }
        var r = first.r
        var jacobian = firstJacobian
        var cost = LevenbergMarquardt.halfSquaredNorm(r)
        var summary = JacobianSummary(jacobian, r)
        var d = [Double](repeating: 0, count: start.count)
        var history: [Iteration] = []
        var iterations = 0
        var lambda = 0.0
        // The solves of J and r, once per Jacobian: a rejected step's next trial reuses them.
        var solves = JacobianSolves()
        func result(_ status: SolverResult.Status) -> Result {
            Result(
                x: x, residualSumOfSquares: 2 * cost, iterations: iterations, status: status, history: history,
                gradientCosine: summary.cosine(cost))
        }
        func record(_ t: Double) {
            let g = summary.gradient
            let it = Iteration(
                number: iterations, value: traceValue(cost),
                gradientNorm: gradientScale(cost) * (g.map(abs).max() ?? 0),
                stepSize: t)
            history.append(it)
            onIteration?(it)
        }
        guard cost.isFinite else { return result(.notFinite) }
        LevenbergMarquardt.updateScale(&d, summary.columnNorms)
        let startSize = LevenbergMarquardt.scaledNorm(x, d)
        var radius = initialRadiusFactor * (startSize > 0 ? startSize : 1)
        record(0)
        while iterations < maximumIterations {
            if isInterrupted() { return result(.interrupted) }
            if cost == 0 || summary.cosine(cost) <= cosineFloor(cost) { return result(.converged) }
            guard
                let (h, usedLambda) = LevenbergMarquardt.trustRegionStep(
                    jacobian, r, summary.gradient, d, radius, lambda, solves: &solves)
            else { return result(.notFinite) }
            lambda = usedLambda
            let candidate = zip(x, h).map { $0 + $1 }
            let predicted = solves.predictedReduction(jacobian, r, h)
            // With its Jacobian at once: a step is usually taken, and one pass then serves both.
            let evaluated = f.residuals(candidate, jacobian: true) ?? f.residuals(candidate, jacobian: false)
            var actual = -Double.infinity
            var trialCost = Double.nan
            if let evaluated {
                trialCost = LevenbergMarquardt.halfSquaredNorm(evaluated.r)
                if trialCost.isFinite { actual = cost - trialCost }
            }
            let rho = predicted > 0 ? actual / predicted : -1
            let stepSize = LevenbergMarquardt.scaledNorm(h, d)
            if rho < 0.25 {
                radius = rho <= 0 ? 0.5 * min(radius, stepSize) : 0.5 * radius
            } else if rho > 0.75 || lambda == 0 {
                radius = max(radius, 2 * stepSize)
            }
            if rho > 1e-4, let taken = evaluated, let j = taken.jacobian {
                iterations += 1
                x = candidate
                r = taken.r
                jacobian = j
                solves = JacobianSolves()
                cost = trialCost
                summary = JacobianSummary(jacobian, r)
                LevenbergMarquardt.updateScale(&d, summary.columnNorms)
                record(stepSize)
                if stepSize <= stepTolerance * LevenbergMarquardt.scaledNorm(x, d) { return result(.converged) }
            } else {
                if lambda == 0, predicted <= costRounding(cost) { return result(.converged) }
                if radius <= stepTolerance * LevenbergMarquardt.scaledNorm(x, d) {
                    if summary.cosine(cost) <= max(1e-8, cosineFloor(cost)) { return result(.converged) }
                    // Damped steps shrinking to nothing where the Gauss–Newton step would lower
                    // ½‖r‖² by less than its rounding: the minimum to working precision (a nearly
                    // exact fit, whose gradient cosine rounding keeps above 10⁻⁸: NIST Lanczos2).
                    if let h = solves.gaussNewton(jacobian, r),
                        solves.predictedReduction(jacobian, r, h) <= costRounding(cost)
                    {
                        return result(.converged)
                    }
                    return result(.stalled)
                }
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

    /// The rounding of ½‖r‖² as computed: 16ε of it, or ‖r‖·‖δr‖ from the residuals' own
    /// rounding (`residualNoise`) when that is larger (a nearly exact fit). A reduction below
    /// it cannot be told from none.
    func costRounding(_ cost: Double) -> Double {
        max(16 * Double.ulpOfOne * cost, (2 * cost).squareRoot() * residualNoise)
    }

    /// ½‖r‖², compensated: by segments of rows on every core when r is long enough to be cut
    /// (`RowSegments`), each segment in four running sums side by side (one sum's chain of
    /// additions held a pass over 10⁶ residuals to one term per addition's latency, 3 ms a
    /// trial step); a shorter r in one running sum, as it always was.
    static func halfSquaredNorm(_ r: [Double]) -> Double {
        let segmented = r.count >= 2 * RowSegments.rows
        let parts = r.withUnsafeBufferPointer { r in
            nonisolated(unsafe) let r = r
            return RowSegments.map(r.count) { rows in
                guard segmented else {
                    var acc = CompensatedAccumulator()
                    for i in rows { acc.add(r[i], times: r[i]) }
                    return acc.value
                }
                var (a, b, c, d) = (
                    CompensatedAccumulator(), CompensatedAccumulator(), CompensatedAccumulator(),
                    CompensatedAccumulator()
                )
                var i = rows.lowerBound
                while i + 4 <= rows.upperBound {
                    a.add(r[i], times: r[i])
                    b.add(r[i + 1], times: r[i + 1])
                    c.add(r[i + 2], times: r[i + 2])
                    d.add(r[i + 3], times: r[i + 3])
                    i += 4
                }
                while i < rows.upperBound {
                    a.add(r[i], times: r[i])
                    i += 1
                }
                return combined([a.value, b.value, c.value, d.value])
            }
        }
        return combined(parts) / 2
    }

    /// The segments' compensated sums added in order (one part: itself).
    static func combined(_ parts: [Double]) -> Double {
        guard parts.count > 1 else { return parts.first ?? 0 }
        var acc = CompensatedAccumulator()
        for part in parts { acc.add(part) }
        return acc.value
    }

    /// dⱼ ← max(dⱼ, ‖column j of J‖) (Moré's scaling).
    static func updateScale(_ d: inout [Double], _ columnNorms: [Double]) {
        for c in d.indices { d[c] = max(d[c], columnNorms[c]) }
        for c in d.indices where d[c] == 0 { d[c] = 1 }
    }

    static func scaledNorm(_ v: [Double], _ d: [Double]) -> Double {
        zip(v, d).reduce(0) { $0 + ($1.0 * $1.1) * ($1.0 * $1.1) }.squareRoot()
    }

    /// h minimising ‖[J; √μ·D]·h + [r; 0]‖ for a damped trial step (μ > 0), from J and r
    /// reduced to k rows (`reduced`, ‖J·h + r‖ = ‖R·Pᵀ·h − (Qᵀ(−r))₁‖ up to a constant): a
    /// (2k × k) pivoted QR per μ, not an (n + k) × k one.
    static func step(_ reduced: ReducedLeastSquares, _ d: [Double], _ mu: Double) -> [Double]? {
        let k = reduced.matrix.columns
        var damping = Matrix(rows: k, columns: k)
        let root = mu.squareRoot()
        for c in 0..<k { damping[c, c] = root * d[c] }
        guard let fit = reduced.solve(stacking: damping, [Double](repeating: 0, count: k), tolerance: 0),
            fit.coefficients.allSatisfy(\.isFinite)
        else { return nil }
        return fit.coefficients
    }

    /// The Gauss–Newton step, h minimising ‖J·h + r‖, solved on J itself (with iterative
    /// refinement against J where its conditioning calls for it): near the minimum it is the
    /// step taken, and it sets the digits the fit ends with.
    static func gaussNewtonStep(_ j: Matrix, _ r: [Double]) -> [Double]? {
        guard let fit = LeastSquares(x: j, y: r.map { -$0 }, tolerance: 0), fit.coefficients.allSatisfy(\.isFinite)
        else { return nil }
        return fit.coefficients
    }

    /// The step for trust radius Δ (g = Jᵀr): Gauss–Newton's (λ = 0) if ‖D·h‖ ≤ 1.1·Δ, else h(λ) with
    /// ‖D·h(λ)‖ within 10% of Δ, λ bracketed from the previous one (or ‖D⁻¹Jᵀr‖/Δ, the
    /// value for which a steepest-descent step has length Δ) by factors of 4, then bisected
    /// geometrically. ‖D·h(λ)‖ decreases in λ, so the bracket always closes.
    /// The Gauss–Newton step and the reduction the damped steps use come from `solves`,
    /// made there when first needed and kept for the later trials of the same Jacobian.
    static func trustRegionStep(
        _ j: Matrix, _ r: [Double], _ g: [Double], _ d: [Double], _ radius: Double, _ previous: Double,
        solves: inout JacobianSolves
    ) -> (h: [Double], lambda: Double)? {
        guard let gaussNewton = solves.gaussNewton(j, r) else { return nil }
        if scaledNorm(gaussNewton, d) <= 1.1 * radius { return (gaussNewton, 0) }
        guard let reduced = solves.reduced(j, r) else { return nil }
        var lambda =
            previous > 0 ? previous : zip(g, d).reduce(0) { $0 + ($1.0 / $1.1) * ($1.0 / $1.1) }.squareRoot() / radius
        var (low, high) = (0.0, Double.infinity)
        var best = gaussNewton
        for _ in 0..<40 {
            guard lambda.isFinite, lambda > 0, let h = step(reduced, d, lambda) else { break }
            best = h
            let size = scaledNorm(h, d)
            if abs(size - radius) <= 0.1 * radius { return (h, lambda) }
            if size > radius { low = lambda } else { high = lambda }
            lambda = high.isFinite ? (low > 0 ? (low * high).squareRoot() : high / 4) : lambda * 4
        }
        return (best, lambda)
    }

    /// ½‖r‖² − ½‖r + J·h‖², the reduction the linear model predicts.
    static func predictedReduction(_ j: Matrix, _ r: [Double], _ h: [Double]) -> Double {
        let jh = j * h
        let parts = jh.withUnsafeBufferPointer { jh in
            r.withUnsafeBufferPointer { r in
                nonisolated(unsafe) let (jh, r) = (jh, r)
                return RowSegments.map(r.count) { rows in
                    var acc = CompensatedAccumulator()
                    // ½r² − ½(r + a)² = −a·(r + a/2)
                    for i in rows { acc.add(-jh[i], times: r[i] + jh[i] / 2) }
                    return acc.value
                }
            }
        }
        return combined(parts)
    }
}

/// The solves that depend on J and r alone, each made when first asked for and kept until
/// the Jacobian changes: the Gauss–Newton step, and J and r reduced to k rows for the damped
/// trial steps.
struct JacobianSolves {
    private var gaussNewtonStep: [Double]?
    private var solvedGaussNewton = false
    private var reduction: ReducedLeastSquares?

    mutating func gaussNewton(_ j: Matrix, _ r: [Double]) -> [Double]? {
        if !solvedGaussNewton {
            gaussNewtonStep = reducedGaussNewton(j, r) ?? LevenbergMarquardt.gaussNewtonStep(j, r)
            solvedGaussNewton = true
        }
        return gaussNewtonStep
    }

    /// For a J tall enough to be reduced segment by segment on every core (2¹⁷ rows or more),
    /// the Gauss–Newton step from J and r reduced to k rows (the reduction the damped steps use
    /// anyway), when J is conditioned well enough that the first solve keeps every digit:
    /// LeastSquares' test for refinement, with the residual at its largest (‖r‖). Otherwise
    /// nil, and the step is solved on J itself, with refinement against it.
    mutating func reducedGaussNewton(_ j: Matrix, _ r: [Double]) -> [Double]? {
        guard ReducedLeastSquares.isSegmented(rows: j.rows, columns: j.columns), let reduced = reduced(j, r),
            let fit = reduced.solve(stacking: Matrix(rows: 0, columns: j.columns), [], tolerance: 0),
            fit.rank == j.columns, fit.coefficients.allSatisfy(\.isFinite),
            !LeastSquares.needsRefinement(fit.conditionEstimate, relativeResidual: 1)
        else { return nil }
        return fit.coefficients
    }

    /// ½‖r‖² − ½‖r + J·h‖²: for a J tall enough to be reduced segment by segment (whose
    /// Gauss–Newton step is solved so), from J and r reduced to k rows, where with c = (Qᵀ(−r))₁
    /// and a = R·Pᵀ·h it is ½(‖c‖² − ‖a − c‖²) = ½·aᵀ(2c − a) (½‖c‖² for the Gauss–Newton step
    /// itself, a = c): k terms instead of a pass over J. Else from J·h, row by row.
    func predictedReduction(_ j: Matrix, _ r: [Double], _ h: [Double]) -> Double {
        guard ReducedLeastSquares.isSegmented(rows: j.rows, columns: j.columns), let reduction else {
            return LevenbergMarquardt.predictedReduction(j, r, h)
        }
        let a = reduction.matrix * h
        var acc = CompensatedAccumulator()
        for (ai, ci) in zip(a, reduction.rhs) { acc.add(ai / 2, times: 2 * ci - ai) }
        return acc.value
    }

    mutating func reduced(_ j: Matrix, _ r: [Double]) -> ReducedLeastSquares? {
        if reduction == nil { reduction = ReducedLeastSquares(x: j, negating: r) }
        return reduction
    }
}

/// What an iteration reads of J besides its steps, from one pass over its rows: g = Jᵀr
/// and each column's norm ‖Jⱼ‖ (each sum in the order a loop over the rows gives).
struct JacobianSummary {
    let gradient: [Double]
    let columnNorms: [Double]

    init(_ j: Matrix, _ r: [Double]) {
        let k = j.columns
        // Per segment of rows: Jᵀr and the columns' sums of squares, side by side.
        let parts = j.elements.withUnsafeBufferPointer { x in
            r.withUnsafeBufferPointer { r in
                nonisolated(unsafe) let (x, r) = (x, r)
                return RowSegments.map(j.rows) { rows in
                    var sums = [Double](repeating: 0, count: 2 * k)
                    sums.withUnsafeMutableBufferPointer { sums in
                        for i in rows {
                            for c in 0..<k {
                                let v = x[i * k + c]
                                sums[c] += v * r[i]
                                sums[k + c] += v * v
                            }
                        }
                    }
                    return sums
                }
            }
        }
        var totals = [Double](repeating: 0, count: 2 * k)
        for part in parts { for c in totals.indices { totals[c] += part[c] } }
        gradient = Array(totals[0..<k])
        columnNorms = totals[k...].map { $0.squareRoot() }
    }

    /// max over columns of |Jⱼᵀr| / (‖Jⱼ‖·‖r‖), with ½‖r‖² = `halfSquaredNorm`: 0 at an exact minimum.
    func cosine(_ halfSquaredNorm: Double) -> Double {
        let rn = (2 * halfSquaredNorm).squareRoot()
        guard rn > 0 else { return 0 }
        var worst = 0.0
        for (g, norm) in zip(gradient, columnNorms) where norm > 0 { worst = max(worst, abs(g) / (norm * rn)) }
        return worst
    }
}
