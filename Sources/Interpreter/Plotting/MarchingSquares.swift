/// Contour lines of a function sampled on a grid, by marching squares: each grid cell
/// whose corners lie on both sides of the level holds one or two segments, their ends
/// placed on the cell's edges by linear interpolation; segments meeting on an edge are
/// joined into polylines. A cell whose four corners alternate (a saddle) is split by the
/// value at its centre (the mean of the corners). Values that are not finite (ℓ = −∞ at
/// a boundary) count as below every level.
///
/// Given the function itself, each crossing is found on its edge by the Illinois
/// variant of regula falsi to 10⁻¹² of the edge (a few evaluations each), so the points
/// lie on the contour to rounding and only the straight pieces between grid lines
/// approximate it.
struct MarchingSquares {
    let x: [Double]
    let y: [Double]
    /// z[i][j] is the value at (x[i], y[j]).
    let z: [[Double]]
    /// The function sampled, to place crossings exactly; nil: linear interpolation.
    var f: ((Double, Double) -> Double)? = nil

    /// An edge of the grid: from (i, j) to (i+1, j) when `across`, else to (i, j+1).
    struct Edge: Hashable {
        let i: Int
        let j: Int
        let across: Bool
    }

    func value(_ i: Int, _ j: Int) -> Double {
        let v = z[i][j]
        return v.isFinite ? v : -.infinity
    }

    /// The polylines at `level`, each a list of (x, y) points; a closed line ends where it starts.
    func lines(at level: Double) -> [[(Double, Double)]] {
        var segments: [(Edge, Edge)] = []
        guard x.count >= 2, y.count >= 2 else { return [] }
        for i in 0..<(x.count - 1) {
            for j in 0..<(y.count - 1) { segments += cellSegments(i, j, level) }
        }
        return join(segments).map { $0.map { point(on: $0, level) } }
    }

    /// The segments in cell (i, j), corners numbered anticlockwise from (i, j).
    func cellSegments(_ i: Int, _ j: Int, _ level: Double) -> [(Edge, Edge)] {
        let corners = [value(i, j), value(i + 1, j), value(i + 1, j + 1), value(i, j + 1)]
        let above = corners.map { $0 >= level }
        // Edges between corners k and k+1: bottom, right, top, left.
        let edges = [
            Edge(i: i, j: j, across: true), Edge(i: i + 1, j: j, across: false),
            Edge(i: i, j: j + 1, across: true), Edge(i: i, j: j, across: false),
        ]
        let crossed = (0..<4).filter { above[$0] != above[($0 + 1) % 4] }
        switch crossed.count {
        case 2: return [(edges[crossed[0]], edges[crossed[1]])]
        case 4:
            let finite = corners.filter(\.isFinite)
            let centre = finite.count == 4 ? finite.reduce(0, +) / 4 : -.infinity
            // The centre on the side of corner 0: corner 0's region is joined across the
            // cell, so the segments cut off corners 1 and 3; else they cut off 0 and 2.
            if (centre >= level) == above[0] {
                return [(edges[0], edges[1]), (edges[2], edges[3])]
            }
            return [(edges[3], edges[0]), (edges[1], edges[2])]
        default: return []
        }
    }

    /// Where the level crosses an edge, by linear interpolation between its ends.
    func point(on edge: Edge, _ level: Double) -> (Double, Double) {
        let (i2, j2) = edge.across ? (edge.i + 1, edge.j) : (edge.i, edge.j + 1)
        let (a, b) = (value(edge.i, edge.j), value(i2, j2))
        var t = 0.5
        if a.isFinite, b.isFinite, a != b {
            t = (level - a) / (b - a)
        } else if !a.isFinite {
            t = 1
        } else if !b.isFinite {
            t = 0
        }
        t = min(1, max(0, t))
        let at = { (t: Double) in (x[edge.i] + t * (x[i2] - x[edge.i]), y[edge.j] + t * (y[j2] - y[edge.j])) }
        guard let f, a.isFinite, b.isFinite else { return at(t) }
        return at(
            MarchingSquares.root(
                {
                    let p = at($0)
                    return f(p.0, p.1) - level
                }, a - level, b - level))
    }

    /// The root in [0, 1] of g, with g(0) = ga and g(1) = gb of opposite signs (or one 0):
    /// regula falsi, halving the weight of an end that stays put (Illinois), to 10⁻¹².
    static func root(_ g: (Double) -> Double, _ ga: Double, _ gb: Double) -> Double {
        var (lo, hi, flo, fhi) = (0.0, 1.0, ga, gb)
        if flo == 0 { return 0 }
        if fhi == 0 { return 1 }
        var side = 0
        for _ in 0..<60 {
            let t = (lo * fhi - hi * flo) / (fhi - flo)
            guard t.isFinite, t > lo, t < hi else { break }
            let ft = g(t)
            guard ft.isFinite else { break }
            if ft == 0 || hi - lo < 1e-12 { return t }
            if (ft > 0) == (flo > 0) {
                (lo, flo) = (t, ft)
                if side == -1 { fhi /= 2 }
                side = -1
            } else {
                (hi, fhi) = (t, ft)
                if side == 1 { flo /= 2 }
                side = 1
            }
            if hi - lo < 1e-12 { break }
        }
        return abs(flo) < abs(fhi) ? lo : hi
    }

    /// Segments chained through the edges they share (each edge is in at most two).
    func join(_ segments: [(Edge, Edge)]) -> [[Edge]] {
        var byEdge: [Edge: [Int]] = [:]
        for (k, s) in segments.enumerated() {
            byEdge[s.0, default: []].append(k)
            byEdge[s.1, default: []].append(k)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var lines: [[Edge]] = []
        // Open lines first (from an edge in one segment only: the grid's border), then loops.
        let starts = segments.indices.sorted { a, b in
            let ea = min(byEdge[segments[a].0]?.count ?? 0, byEdge[segments[a].1]?.count ?? 0)
            let eb = min(byEdge[segments[b].0]?.count ?? 0, byEdge[segments[b].1]?.count ?? 0)
            return ea < eb
        }
        for k in starts where !used[k] {
            used[k] = true
            let (a, b) = segments[k]
            let open = (byEdge[b]?.count ?? 0) == 1
            var line = open ? [b, a] : [a, b]
            extend(&line, byEdge, segments, &used)
            lines.append(line)
        }
        return lines
    }

    func extend(_ line: inout [Edge], _ byEdge: [Edge: [Int]], _ segments: [(Edge, Edge)], _ used: inout [Bool]) {
        while let last = line.last, let next = byEdge[last]?.first(where: { !used[$0] }) {
            used[next] = true
            let s = segments[next]
            line.append(s.0 == last ? s.1 : s.0)
        }
    }
}
