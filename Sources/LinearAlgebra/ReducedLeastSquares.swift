import Dispatch

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

    /// Reduces min ‖x·b − y‖; nil if LAPACK fails: by one QR of x, or segment by segment
    /// (`segmented`) when x is tall enough (`isSegmented`).
    public init?(x: Matrix, y: [Double]) {
        let (n, k) = (x.rows, x.columns)
        guard y.count == n, n >= 1, k >= 1 else { return nil }
        var (a, b) = (x, y)
        if ReducedLeastSquares.isSegmented(rows: n, columns: k) {
            guard let (stack, stackRHS) = ReducedLeastSquares.segmented(x, y) else { return nil }
            (a, b) = (stack, stackRHS)
        }
        guard let (m, qty) = ReducedLeastSquares.reduce(a, b) else { return nil }
        matrix = m
        rhs = qty
    }

    /// R·Pᵀ and (Qᵀy)₁ by one pivoted QR of x.
    static func reduce(_ x: Matrix, _ y: [Double]) -> (Matrix, [Double])? {
        let (n, k) = (x.rows, x.columns)
        guard var factor = QRFactor(rowMajor: x.elements, rows: n, columns: k), let qty = factor.qTransposeTimes(y)
        else { return nil }
        let rows = min(n, k)
        var m = Matrix(rows: rows, columns: k)
        for i in 0..<rows { for j in i..<k { m[i, factor.pivot(j)] = factor.r(i, j) } }
        return (m, Array(qty.prefix(rows)))
    }

    /// Rows a segment of a tall problem holds (2¹⁶: 1 MiB a column, in cache while it is factored).
    public static let segmentRows = RowSegments.rows

    /// Whether an n × k problem is reduced segment by segment: two segments or more, each far
    /// taller than k.
    public static func isSegmented(rows n: Int, columns k: Int) -> Bool { n >= 2 * segmentRows && n >= 4 * k }

    /// A tall problem reduced a segment of rows at a time, on every core: each segment's rows
    /// to its k rows (‖X_s·b − y_s‖² = ‖R_s·Pᵀ·b − (Q_sᵀy_s)₁‖² + const), the reductions stacked
    /// in row order. The stack is the same least-squares problem in (segments·k) rows, which
    /// one more QR reduces to k. A QR of the whole n × k copied it and passed over it a dozen
    /// times, on one core: 20 ms a Levenberg–Marquardt iteration at 10⁶ × 2. The segments are
    /// fixed by n alone, so the result does not depend on the number of cores.
    static func segmented(_ x: Matrix, _ y: [Double]) -> (Matrix, [Double])? {
        let k = x.columns
        let parts = RowSegments.map(x.rows) { rows in
            let block = Matrix(
                rows: rows.count, columns: k, elements: Array(x.elements[(rows.lowerBound * k)..<(rows.upperBound * k)]))
            return ReducedLeastSquares.reduce(block, Array(y[rows]))
        }
        var elements: [Double] = []
        var rhs: [Double] = []
        for part in parts {
            guard let (m, qty) = part else { return nil }
            elements += m.elements
            rhs += qty
        }
        return (Matrix(rows: rhs.count, columns: k, elements: elements), rhs)
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
