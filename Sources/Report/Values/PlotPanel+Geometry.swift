/// Where things fall inside a panel, as fractions of its width and height (0 at the
/// lower end of each axis, 1 at the upper), shared by the text and SVG renderers.
extension PlotPanel {
    /// A point as fractions along the axes; nil when an axis cannot place it (a value
    /// ≤ 0 on a log axis, a non-finite value).
    public func fractions(_ p: PlotPoint) -> (Double, Double)? {
        guard let fx = x.fraction(p.x), let fy = y.fraction(p.y) else { return nil }
        return (fx, fy)
    }

    /// A polyline as runs of fractions: a point that cannot be placed breaks the run.
    public func runs(_ points: [PlotPoint]) -> [[(Double, Double)]] {
        var runs: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for p in points {
            if let f = fractions(p) {
                current.append(f)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// The part of the segment a→b inside the unit square (Liang–Barsky), or nil when it
    /// misses it: so a curve that plunges off the bottom (ℓ → −∞ at a boundary) is cut at
    /// the edge instead of drawn far outside.
    public static func clip(_ a: (Double, Double), _ b: (Double, Double)) -> ((Double, Double), (Double, Double))? {
        var t0 = 0.0
        var t1 = 1.0
        let dx = b.0 - a.0
        let dy = b.1 - a.1
        for (p, q) in [(-dx, a.0), (dx, 1 - a.0), (-dy, a.1), (dy, 1 - a.1)] {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let r = q / p
            if p < 0 {
                if r > t1 { return nil }
                t0 = max(t0, r)
            } else {
                if r < t0 { return nil }
                t1 = min(t1, r)
            }
        }
        // Unclipped ends exactly as given, so consecutive segments still meet.
        let p = t0 == 0 ? a : (a.0 + t0 * dx, a.1 + t0 * dy)
        let q = t1 == 1 ? b : (a.0 + t1 * dx, a.1 + t1 * dy)
        return (p, q)
    }

    /// A run cut to the unit square: the pieces inside it, each a polyline (a single point
    /// kept as it is when inside).
    public static func clipped(_ run: [(Double, Double)]) -> [[(Double, Double)]] {
        if run.count == 1 { return inside(run[0]) ? [run] : [] }
        var pieces: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for (a, b) in zip(run, run.dropFirst()) {
            guard let (p, q) = clip(a, b) else {
                if !current.isEmpty { pieces.append(current) }
                current = []
                continue
            }
            if let last = current.last, last == p {
                current.append(q)
            } else {
                if !current.isEmpty { pieces.append(current) }
                current = [p, q]
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Whether a point's fractions are inside the panel.
    public static func inside(_ f: (Double, Double)) -> Bool {
        f.0 >= -1e-9 && f.0 <= 1 + 1e-9 && f.1 >= -1e-9 && f.1 <= 1 + 1e-9
    }

    /// Every polyline drawn in the panel, with how it is drawn: series, contour lines and
    /// guides (a guide runs across the whole panel).
    public var strokes: [(runs: [[(Double, Double)]], stroke: PlotStroke, ink: PlotInk)] {
        var out: [(runs: [[(Double, Double)]], stroke: PlotStroke, ink: PlotInk)] = []
        for g in guides {
            let axis = g.orientation == .horizontal ? y : x
            guard let f = axis.fraction(g.value), f >= 0, f <= 1 else { continue }
            let run = g.orientation == .horizontal ? [(0.0, f), (1.0, f)] : [(f, 0.0), (f, 1.0)]
            out.append(([run], g.stroke, g.ink))
        }
        for c in contours { out.append((c.lines.flatMap(runs), c.stroke, c.ink)) }
        for s in series { out.append((runs(s.points), s.stroke, s.ink)) }
        return out
    }
}
