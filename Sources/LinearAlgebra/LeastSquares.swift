import CLapack

/// Least squares by a column-pivoted QR (LAPACK dgeqp3), never by forming XᵀX:
/// X·P = Q·R, then R₁₁·z = (Qᵀy)₁ and β = P·z. The condition number of the
/// problem is that of X, not its square, which is what the NIST StRD Longley
/// problem tests.
public struct LeastSquares {
    public let coefficients: [Double]
    /// Numerical rank of X (columns with |Rᵢᵢ| above tolerance·|R₁₁|).
    public let rank: Int
    public let residualSumOfSquares: Double
    /// (XᵀX)⁻¹ = P·R⁻¹R⁻ᵀ·Pᵀ, from the triangular factor (for standard errors).
    public let unscaledCovariance: Matrix?
    /// Columns (0-based) that are linearly dependent on the others, if rank-deficient.
    public let dependentColumns: [Int]

    public init?(x: Matrix, y: [Double], tolerance: Double = 1e-12) {
        let n = x.rows
        let k = x.columns
        guard n >= 1, y.count == n else { return nil }
        var a = x.elements
        var pivots = [Int32](repeating: 0, count: k)
        var tau = [Double](repeating: 0, count: min(n, k))
        guard LAPACKE_dgeqp3(LAPACK_ROW_MAJOR, Int32(n), Int32(k), &a, Int32(k), &pivots, &tau) == 0 else { return nil }
        // Qᵀy
        var qty = y
        guard
            LAPACKE_dormqr(
                LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: "T")), Int32(n), 1,
                Int32(min(n, k)), &a, Int32(k), &tau, &qty, 1) == 0
        else { return nil }
        let r00 = k > 0 ? Swift.abs(a[0]) : 0
        var rank = 0
        while rank < min(n, k), Swift.abs(a[rank * k + rank]) > tolerance * r00 { rank += 1 }
        // Back-substitution R₁₁ z = (Qᵀy)₁
        var z = [Double](repeating: 0, count: k)
        for i in stride(from: rank - 1, through: 0, by: -1) {
            var s = qty[i]
            for j in (i + 1)..<max(i + 1, rank) { s -= a[i * k + j] * z[j] }
            z[i] = s / a[i * k + i]
        }
        var beta = [Double](repeating: 0, count: k)
        for j in 0..<k { beta[Int(pivots[j]) - 1] = z[j] }
        coefficients = beta
        self.rank = rank
        // RSS from the fitted values (more accurate than Σ of the trailing Qᵀy²).
        let fitted = x * beta
        var rss = 0.0
        var c = 0.0
        for i in 0..<n {
            let r = y[i] - fitted[i]
            let t = rss + r * r
            c += rss >= r * r ? (rss - t) + r * r : (r * r - t) + rss
            rss = t
        }
        residualSumOfSquares = rss + c
        dependentColumns = (rank..<k).map { Int(pivots[$0]) - 1 }
        unscaledCovariance = rank == k ? LeastSquares.covariance(a, k, pivots) : nil
    }

    /// P·R⁻¹R⁻ᵀ·Pᵀ from the packed R of dgeqp3.
    static func covariance(_ packed: [Double], _ k: Int, _ pivots: [Int32]) -> Matrix? {
        var r = Matrix(rows: k, columns: k)
        for i in 0..<k { for j in i..<k { r[i, j] = packed[i * k + j] } }
        guard
            LAPACKE_dtrtri(
                LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")), Int32(k),
                &r.elements, Int32(k)) == 0
        else { return nil }
        let rinv = r
        var m = Matrix(rows: k, columns: k)
        for i in 0..<k {
            for j in 0..<k {
                var s = 0.0
                for l in max(i, j)..<k { s += rinv[i, l] * rinv[j, l] }
                m[Int(pivots[i]) - 1, Int(pivots[j]) - 1] = s
            }
        }
        return m
    }
}
