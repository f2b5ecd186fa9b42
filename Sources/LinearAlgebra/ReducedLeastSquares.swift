/// A tall least-squares problem min ‖X·b − y‖ (n × k, n ≫ k) reduced to k rows once, so
/// that many problems sharing X and y, each with rows of its own stacked below, are
/// solved at the cost of k rows instead of n.
///
/// With X·P = Q·R (a pivoted Householder QR), ‖X·b − y‖² = ‖R·Pᵀ·b − (Qᵀy)₁‖² + ‖(Qᵀy)₂‖²
/// for every b: the first k rows of Qᵀ carry all of the problem that depends on b. So
/// min ‖[X; A]·b − [y; c]‖ for any extra rows A, c (Levenberg–Marquardt's damping rows
/// √μ·D, one set per trial μ) is min ‖[R·Pᵀ; A]·b − [(Qᵀy)₁; c]‖, the same solution
/// (up to rounding of the orthogonal transformation, which is backward stable).
public struct ReducedLeastSquares {
    /// R·Pᵀ: min(n, k) rows, k columns (triangular up to the column order).
    public let matrix: Matrix
    /// (Qᵀy)₁, one entry per row of `matrix`.
    public let rhs: [Double]

    /// Reduces min ‖x·b − y‖; nil if LAPACK fails.
    public init?(x: Matrix, y: [Double]) {
        let (n, k) = (x.rows, x.columns)
        guard y.count == n, n >= 1, k >= 1, var factor = QRFactor(rowMajor: x.elements, rows: n, columns: k),
            let qty = factor.qTransposeTimes(y)
        else { return nil }
        let rows = min(n, k)
        var m = Matrix(rows: rows, columns: k)
        for i in 0..<rows { for j in i..<k { m[i, factor.pivot(j)] = factor.r(i, j) } }
        matrix = m
        rhs = Array(qty.prefix(rows))
    }

    /// The solution of min ‖[R·Pᵀ; extra]·b − [(Qᵀy)₁; extraRHS]‖, by `LeastSquares` with
    /// rank tolerance `tolerance`.
    public func solve(stacking extra: Matrix, _ extraRHS: [Double], tolerance: Double? = nil) -> LeastSquares? {
        let (rows, k) = (matrix.rows, matrix.columns)
        guard extra.columns == k, extraRHS.count == extra.rows else { return nil }
        var stacked = Matrix(rows: rows + extra.rows, columns: k)
        stacked.elements.replaceSubrange(0..<(rows * k), with: matrix.elements)
        stacked.elements.replaceSubrange((rows * k)..<((rows + extra.rows) * k), with: extra.elements)
        return LeastSquares(x: stacked, y: rhs + extraRHS, tolerance: tolerance)
    }
}
