import LinearAlgebra

extension Uncertainty {
    /// The covariance over `free` when some groups of them are held to a fixed sum (the
    /// components of a simplex row, Σθ = 1): the inverse of the information on the surface,
    ///
    ///     Σ = Z·(Zᵀ·I·Z)⁻¹·Zᵀ,
    ///
    /// with I = −∇²ℓ over `free` and Z a basis of the directions that keep each sum (for a
    /// group g₁…g_m the columns e_{gₐ} − e_{g₁}, a = 2…m; every other free slot its own
    /// column). The result does not depend on the basis. For a multinomial row with counts c
    /// (I = diag(c/p²)) it is (diag(p) − p·pᵀ)/n, the multinomial covariance. A group with
    /// one free slot is held where it is (no free direction). Without groups this is
    /// `covariance(hessian:free:)`, bit for bit. A failure's direction is in θ over `free`.
    public static func covariance(hessian h: Matrix, free: [Int], sumGroups: [[Int]]) -> Result<Matrix, Identifiability>
    {
        let groups = sumGroups.filter { !$0.isEmpty }
        if groups.isEmpty { return covariance(hessian: h, free: free) }
        let basis = tangentBasis(free: free, groups: groups)
        let k = free.count
        let d = basis.count
        // Zᵀ·H·Z (the Hessian on the surface), as the Hessian of d free coordinates.
        var reduced = Matrix(rows: d, columns: d)
        for a in 0..<d {
            for b in a..<d {
                var s = 0.0
                for (i, za) in basis[a] { for (j, zb) in basis[b] { s += za * h[free[i], free[j]] * zb } }
                reduced[a, b] = s
                reduced[b, a] = s
            }
        }
        switch covariance(hessian: reduced, free: Array(0..<d)) {
        case .failure(let problem):
            var direction = [Double](repeating: 0, count: k)
            for (a, column) in basis.enumerated() where a < problem.direction.count {
                for (i, z) in column { direction[i] += z * problem.direction[a] }
            }
            let norm = direction.map { $0 * $0 }.reduce(0, +).squareRoot()
            return .failure(
                Identifiability(
                    eigenvalue: problem.eigenvalue, largestEigenvalue: problem.largestEigenvalue,
                    direction: norm > 0 ? direction.map { $0 / norm } : direction))
        case .success(let c):
            // Σ = Z·C·Zᵀ, Z sparse by columns.
            var zc = Matrix(rows: k, columns: d)
            for a in 0..<d { for (i, z) in basis[a] { for b in 0..<d { zc[i, b] += z * c[a, b] } } }
            var sigma = Matrix(rows: k, columns: k)
            for i in 0..<k {
                for b in 0..<d { for (j, z) in basis[b] { sigma[i, j] += zc[i, b] * z } }
            }
            return .success(sigma)
        }
    }

    /// The basis Z by columns, each a list of (position in `free`, weight).
    static func tangentBasis(free: [Int], groups: [[Int]]) -> [[(Int, Double)]] {
        let position = Dictionary(uniqueKeysWithValues: free.enumerated().map { ($1, $0) })
        var grouped: Set<Int> = []
        var columns: [[(Int, Double)]] = []
        var firstOfGroup: [Int: [Int]] = [:]
        for g in groups {
            let members = g.compactMap { position[$0] }
            grouped.formUnion(members)
            if let first = members.first { firstOfGroup[first] = Array(members.dropFirst()) }
        }
        for i in 0..<free.count {
            if let rest = firstOfGroup[i] {
                for j in rest { columns.append([(j, 1), (i, -1)]) }
            } else if !grouped.contains(i) {
                columns.append([(i, 1)])
            }
        }
        return columns
    }
}

extension Uncertainty.Identifiability {
    /// A failure found outside an eigen-decomposition (a single slot's curvature).
    public init(curvature: Double, direction: [Double]) {
        self.init(eigenvalue: curvature, largestEigenvalue: 1, direction: direction)
    }
}
