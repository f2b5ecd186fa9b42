import Testing

@testable import LinearAlgebra

struct LinearAlgebraTests {
    /// The compensated sum's four lanes and the tail: 10¹⁶ + 1 − 10¹⁶ loses the 1 in a plain sum
    /// (10¹⁶ + 1 rounds to 10¹⁶), not in a compensated one, whichever lane and however many
    /// values are left over; an overflowing sum stays ±∞ and a NaN stays NaN.
    @Test("Summation.sum keeps what a plain sum rounds away, in every lane and the tail")
    func compensatedSum() {
        for shift in 0..<8 {
            for count in 1...9 {
                let xs = [Double](repeating: 0.25, count: shift)
                    + (0..<count).flatMap { _ in [1e16, 1.0, -1e16] }
                #expect(Summation.sum(xs) == Double(count) + 0.25 * Double(shift), "shift \(shift), count \(count)")
            }
        }
        #expect(Summation.sum([]) == 0)
        #expect(Summation.sum([1e308, 1e308, 1, 2, 3]) == .infinity)
        #expect(Summation.sum([1, .nan, 2, 3, 4]).isNaN)
    }

    @Test("Cholesky, inverse and solve of a 3×3 SPD matrix (worked by hand)")
    func spd() throws {
        // A = L·Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]] (the LAPACK example in TOOLCHAIN.md).
        let a = Matrix(rowVectors: [[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        let l = try #require(a.cholesky())
        #expect(l.elements == [2, 0, 0, 6, 1, 0, -8, 5, 3])
        let inv = try #require(a.inverseSPD())
        let identity = a * inv
        for i in 0..<3 { for j in 0..<3 { #expect(abs(identity[i, j] - (i == j ? 1 : 0)) < 1e-10) } }
        let x = try #require(a.solveSPD([1, 2, 3]))
        let back = a * x
        for i in 0..<3 { #expect(abs(back[i] - Double(i + 1)) < 1e-10) }
        #expect(Matrix(rowVectors: [[1, 2], [2, 1]]).cholesky() == nil)
    }

    @Test("symmetric eigenvalues of [[2,1],[1,2]] are 1 and 3")
    func eigen() throws {
        let (values, _) = try #require(Matrix(rowVectors: [[2, 1], [1, 2]]).symmetricEigen())
        #expect(abs(values[0] - 1) < 1e-14 && abs(values[1] - 3) < 1e-14)
    }

    @Test("least squares by pivoted QR: an exact line, and a rank-deficient design")
    func leastSquares() throws {
        // y = 1 + 2x exactly.
        let x = Matrix(rowVectors: [[1, 0], [1, 1], [1, 2], [1, 3]])
        let fit = try #require(LeastSquares(x: x, y: [1, 3, 5, 7]))
        #expect(abs(fit.coefficients[0] - 1) < 1e-14 && abs(fit.coefficients[1] - 2) < 1e-14)
        #expect(fit.rank == 2 && fit.residualSumOfSquares < 1e-25)
        // (XᵀX)⁻¹ for this design: XᵀX = [[4,6],[6,14]], inverse = [[14,-6],[-6,4]]/20.
        let cov = try #require(fit.unscaledCovariance)
        #expect(abs(cov[0, 0] - 0.7) < 1e-14 && abs(cov[0, 1] + 0.3) < 1e-14 && abs(cov[1, 1] - 0.2) < 1e-14)
        // A duplicated column is detected.
        let deficient = Matrix(rowVectors: [[1, 1, 0], [1, 1, 1], [1, 1, 2]])
        let d = try #require(LeastSquares(x: deficient, y: [1, 2, 3]))
        #expect(d.rank == 2 && d.dependentColumns.count == 1)
    }

    @Test("gram matrix XᵀX by syrk")
    func gram() {
        let x = Matrix(rowVectors: [[1, 2], [3, 4], [5, 6]])
        #expect(x.gram.elements == [35, 44, 44, 56])
    }
}
