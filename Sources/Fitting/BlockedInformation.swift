import Inference
import LinearAlgebra
import Model

/// The covariance of a model too large for a dense Hessian (more than
/// `Fitter.parameterLimit` slots), from its sparse Hessian: the free slots fall into
/// blocks that no Hessian entry and no simplex row connects, and each block is inverted
/// on its own. A block whose information is diagonal is O(size): one slot, 1/Iᵢᵢ; one
/// simplex row (a multinomial: I = diag(d)), the inverse on the simplex
///
///     Σ = D⁻¹ − (D⁻¹1)(D⁻¹1)ᵀ/(1ᵀD⁻¹1),
///
/// which with d = c/p² at p̂ = c/n is (diag(p) − p·pᵀ)/n. Any other block is inverted densely
/// (as the dense path does), up to `denseBlockLimit` slots.
enum BlockedInformation {
    static let denseBlockLimit = 2000

    static func covariance(_ model: StatisticalModel, _ theta: [Double], _ free: [Int], withPrior: Bool) throws
        -> Covariance
    {
        let hessian = model.evaluateSparse(theta, withPrior: withPrior).hessian
        let k = model.layout.count
        var isFree = [Bool](repeating: false, count: k)
        for i in free { isFree[i] = true }
        var sets = DisjointSets(count: k)
        var coupled = [Bool](repeating: false, count: k)
        for (i, j, _) in hessian.offDiagonalEntries where isFree[i] && isFree[j] {
            sets.union(i, j)
            coupled[i] = true
        }
        var rowOf = [Int32](repeating: -1, count: k)
        for (r, slots) in model.layout.simplexRows.enumerated() {
            let members = slots.filter { isFree[$0] }
            for s in members {
                rowOf[s] = Int32(r)
                sets.union(members[0], s)
            }
        }
        var blocks: [Covariance.Block] = []
        for members in sets.groups(of: free) {
            blocks.append(try block(model, hessian, members, rowOf, coupled))
        }
        return Covariance(blocks: blocks)
    }

    /// One block's covariance.
    static func block(
        _ model: StatisticalModel, _ h: SparseSymmetric, _ slots: [Int], _ rowOf: [Int32], _ coupled: [Bool]
    ) throws -> Covariance.Block {
        let diagonal = slots.allSatisfy { !coupled[$0] }
        let rows = Set(slots.map { rowOf[$0] })
        if diagonal && rows.count == 1 {
            let d = slots.map { -h[$0, $0] }
            if let bad = d.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
                throw flat(model, slots[bad], d[bad])
            }
            let inverse = d.map { 1 / $0 }
            if rows == [-1] {
                return .diagonalLessRankOne(slots: slots, diagonal: inverse, vector: inverse, scale: .infinity)
            }
            return .diagonalLessRankOne(slots: slots, diagonal: inverse, vector: inverse, scale: inverse.reduce(0, +))
        }
        guard slots.count <= denseBlockLimit else {
            throw FitError(.invalidRequest, FittingMessage.blockTooLarge(slots.count, model.layout.slotName(slots[0])))
        }
        var dense = Matrix(rows: slots.count, columns: slots.count)
        for (a, i) in slots.enumerated() { for (b, j) in slots.enumerated() { dense[a, b] = h[i, j] } }
        let local = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, $0) })
        let groups = model.layout.simplexRows.map { $0.compactMap { local[$0] } }.filter { !$0.isEmpty }
        switch Uncertainty.covariance(hessian: dense, free: Array(slots.indices), sumGroups: groups) {
        case .success(let c): return .dense(slots: slots, c)
        case .failure(let problem):
            throw IdentifiabilityCheck.error(model, problem, slots)
        }
    }

    /// A slot whose curvature is not negative: ℓ is flat (or curves up) along it.
    static func flat(_ model: StatisticalModel, _ slot: Int, _ information: Double) -> FitError {
        let problem = Uncertainty.Identifiability(curvature: -information, direction: [1])
        return IdentifiabilityCheck.error(model, problem, [slot])
    }
}

/// Union–find over slots 0..<count, for the blocks of a sparse Hessian.
struct DisjointSets {
    var parent: [Int32]

    init(count: Int) { parent = (0..<count).map { Int32($0) } }

    mutating func find(_ i: Int) -> Int {
        var root = i
        while Int(parent[root]) != root { root = Int(parent[root]) }
        var node = i
        while Int(parent[node]) != root {
            let next = Int(parent[node])
            parent[node] = Int32(root)
            node = next
        }
        return root
    }

    mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = Int32(min(ra, rb)) }
    }

    /// The sets of `items` (sorted), each sorted, in order of their smallest member.
    mutating func groups(of items: [Int]) -> [[Int]] {
        var index: [Int: Int] = [:]
        var groups: [[Int]] = []
        for i in items {
            let r = find(i)
            if let g = index[r] {
                groups[g].append(i)
            } else {
                index[r] = groups.count
                groups.append([i])
            }
        }
        return groups
    }
}
