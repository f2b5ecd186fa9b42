import CLapack

/// Least squares by a column-pivoted QR (LAPACK dgeqp3) of the equilibrated design,
/// never by forming XᵀX.
///
/// 1. **Equilibration.** Each column of X is scaled by a power of two near 1/‖xⱼ‖₂,
///    A = X·D (exact: powers of two only shift exponents). A column of 10⁶-sized values
///    beside a column of ones no longer looks "small" to the pivoting, and the rank
///    decision is made on A, whose condition number is at most √k times the best one
///    any column scaling can reach (van der Sluis).
/// 2. **Rank.** A·P = Q·R; the rank is the number of |Rᵢᵢ| above τ·|R₁₁|, with
///    τ = 64·ε·√max(n, k): a column that is a linear combination of others to rounding
///    leaves |Rᵢᵢ| ≈ ε·|R₁₁|, while NIST's Filip (scaled condition number ≈ 10⁹) keeps
///    every column. The columns past the rank are named as dependent.
/// 3. **Solve.** R₁₁·z = (Qᵀy)₁ and β = D·P·z.
/// 4. **Refinement** where the conditioning calls for it (the first solve's error bound
///    ε·κ·(1 + κ·‖r‖/‖y‖), κ = |R₁₁|/|R_kk|, above 10⁻¹³): Björck's
///    iterative refinement of the augmented system [I A; Aᵀ 0]·[r; z] = [y; 0], whose
///    residuals f = y − r − A·z and g = −Aᵀ·r are computed in twice the working precision
///    (CompensatedAccumulator). Each step solves the correction with the same QR:
///    h = R⁻ᵀ·g, R·δz = Qᵀf − h, δr = f − A·δz. With an exactly representable X it
///    recovers the digits the first solve lost to cond(A)² (NIST Wampler4, Wampler5).
///
/// The covariance (XᵀX)⁻¹ = D·P·R⁻¹R⁻ᵀ·Pᵀ·D comes from the triangular factor.
public struct LeastSquares {
    public let coefficients: [Double]
    /// Numerical rank of X (columns with |Rᵢᵢ| above tolerance·|R₁₁| after equilibration).
    public let rank: Int
    /// Σ (yᵢ − xᵢ·β)², each residual and the sum in twice the working precision: a pass over
    /// the rows, made when asked for (Levenberg–Marquardt's steps never ask).
    public var residualSumOfSquares: Double { LeastSquares.residualSumOfSquares(x, y, coefficients) }
    let x: Matrix
    let y: [Double]
    /// (XᵀX)⁻¹ from the triangular factor (for standard errors); nil when rank-deficient.
    public let unscaledCovariance: Matrix?
    /// Columns (0-based) that are linearly dependent on the others, if rank-deficient.
    public let dependentColumns: [Int]
    /// |R₁₁|/|R_rr| of the equilibrated design: an estimate of its condition number.
    public let conditionEstimate: Double
    /// How many refinement steps ran (0 for a well-conditioned design).
    public let refinementSteps: Int

    /// The rank tolerance τ for an n×k design (see the type's documentation).
    public static func rankTolerance(rows n: Int, columns k: Int) -> Double {
        64 * Double.ulpOfOne * Double(max(n, k, 1)).squareRoot()
    }

    public init?(x: Matrix, y: [Double], tolerance: Double? = nil) {
        let (n, k) = (x.rows, x.columns)
        guard n >= 1, y.count == n else { return nil }
        let scale = LeastSquares.equilibration(x)
        // A = X·D, column-major: what LAPACK factors, and what refinement multiplies by.
        guard let design = QRFactor.columnMajor(x.elements, rows: n, columns: k, scale: scale),
            var factor = QRFactor(columnMajor: design, rows: n, columns: k)
        else { return nil }
        let tau = tolerance ?? LeastSquares.rankTolerance(rows: n, columns: k)
        let rank = factor.rank(tolerance: tau)
        guard let (first, residualNorm) = factor.solve(y, rank: rank) else { return nil }
        var z = first
        let cond = rank > 0 ? Swift.abs(factor.r(0, 0) / factor.r(rank - 1, rank - 1)) : .infinity
        conditionEstimate = cond
        var steps = 0
        let yNorm = y.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if rank == k, k > 0, LeastSquares.needsRefinement(cond, relativeResidual: residualNorm / yNorm) {
            steps = LeastSquares.refine(&z, design: design, y: y, factor: &factor)
        }
        refinementSteps = steps
        var beta = [Double](repeating: 0, count: k)
        for j in 0..<k { beta[factor.pivot(j)] = z[j] }
        for j in 0..<k { beta[j] *= scale[j] }
        coefficients = beta
        self.rank = rank
        self.x = x
        self.y = y
        dependentColumns = (rank..<k).map { factor.pivot($0) }
        unscaledCovariance = rank == k ? factor.inverseGram(scale: scale) : nil
    }

    /// The relative error bound of the first solve, ε·κ·(1 + κ·‖r‖/‖y‖) (Golub & Van Loan §5.3.8:
    /// the κ² term is the price of a large residual).
    static func predictedError(_ kappa: Double, _ relativeResidual: Double) -> Double {
        Double.ulpOfOne * kappa * (1 + kappa * (relativeResidual.isFinite ? relativeResidual : 1))
    }

    /// Whether the first solve's error bound (`predictedError`) is above 10⁻¹³, so that
    /// refinement is called for, at condition estimate κ and relative residual ‖r‖/‖y‖ ≤ 1.
    public static func needsRefinement(_ kappa: Double, relativeResidual: Double) -> Bool {
        predictedError(kappa, relativeResidual) > 1e-13
    }

    /// Powers of two near 1/‖xⱼ‖₂ (1 for a zero or non-finite column). One pass along the rows
    /// (x is row-major) sums every column's squares, each in twice the working precision.
    static func equilibration(_ x: Matrix) -> [Double] {
        let k = x.columns
        var sums = [CompensatedAccumulator](repeating: CompensatedAccumulator(), count: k)
        x.elements.withUnsafeBufferPointer { e in
            sums.withUnsafeMutableBufferPointer { sums in
                for i in 0..<x.rows {
                    for j in 0..<k {
                        let v = e[i * k + j]
                        sums[j].add(v, times: v)
                    }
                }
            }
        }
        return sums.map { acc in
            let norm = acc.value.squareRoot()
            guard norm > 0, norm.isFinite else { return 1 }
            return Double(sign: .plus, exponent: -norm.exponent, significand: 1)
        }
    }

    /// Refines z in place (at most 4 steps, while the correction shrinks); returns the steps taken.
    /// `a` is the factored design A, column-major.
    static func refine(_ z: inout [Double], design a: [Double], y: [Double], factor: inout QRFactor) -> Int {
        let (n, k) = (factor.rows, factor.columns)
        // The columns in pivoted order: A·P, so that z indexes them directly.
        let order = (0..<k).map { factor.pivot($0) }
        var r = (0..<n).map { i -> Double in
            var acc = CompensatedAccumulator(y[i])
            for j in 0..<k { acc.add(-a[order[j] * n + i], times: z[j]) }
            return acc.value
        }
        var previous = Double.infinity
        for step in 1...4 {
            let f = (0..<n).map { i -> Double in
                var acc = CompensatedAccumulator(y[i])
                acc.add(-r[i])
                for j in 0..<k { acc.add(-a[order[j] * n + i], times: z[j]) }
                return acc.value
            }
            let g = (0..<k).map { j -> Double in
                var acc = CompensatedAccumulator()
                for i in 0..<n { acc.add(-a[order[j] * n + i], times: r[i]) }
                return acc.value
            }
            guard let dz = factor.correction(f: f, g: g) else { return step - 1 }
            let size = dz.map(Swift.abs).max() ?? 0
            guard size.isFinite, size < previous else { return step - 1 }
            for j in 0..<k { z[j] += dz[j] }
            for i in 0..<n {
                var s = f[i]
                for j in 0..<k { s -= a[order[j] * n + i] * dz[j] }
                r[i] += s
            }
            previous = size
            let zSize = z.map(Swift.abs).max() ?? 0
            if size <= Double.ulpOfOne * zSize { return step }
        }
        return 4
    }

    /// Σ (yᵢ − xᵢ·β)², each residual and the sum in twice the working precision.
    static func residualSumOfSquares(_ x: Matrix, _ y: [Double], _ beta: [Double]) -> Double {
        var total = CompensatedAccumulator()
        let k = x.columns
        x.elements.withUnsafeBufferPointer { e in
            beta.withUnsafeBufferPointer { b in
                for i in 0..<x.rows {
                    guard let row = e.baseAddress, let bb = b.baseAddress else { continue }
                    let fitted = CompensatedAccumulator.dot(row + i * k, stride: 1, bb, stride: 1, count: k)
                    let residual = y[i] - fitted
                    total.add(residual, times: residual)
                }
            }
        }
        return total.value
    }
}
