import CLapack

extension Matrix {
    /// The lower Cholesky factor L with A = LLᵀ, or nil if A is not positive definite.
    public func cholesky() -> Matrix? {
        precondition(rows == columns)
        if rows == 0 { return self }
        var a = elements
        let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(rows), &a, Int32(rows))
        guard info == 0 else { return nil }
        var l = Matrix(rows: rows, columns: rows, elements: a)
        for i in 0..<rows { for j in (i + 1)..<max(i + 1, rows) { l[i, j] = 0 } }
        return l
    }

    /// A⁻¹ for a symmetric positive definite A (Cholesky), or nil if A is not positive definite.
    public func inverseSPD() -> Matrix? {
        precondition(rows == columns)
        if rows == 0 { return self }
        var a = elements
        let n = Int32(rows)
        guard LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), n, &a, n) == 0 else { return nil }
        guard LAPACKE_dpotri(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), n, &a, n) == 0 else { return nil }
        var m = Matrix(rows: rows, columns: rows, elements: a)
        for i in 0..<rows { for j in (i + 1)..<max(i + 1, rows) { m[i, j] = m[j, i] } }
        return m
    }

    /// Eigenvalues (ascending) and eigenvectors (as columns) of a symmetric matrix.
    public func symmetricEigen() -> (values: [Double], vectors: Matrix)? {
        precondition(rows == columns)
        if rows == 0 { return ([], self) }
        var a = elements
        var w = [Double](repeating: 0, count: rows)
        let info = LAPACKE_dsyevd(
            LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")), Int32(rows), &a,
            Int32(rows), &w)
        guard info == 0 else { return nil }
        return (w, Matrix(rows: rows, columns: rows, elements: a))
    }

    /// Solves A·x = b for symmetric positive definite A, or nil if A is not positive definite.
    public func solveSPD(_ b: [Double]) -> [Double]? {
        precondition(rows == columns && b.count == rows)
        if rows == 0 { return [] }
        var a = elements
        var x = b
        let info = LAPACKE_dposv(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(rows), 1, &a, Int32(rows), &x, 1)
        return info == 0 ? x : nil
    }
}
