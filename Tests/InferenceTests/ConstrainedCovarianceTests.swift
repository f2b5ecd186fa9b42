import Foundation
import LinearAlgebra
import Testing

@testable import Inference

/// The covariance on a simplex: Z·(Zᵀ·I·Z)⁻¹·Zᵀ for a basis Z of the directions that keep
/// each row's sum, against the multinomial's (diag(p) − p·pᵀ)/n worked by hand, and the
/// blocked covariance against the dense matrix.
struct ConstrainedCovarianceTests {
    /// Counts c over four outcomes: at p̂ = c/n the Hessian of Σ cₖ log pₖ is −diag(c/p²).
    @Test func aMultinomialRowHasTheMultinomialCovariance() throws {
        let c = [12.0, 30, 5, 53]
        let n = c.reduce(0, +)
        let p = c.map { $0 / n }
        var h = Matrix(rows: 4, columns: 4)
        for k in 0..<4 { h[k, k] = -c[k] / (p[k] * p[k]) }
        let sigma = try Uncertainty.covariance(hessian: h, free: [0, 1, 2, 3], sumGroups: [[0, 1, 2, 3]]).get()
        for a in 0..<4 {
            for b in 0..<4 {
                let exact = ((a == b ? p[a] : 0) - p[a] * p[b]) / n
                // A 3×3 eigen-based inverse with κ ≈ 10: ~1e-14 of the entries' scale p/n ≈ 5e-3.
                #expect(abs(sigma[a, b] - exact) < 1e-15, "Σ[\(a), \(b)] = \(sigma[a, b]) vs \(exact)")
            }
        }
        let blocked = Covariance(blocks: [
            .diagonalLessRankOne(
                slots: [0, 1, 2, 3], diagonal: p.map { $0 / n }, vector: p.map { $0 / n }, scale: 1 / n)
        ])
        for a in 0..<4 { for b in 0..<4 { #expect(abs((blocked.entry(a, b) ?? .nan) - sigma[a, b]) < 1e-15) } }
    }

    /// A free slot outside the group keeps its ordinary variance −1/h; without groups the
    /// result is exactly the unconstrained inverse.
    @Test func slotsOutsideTheGroupsAreUntouched() throws {
        let h = Matrix(rowVectors: [[-4, 0, 0], [0, -10, 0], [0, 0, -10]])
        let sigma = try Uncertainty.covariance(hessian: h, free: [0, 1, 2], sumGroups: [[1, 2]]).get()
        #expect(abs(sigma[0, 0] - 0.25) < 1e-16 && sigma[0, 1] == 0)
        // Two components held to a sum: each moves only against the other, variance 1/(10 + 10).
        #expect(abs(sigma[1, 1] - 0.05) < 1e-16 && abs(sigma[1, 2] + 0.05) < 1e-16)
        let plain = try Uncertainty.covariance(hessian: h, free: [0, 1, 2], sumGroups: []).get()
        let direct = try Uncertainty.covariance(hessian: h, free: [0, 1, 2]).get()
        #expect(plain.elements == direct.elements)
    }

    @Test func blocksReadLikeTheDenseMatrix() {
        let dense = Matrix(rowVectors: [[2, 0.5], [0.5, 1]])
        let c = Covariance(blocks: [
            .dense(slots: [0, 3], dense),
            .diagonalLessRankOne(slots: [5], diagonal: [0.3], vector: [0.3], scale: .infinity),
        ])
        #expect(c.free == [0, 3, 5] && c.variance(3) == 1 && c.variance(5) == 0.3 && c.variance(1) == nil)
        #expect(c.entry(0, 3) == 0.5 && c.entry(0, 5) == 0)
        let q: Double = c.quadraticForm([(slot: 0, value: 1.0), (slot: 3, value: 2.0)])
        #expect(q == 8)  // 1·2·1 + 2·(1·0.5·2) + 2·1·2
        #expect(c.matrix()?.elements == [2, 0.5, 0, 0.5, 1, 0, 0, 0, 0.3])
    }
}
