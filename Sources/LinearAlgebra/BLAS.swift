import CLapack

/// The BLAS kernels the likelihood needs, over raw row-major buffers (the
/// tape runs them on blocks of rows without copying).
public enum BLAS {
    /// Use one thread: MLE matrices are small, and tests already run in parallel.
    public static func configure() { mle_blas_set_threads(1) }

    /// The number of threads OpenBLAS may use (benchmarks compare like with like).
    public static func setThreads(_ n: Int) { mle_blas_set_threads(Int32(n)) }

    /// y ← alpha·A·x + beta·y, A rows×cols row-major.
    @inline(__always)
    public static func gemv(
        rows: Int, columns: Int, alpha: Double, _ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
        beta: Double, _ y: UnsafeMutablePointer<Double>
    ) {
        cblas_dgemv(
            CblasRowMajor, CblasNoTrans, Int32(rows), Int32(columns), alpha, a, Int32(columns), x, 1, beta, y, 1)
    }

    /// y ← alpha·Aᵀ·x + beta·y, A rows×cols row-major (y has cols entries).
    @inline(__always)
    public static func gemvTransposed(
        rows: Int, columns: Int, alpha: Double, _ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
        beta: Double, _ y: UnsafeMutablePointer<Double>
    ) {
        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(columns), alpha, a, Int32(columns), x, 1, beta, y, 1)
    }

    /// C ← alpha·AᵀA + beta·C (upper triangle of C, k×k), A n×k row-major.
    @inline(__always)
    public static func syrkTransposed(
        rows: Int, columns: Int, alpha: Double, _ a: UnsafePointer<Double>, beta: Double,
        _ c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dsyrk(
            CblasRowMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), alpha, a, Int32(columns),
            beta, c, Int32(ldc))
    }

    /// C ← alpha·AᵀB + beta·C, A n×k, B n×m row-major, C k×m with leading dimension ldc.
    @inline(__always)
    public static func gemmTransposedA(
        rows: Int, aColumns: Int, bColumns: Int, alpha: Double, _ a: UnsafePointer<Double>,
        _ b: UnsafePointer<Double>, beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(aColumns), Int32(bColumns), Int32(rows), alpha,
            a, Int32(aColumns), b, Int32(bColumns), beta, c, Int32(ldc))
    }
}

extension Matrix {
    /// A·B.
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows)
        var c = Matrix(rows: a.rows, columns: b.columns)
        if a.rows == 0 || b.columns == 0 || a.columns == 0 { return c }
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(a.rows), Int32(b.columns), Int32(a.columns),
            1, a.elements, Int32(a.columns), b.elements, Int32(b.columns), 0, &c.elements, Int32(b.columns))
        return c
    }

    /// A·x.
    public static func * (a: Matrix, x: [Double]) -> [Double] {
        precondition(a.columns == x.count)
        var y = [Double](repeating: 0, count: a.rows)
        if a.rows == 0 || a.columns == 0 { return y }
        cblas_dgemv(
            CblasRowMajor, CblasNoTrans, Int32(a.rows), Int32(a.columns), 1, a.elements, Int32(a.columns),
            x, 1, 0, &y, 1)
        return y
    }

    /// AᵀA by dsyrk (full symmetric result).
    public var gram: Matrix {
        var c = Matrix(rows: columns, columns: columns)
        if rows > 0 && columns > 0 {
            cblas_dsyrk(
                CblasRowMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows), 1, elements,
                Int32(columns), 0, &c.elements, Int32(columns))
        }
        c.symmetrizeFromUpper()
        return c
    }

    /// Copies the upper triangle into the lower.
    public mutating func symmetrizeFromUpper() {
        for i in 0..<rows {
            for j in 0..<i { self[i, j] = self[j, i] }
        }
    }
}
