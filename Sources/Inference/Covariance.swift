import LinearAlgebra

/// The covariance of the estimates over the free slots, as blocks that do not covary
/// with one another: one dense block for an ordinary model; for a model whose parameters
/// only meet within groups (a bigram model's rows, a naive Bayes class's mean and SD), one
/// block per group, so a model with 10⁶ parameters never forms a 10¹² matrix.
public struct Covariance: Sendable {
    /// One block: the slots it covers and their covariance.
    public enum Block: Sendable {
        case dense(slots: [Int], Matrix)
        /// diag(d) − v·vᵀ/s over the slots: the covariance of a multinomial row, with d = v = p/n
        /// and s = Σv = 1/n, (diag(p) − p·pᵀ)/n. O(V) to keep and to read.
        case diagonalLessRankOne(slots: [Int], diagonal: [Double], vector: [Double], scale: Double)

        public var slots: [Int] {
            switch self {
            case .dense(let s, _), .diagonalLessRankOne(let s, _, _, _): return s
            }
        }

        /// The entry at positions (a, b) of the block.
        func entry(_ a: Int, _ b: Int) -> Double {
            switch self {
            case .dense(_, let m): return m[a, b]
            case .diagonalLessRankOne(_, let d, let v, let s): return (a == b ? d[a] : 0) - v[a] * v[b] / s
            }
        }
    }

    /// The slots with a standard error, in θ order.
    public let free: [Int]
    public let blocks: [Block]
    /// Per free slot (by position in `free`): its block and its position in that block.
    let place: [Int: (block: Int, position: Int)]

    public init(blocks: [Block]) {
        self.blocks = blocks
        var place: [Int: (block: Int, position: Int)] = [:]
        for (b, block) in blocks.enumerated() {
            for (p, slot) in block.slots.enumerated() { place[slot] = (b, p) }
        }
        self.place = place
        free = place.keys.sorted()
    }

    /// One dense block over `free`.
    public init(dense: Matrix, free: [Int]) { self.init(blocks: [.dense(slots: free, dense)]) }

    /// Whether the covariance is one dense block (an ordinary model).
    public var isDense: Bool { blocks.count <= 1 }

    /// Var(θ̂ᵢ), or nil if slot i has none (on the boundary).
    public func variance(_ i: Int) -> Double? {
        guard let (b, p) = place[i] else { return nil }
        return blocks[b].entry(p, p)
    }

    /// Cov(θ̂ᵢ, θ̂ⱼ): 0 across blocks; nil if either slot has no standard error.
    public func entry(_ i: Int, _ j: Int) -> Double? {
        guard let (b, p) = place[i], let (c, q) = place[j] else { return nil }
        return b == c ? blocks[b].entry(p, q) : 0
    }

    /// gᵀ·Σ·g for a gradient given by its non-zero entries (slot, value): the delta method's
    /// variance, without forming Σ.
    public func quadraticForm(_ g: [(slot: Int, value: Double)]) -> Double {
        var total = 0.0
        for (i, a) in g { for (j, b) in g { total += a * (entry(i, j) ?? 0) * b } }
        return total
    }

    /// The dense matrix over `free` (every entry), or nil when it would have more than
    /// `limit` rows.
    public func matrix(limit: Int = 4000) -> Matrix? {
        guard free.count <= limit else { return nil }
        if blocks.count == 1, case .dense(let slots, let m) = blocks[0], slots == free { return m }
        var m = Matrix(rows: free.count, columns: free.count)
        let position = Dictionary(uniqueKeysWithValues: free.enumerated().map { ($1, $0) })
        for block in blocks {
            let slots = block.slots
            for (a, i) in slots.enumerated() {
                for (b, j) in slots.enumerated() { m[position[i]!, position[j]!] = block.entry(a, b) }
            }
        }
        return m
    }
}
