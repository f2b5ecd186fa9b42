import Foundation
import LinearAlgebra

/// The unconstrained coordinates u in which the optimisers work, and the map θ = T(u).
///
/// Each scalar slot has its own coordinate through its `ParameterTransform` (log for > a,
/// logit for (a, b), the identity otherwise). Each simplex row of V components has V − 1
/// coordinates, its additive log-ratios against the first component,
///
///     uₐ = log(θₐ/θ₁)   (a = 2…V),   θ = softmax(0, u₂, …, u_V),
///
/// so every u ∈ ℝ^(V−1) is a point inside the simplex and the constraint Σθ = 1 is never
/// written down. The chain rule goes through the Jacobian J = ∂θ/∂u, block by block:
/// ∇ᵤ = Jᵀ∇θ and ∇²ᵤ = Jᵀ·∇²θ·J + Σₖ (∇θ)ₖ·∇²ᵤθₖ.
public struct ParameterCoordinates: Sendable {
    /// A run of slots mapped together.
    enum Block: Sendable {
        /// One slot with its own transform.
        case slot(Int, ParameterTransform)
        /// A simplex row: these slots, V − 1 coordinates.
        case simplex(Range<Int>)
        /// A simplex row some of whose components are held (a profile of one of them): the
        /// others, `total` = 1 − Σ held between them, as total·softmax(0, u…), one coordinate
        /// fewer than they are.
        case partialSimplex([Int], total: Double)
    }

    /// The blocks in slot order, each with its first coordinate.
    let blocks: [(block: Block, coordinate: Int)]
    /// The number of coordinates u (the free directions).
    public let dimension: Int
    /// The number of slots θ.
    public let slotCount: Int
    /// Slots held at a value (no coordinate moves them), written into every θ.
    let held: [(slot: Int, value: Double)]

    /// The coordinates of every slot: nothing held.
    public init(_ layout: ParameterLayout) { self.init(layout, holding: [:]) }

    /// The coordinates of the other slots when those in `fixed` are held at their values (a
    /// profile, a restricted fit): a held scalar slot has no coordinate; a simplex row with held
    /// components keeps the rest on the simplex scaled to what the held ones leave.
    public init(_ layout: ParameterLayout, holding fixed: [Int: Double]) {
        var blocks: [(Block, Int)] = []
        var u = 0
        for entry in layout.entries {
            if case .simplex(let rows, let v) = entry.shape {
                for r in 0..<(rows ?? 1) {
                    let start = entry.offset + r * v
                    let row = Array(start..<(start + v))
                    let moving = row.filter { fixed[$0] == nil }
                    if moving.count == v {
                        blocks.append((.simplex(start..<(start + v)), u))
                        u += v - 1
                    } else if !moving.isEmpty {
                        let total = 1 - row.compactMap { fixed[$0] }.reduce(0, +)
                        blocks.append((.partialSimplex(moving, total: total), u))
                        u += moving.count - 1
                    }
                }
                continue
            }
            for slot in entry.slots where fixed[slot] == nil {
                blocks.append((.slot(slot, entry.transform), u))
                u += 1
            }
        }
        self.blocks = blocks
        dimension = u
        slotCount = layout.count
        held = fixed.sorted { $0.key < $1.key }.map { (slot: $0.key, value: $0.value) }
    }

    /// Whether every coordinate is its slot (no constraints).
    public var isIdentity: Bool {
        held.isEmpty
            && blocks.allSatisfy { if case .slot(_, let t) = $0.block { return t.isIdentity } else { return false } }
    }

    /// Whether each coordinate is one slot (no simplex): then coordinate i is slot i.
    public var isPerSlot: Bool { dimension == slotCount && held.isEmpty }

    public func theta(_ u: [Double]) -> [Double] {
        var theta = [Double](repeating: 0, count: slotCount)
        for (slot, value) in held { theta[slot] = value }
        for (block, a) in blocks {
            switch block {
            case .slot(let i, let t): theta[i] = t.theta(u[a])
            case .simplex(let slots):
                let p = ParameterCoordinates.softmax(u, from: a, count: slots.count)
                for (k, i) in slots.enumerated() { theta[i] = p[k] }
            case .partialSimplex(let slots, let total):
                let p = ParameterCoordinates.softmax(u, from: a, count: slots.count)
                for (k, i) in slots.enumerated() { theta[i] = total * p[k] }
            }
        }
        return theta
    }

    public func u(_ theta: [Double]) -> [Double] {
        var u = [Double](repeating: 0, count: dimension)
        for (block, a) in blocks {
            switch block {
            case .slot(let i, let t): u[a] = t.u(theta[i])
            case .simplex(let slots):
                let base = log(theta[slots.lowerBound])
                for (k, i) in slots.dropFirst().enumerated() { u[a + k] = log(theta[i]) - base }
            case .partialSimplex(let slots, _):
                guard let first = slots.first else { continue }
                let base = log(theta[first])
                for (k, i) in slots.dropFirst().enumerated() { u[a + k] = log(theta[i]) - base }
            }
        }
        return u
    }

    /// ∇ᵤ = Jᵀ·∇θ.
    public func gradient(_ u: [Double], _ g: [Double]) -> [Double] {
        var gu = [Double](repeating: 0, count: dimension)
        for (block, a) in blocks {
            switch block {
            case .slot(let i, let t): gu[a] = g[i] * t.derivatives(u[a]).first
            case .simplex(let slots):
                // ∂θₖ/∂uₐ = θₖ(δₖₐ − θₐ), so (Jᵀg)ₐ = θₐ(gₐ − ḡ) with ḡ = Σₖ θₖgₖ.
                let p = ParameterCoordinates.softmax(u, from: a, count: slots.count)
                let mean = zip(p, slots).reduce(0) { $0 + $1.0 * g[$1.1] }
                for k in 1..<slots.count { gu[a + k - 1] = p[k] * (g[slots.lowerBound + k] - mean) }
            case .partialSimplex(let slots, let total):
                // θ = s·softmax: the same with g scaled by s.
                let p = ParameterCoordinates.softmax(u, from: a, count: slots.count)
                let mean = zip(p, slots).reduce(0) { $0 + $1.0 * g[$1.1] }
                for k in slots.indices.dropFirst() { gu[a + k - 1] = total * p[k] * (g[slots[k]] - mean) }
            }
        }
        return gu
    }

    /// ∇²ᵤ = Jᵀ·H·J + Σₖ gₖ·∇²ᵤθₖ, from the gradient g and Hessian H in θ.
    public func hessian(_ u: [Double], _ g: [Double], _ h: Matrix) -> Matrix {
        let columns = jacobian(u)
        var hu = Matrix(rows: dimension, columns: dimension)
        for a in 0..<dimension {
            for b in 0..<dimension {
                var s = 0.0
                for (i, ja) in columns[a] { for (j, jb) in columns[b] { s += ja * h[i, j] * jb } }
                hu[a, b] = s
            }
        }
        for (block, a) in blocks {
            switch block {
            case .slot(let i, let t): hu[a, a] += g[i] * t.derivatives(u[a]).second
            case .simplex(let slots): addSimplexCurvature(u, slots.map { g[$0] }, a, &hu)
            case .partialSimplex(let slots, let total): addSimplexCurvature(u, slots.map { total * g[$0] }, a, &hu)
            }
        }
        return hu
    }

    /// Σₖ gₖ·∂²θₖ/∂uₐ∂u_b for one simplex row. With θₖ = softmax: ∂²θₖ/∂uₐ∂u_b =
    /// θₖ(δₖ_b − θ_b)(δₖₐ − θₐ) − θₖθₐ(δₐ_b − θ_b); summed against g (ḡ = Σθₖgₖ) this is
    /// δₐ_b·θₐ(gₐ − ḡ) − θₐθ_b(gₐ + g_b − 2ḡ).
    /// (For a scaled simplex s·softmax the same with gₖ scaled by s.) `gs` is g on the row's slots.
    func addSimplexCurvature(_ u: [Double], _ gs: [Double], _ first: Int, _ hu: inout Matrix) {
        let p = ParameterCoordinates.softmax(u, from: first, count: gs.count)
        let mean = zip(p, gs).reduce(0) { $0 + $1.0 * $1.1 }
        for a in 1..<gs.count {
            for b in 1..<gs.count {
                var c = -p[a] * p[b] * (gs[a] + gs[b] - 2 * mean)
                if a == b { c += p[a] * (gs[a] - mean) }
                hu[first + a - 1, first + b - 1] += c
            }
        }
    }

    /// The Jacobian ∂θ/∂u by columns: for each coordinate, the slots it moves and how fast.
    public func jacobian(_ u: [Double]) -> [[(Int, Double)]] {
        var columns = [[(Int, Double)]](repeating: [], count: dimension)
        for (block, a) in blocks {
            switch block {
            case .slot(let i, let t): columns[a] = [(i, t.derivatives(u[a]).first)]
            case .simplex(let slots):
                let p = ParameterCoordinates.softmax(u, from: a, count: slots.count)
                for c in 1..<slots.count {
                    columns[a + c - 1] = slots.enumerated().map { k, i in (i, p[k] * ((k == c ? 1 : 0) - p[c])) }
                }
            case .partialSimplex(let slots, let total):
                let p = ParameterCoordinates.softmax(u, from: a, count: slots.count)
                for c in slots.indices.dropFirst() {
                    columns[a + c - 1] = slots.enumerated().map { k, i in (i, total * p[k] * ((k == c ? 1 : 0) - p[c]))
                    }
                }
            }
        }
        return columns
    }

    /// The slot and transform of a coordinate that is one slot on its own; nil for a simplex's.
    public func slot(ofCoordinate a: Int) -> (slot: Int, transform: ParameterTransform)? {
        for (block, first) in blocks where first == a {
            if case .slot(let i, let t) = block { return (i, t) }
        }
        return nil
    }

    /// For each coordinate, the slot it moves and the edge of that slot's domain it heads for
    /// as the coordinate goes to +∞ and to −∞ (a simplex coordinate uₖ moves component k:
    /// towards 1 and towards 0).
    public var coordinateEdges: [(slot: Int, up: Double, down: Double)] {
        var edges = [(slot: Int, up: Double, down: Double)](repeating: (0, 0, 0), count: dimension)
        for (block, a) in blocks {
            switch block {
            case .slot(let i, let t): edges[a] = (i, t.theta(.infinity), t.theta(-.infinity))
            case .simplex(let slots):
                for c in 1..<slots.count { edges[a + c - 1] = (slots.lowerBound + c, 1, 0) }
            case .partialSimplex(let slots, let total):
                // The free components share what the held ones leave: `total` at most.
                for c in 1..<slots.count { edges[a + c - 1] = (slots[c], total, 0) }
            }
        }
        return edges
    }

    /// Each simplex row's slots and its first coordinate.
    public var simplexBlocks: [(slots: Range<Int>, coordinate: Int)] {
        blocks.compactMap { if case .simplex(let s) = $0.block { return (s, $0.coordinate) } else { return nil } }
    }

    /// softmax(0, u[from], …, u[from + count − 2]), shifted by the largest so no exp overflows.
    static func softmax(_ u: [Double], from a: Int, count: Int) -> [Double] {
        var z = [0.0]
        z.append(contentsOf: u[a..<(a + count - 1)])
        let m = z.max() ?? 0
        let e = z.map { exp($0 - m) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }
}
