import CLapack
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
    public init?(x: Matrix, y: [Double]) { self.init(x: x, y: y, sign: 1) }

    /// Reduces min ‖x·b + r‖ (y = −r, Levenberg–Marquardt's problem), without a negated copy of r.
    public init?(x: Matrix, negating r: [Double]) { self.init(x: x, y: r, sign: -1) }

    /// Reduces min ‖x·b − sign·y‖ (sign ±1: exact).
    init?(x: Matrix, y: [Double], sign: Double) {
        let (n, k) = (x.rows, x.columns)
        guard y.count == n, n >= 1, k >= 1 else { return nil }
        var a = x
        var b: [Double]
        if ReducedLeastSquares.isSegmented(rows: n, columns: k) {
            guard let (stack, stackRHS) = ReducedLeastSquares.segmented(x, y, sign: sign) else { return nil }
            (a, b) = (stack, stackRHS)
        } else {
            b = sign == 1 ? y : y.map { sign * $0 }
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
    /// to its k rows (‖X_s·b − y_s‖² = ‖R_s·b − (Q_sᵀy_s)₁‖² + const), the reductions stacked
    /// in row order. The stack is the same least-squares problem in (segments·k) rows, which
    /// one more QR, pivoted, reduces to k and ranks. The segments are fixed by n alone, so the
    /// result does not depend on the number of cores.
    static func segmented(_ x: Matrix, _ y: [Double], sign: Double) -> (Matrix, [Double])? {
        let k = x.columns
        let parts = x.elements.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                nonisolated(unsafe) let (x, y) = (x, y)
                return RowSegments.map(y.count) { rows in ReducedLeastSquares.segment(x, y, sign, k, rows) }
            }
        }
        var elements: [Double] = []
        var rhs: [Double] = []
        for part in parts {
            guard let (m, qty) = part else { return nil }
            elements += m
            rhs += qty
        }
        return (Matrix(rows: rhs.count, columns: k, elements: elements), rhs)
    }

    /// One segment's rows of the row-major x (k columns) and of sign·y, reduced to min(rows, k)
    /// rows: R and (Qᵀy)₁ from one unpivoted Householder QR of [X_s | y_s] (LAPACK's dgeqrf),
    /// row-major; nil if an element is not finite or LAPACK fails. Without pivoting it is as
    /// backward stable, and cheaper than a pivoted QR and then Qᵀ applied to y (at 10⁶ × 2 the
    /// whole reduction took 11 ms of each Levenberg–Marquardt iteration, now about 7, most of it
    /// the QRs' passes over the columns); the stack's QR does the pivoting.
    static func segment(
        _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, _ sign: Double, _ k: Int,
        _ rows: Range<Int>
    ) -> ([Double], [Double])? {
        let m = rows.count
        let width = k + 1
        var finite = true
        var a = [Double](unsafeUninitializedCapacity: m * width) { out, count in
            for j in 0..<k {
                let column = out.baseAddress! + j * m
                for (i, row) in rows.enumerated() {
                    let v = x[row * k + j]
                    column[i] = v
                    finite = finite && v.isFinite
                }
            }
            let last = out.baseAddress! + k * m
            for (i, row) in rows.enumerated() {
                last[i] = sign * y[row]
                finite = finite && y[row].isFinite
            }
            count = m * width
        }
        guard finite else { return nil }
        var tau = [Double](repeating: 0, count: min(m, width))
        var size = 0.0
        let (rowCount, columnCount) = (Int32(m), Int32(width))
        guard LAPACKE_dgeqrf_work(LAPACK_COL_MAJOR, rowCount, columnCount, &a, rowCount, &tau, &size, -1) == 0 else {
            return nil
        }
        var work = [Double](repeating: 0, count: max(1, Int(size)))
        guard
            LAPACKE_dgeqrf_work(
                LAPACK_COL_MAJOR, rowCount, columnCount, &a, rowCount, &tau, &work, Int32(work.count)) == 0
        else { return nil }
        let reduced = min(m, k)
        var r = [Double](repeating: 0, count: reduced * k)
        for i in 0..<reduced { for j in i..<k { r[i * k + j] = a[i + j * m] } }
        return (r, (0..<reduced).map { a[$0 + k * m] })
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
