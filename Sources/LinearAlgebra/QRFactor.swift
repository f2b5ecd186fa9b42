import CLapack

/// A·P = Q·R by LAPACK's column-pivoted Householder QR (dgeqp3), kept in LAPACK's packed
/// column-major form (R on and above the diagonal, the reflectors below, their scalars in
/// `tau`), with the solves least squares needs. LAPACK works on it in place: LAPACKE's
/// row-major entry points would copy and transpose the whole n×k matrix on every call.
struct QRFactor {
    let rows: Int
    let columns: Int
    private var packed: [Double]
    private var tau: [Double]
    private let pivots: [Int32]

    /// Factors the rows×columns matrix `a`, stored column-major (column j at a[j·rows ..<
    /// (j + 1)·rows], LAPACK's own layout, so LAPACK reads it in place); nil if LAPACK fails.
    /// Every element must be finite (the caller checks; LAPACK is not asked to).
    init?(columnMajor a: [Double], rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        packed = a
        tau = [Double](repeating: 0, count: min(rows, columns))
        var p = [Int32](repeating: 0, count: columns)
        guard columns > 0 else {
            pivots = []
            return
        }
        let (m, n) = (Int32(rows), Int32(columns))
        var size = 0.0
        guard LAPACKE_dgeqp3_work(LAPACK_COL_MAJOR, m, n, &packed, max(1, m), &p, &tau, &size, -1) == 0 else {
            return nil
        }
        var work = [Double](repeating: 0, count: max(1, Int(size)))
        let info = LAPACKE_dgeqp3_work(
            LAPACK_COL_MAJOR, m, n, &packed, max(1, m), &p, &tau, &work, Int32(work.count))
        guard info == 0 else { return nil }
        pivots = p
    }

    /// Factors the row-major rows×columns matrix `x`; nil if LAPACK fails or an element is not
    /// finite.
    init?(rowMajor x: [Double], rows: Int, columns: Int) {
        guard let a = QRFactor.columnMajor(x, rows: rows, columns: columns) else { return nil }
        self.init(columnMajor: a, rows: rows, columns: columns)
    }

    /// The column-major copy of a row-major matrix, each column j times `scale[j]`; nil if
    /// an element is not finite.
    static func columnMajor(_ x: [Double], rows n: Int, columns k: Int, scale: [Double]? = nil) -> [Double]? {
        var finite = true
        let a = [Double](unsafeUninitializedCapacity: n * k) { out, count in
            x.withUnsafeBufferPointer { x in
                for j in 0..<k {
                    let s = scale?[j] ?? 1
                    let column = out.baseAddress! + j * n
                    for i in 0..<n {
                        let v = x[i * k + j] * s
                        column[i] = v
                        finite = finite && v.isFinite
                    }
                }
            }
            count = n * k
        }
        return finite ? a : nil
    }

    /// R[i, j].
    func r(_ i: Int, _ j: Int) -> Double { packed[i + j * rows] }

    /// The original column (0-based) at pivoted position j.
    func pivot(_ j: Int) -> Int { Int(pivots[j]) - 1 }

    /// The number of leading |Rᵢᵢ| above tolerance·|R₁₁|.
    func rank(tolerance: Double) -> Int {
        guard columns > 0 else { return 0 }
        let first = Swift.abs(r(0, 0))
        var rank = 0
        while rank < min(rows, columns), Swift.abs(r(rank, rank)) > tolerance * first { rank += 1 }
        return rank
    }

    /// Qᵀ·v, or nil if LAPACK fails.
    mutating func qTransposeTimes(_ v: [Double]) -> [Double]? {
        var out = v
        guard columns > 0 else { return out }
        let (side, trans) = (Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: "T")))
        let (m, k) = (Int32(rows), Int32(min(rows, columns)))
        var size = 0.0
        guard
            LAPACKE_dormqr_work(
                LAPACK_COL_MAJOR, side, trans, m, 1, k, &packed, max(1, m), &tau, &out, max(1, m), &size, -1) == 0
        else { return nil }
        var work = [Double](repeating: 0, count: max(1, Int(size)))
        let info = LAPACKE_dormqr_work(
            LAPACK_COL_MAJOR, side, trans, m, 1, k, &packed, max(1, m), &tau, &out, max(1, m), &work,
            Int32(work.count))
        return info == 0 ? out : nil
    }

    /// z (in pivoted order) with R₁₁·z₁ = (Qᵀy)₁ over the first `rank` columns, 0 beyond, and
    /// the residual norm ‖(Qᵀy)₂‖.
    mutating func solve(_ y: [Double], rank: Int) -> (z: [Double], residualNorm: Double)? {
        guard let qty = qTransposeTimes(y) else { return nil }
        let tail = qty.dropFirst(rank).reduce(0) { $0 + $1 * $1 }.squareRoot()
        return (backSubstitute(Array(qty.prefix(rank)), rank: rank), tail)
    }

    /// x with R₁₁·x = b (back substitution), padded with zeros to `columns`.
    func backSubstitute(_ b: [Double], rank: Int) -> [Double] {
        var z = [Double](repeating: 0, count: columns)
        for i in stride(from: rank - 1, through: 0, by: -1) {
            var s = b[i]
            for j in (i + 1)..<max(i + 1, rank) { s -= r(i, j) * z[j] }
            z[i] = s / r(i, i)
        }
        return z
    }

    /// The correction δz of augmented-system refinement: h = R⁻ᵀ·g, R·δz = (Qᵀf)₁ − h.
    mutating func correction(f: [Double], g: [Double]) -> [Double]? {
        let k = columns
        var h = [Double](repeating: 0, count: k)
        for i in 0..<k {
            var s = g[i]
            for j in 0..<i { s -= r(j, i) * h[j] }
            h[i] = s / r(i, i)
        }
        guard let qf = qTransposeTimes(f) else { return nil }
        return backSubstitute((0..<k).map { qf[$0] - h[$0] }, rank: k)
    }

    /// (XᵀX)⁻¹ = D·P·R⁻¹R⁻ᵀ·Pᵀ·D for the design X = A·D⁻¹ that was factored as A, or nil.
    func inverseGram(scale: [Double]) -> Matrix? {
        let k = columns
        var rinv = Matrix(rows: k, columns: k)
        for i in 0..<k { for j in i..<k { rinv[i, j] = r(i, j) } }
        guard k > 0 else { return rinv }
        guard
            LAPACKE_dtrtri(
                LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")), Int32(k),
                &rinv.elements, Int32(k)) == 0
        else { return nil }
        var m = Matrix(rows: k, columns: k)
        for i in 0..<k {
            for j in 0..<k {
                var s = 0.0
                for l in max(i, j)..<k { s += rinv[i, l] * rinv[j, l] }
                let (p, q) = (pivot(i), pivot(j))
                m[p, q] = s * scale[p] * scale[q]
            }
        }
        return m
    }
}
