import Checker
import Diagnostics
import Fitting
import Foundation
import Report
import Syntax

/// What a contour map is of: the fit, the two plotted slots (their names, estimates and
/// ranges, the grids over them) and the slots not plotted, held at their estimates (a
/// slice) or maximised at each point (`profile`).
struct ContourFrame {
    let fit: FitRecord
    let slice: LoglikSlice
    let slots: (Int, Int)
    let names: (String, String)
    let estimate: (Double, Double)
    let ranges: (PlotSpan, PlotSpan)
    let variables: (PlotVariable, PlotVariable)
    let others: [Int]
    /// The slots scaled with the plotted ones to keep their simplex rows summing to 1 (a slice).
    let companions: [Int]
    let profiled: Bool
    /// Whether ℓ is the fit's own model's (not `loglik(m)` of another over the same params).
    let ownModel: Bool

    /// The grids: 61 points a side for a slice, 41 for a profile (each point a fit).
    var grids: ([Double], [Double]) {
        let n = profiled ? PlotGrid.profileContourPoints : PlotGrid.contourPoints
        return (
            ranges.0.values(count: n, log: variables.0.log, including: estimate.0),
            ranges.1.values(count: n, log: variables.1.log, including: estimate.1)
        )
    }
}

extension Session {
    /// ℓ over two params of one fit on a 61 × 61 grid, contoured by marching squares at
    /// ℓ̂ − χ²₂(0.95)/2 (the 95% confidence region for the pair) and at ℓ̂ − χ²₁(0.95)/2
    /// (whose extent along each axis is that param's 95% likelihood interval: exactly the
    /// profile interval when the model has no other params, or with `profile`), with the
    /// MLE marked. The extents are found from the fit (ContourExtent.refine), not the grid.
    func loglikContour(
        model: String?, _ first: PlotVariable, _ second: PlotVariable, profile: Bool, _ span: SourceSpan
    ) throws -> Plot {
        let frame = try contourFrame(model: model, first, second, profile: profile, span)
        let (xs, ys) = frame.grids
        let (squares, top) = try contourSurface(frame, xs, ys)
        let region = squares.lines(at: top - LikelihoodCutoff.twoParams)
        let shadow = squares.lines(at: top - LikelihoodCutoff.oneParam)
        var regionExtent = ContourExtent(region, xs: xs, ys: ys)
        var shadowExtent = ContourExtent(shadow, xs: xs, ys: ys)
        if frame.ownModel, frame.profiled || frame.companions.isEmpty {
            // The slots not plotted held at the estimate for a slice, maximised for a profile
            // (a slice through a simplex is not a restricted fit: its extents are the grid's).
            let surface = ProfileSurface(frame.fit.outcome, slots: frame.slots)
            let held =
                frame.profiled
                ? [:] : Dictionary(uniqueKeysWithValues: frame.others.map { ($0, frame.fit.estimate[$0]) })
            regionExtent.refine(surface, drop: LikelihoodCutoff.twoParams, maximum: top, held: held, xs, ys)
            shadowExtent.refine(surface, drop: LikelihoodCutoff.oneParam, maximum: top, held: held, xs, ys)
        }
        var plot = contourPlot(frame, region: region, shadow: shadow, guides: ContourExtent.guides(shadowExtent), top)
        if regionExtent.reachesEdge { plot.notes.insert(InterpreterMessage.regionAtEdge("95% region"), at: 0) }
        plot.data = [
            ("x", .vector(xs)), ("y", .vector(ys)), ("z", .matrix(squares.z)), ("max", .number(top)),
            ("xregion", .vector(regionExtent.x)), ("yregion", .vector(regionExtent.y)),
            ("xinterval", .vector(shadowExtent.x)), ("yinterval", .vector(shadowExtent.y)),
        ]
        return plot
    }

    /// The two params (of one fit), their ranges, and whether the others are profiled.
    func contourFrame(
        model: String?, _ first: PlotVariable, _ second: PlotVariable, profile: Bool, _ span: SourceSpan
    ) throws -> ContourFrame {
        let (fit, slotA, slice) = try loglikSlice(model: model, first.target, span)
        let (fitB, slotB, _) = try loglikSlice(model: model, second.target, span)
        guard fit.model === fitB.model else {
            throw Diagnostic.error(
                InterpreterMessage.paramsFromDifferentFits(first.target.span.text, second.target.span.text),
                at: second.target.span)
        }
        let layout = fit.model.layout
        let (a, b) = (slice.theta[slotA], slice.theta[slotB])
        let others = (0..<layout.count).filter { $0 != slotA && $0 != slotB }
        let ownModel = model == nil || model == fit.model.name
        let profiled = profile && !others.isEmpty
        if profiled, !ownModel {
            throw Diagnostic.error(InterpreterMessage.profileOfOtherModel, at: first.target.span)
        }
        if profiled { try requireMaximum(fit.outcome, first.target.span) }
        return ContourFrame(
            fit: fit, slice: slice, slots: (slotA, slotB), names: (layout.slotName(slotA), layout.slotName(slotB)),
            estimate: (a, b),
            ranges: (
                try plotRange(first, fit: fit, slot: slotA, estimate: a, span),
                try plotRange(second, fit: fit, slot: slotB, estimate: b, span)
            ),
            variables: (first, second), others: others,
            companions: profiled ? [] : slice.companions(of: [slotA, slotB]),
            profiled: profiled, ownModel: ownModel)
    }

    /// ℓ on the grid (ℓ_p for a profile: a restricted fit at each point) and its top, ℓ̂.
    func contourSurface(_ frame: ContourFrame, _ xs: [Double], _ ys: [Double]) throws -> (MarchingSquares, Double) {
        let (i, j) = frame.slots
        if frame.profiled {
            let (z, _) = try ProfileSurface(frame.fit.outcome, slots: frame.slots).grid(x: xs, y: ys)
            return (MarchingSquares(x: xs, y: ys, z: z), frame.fit.outcome.maximum)
        }
        let slice = frame.slice
        var squares = MarchingSquares(x: xs, y: ys, z: xs.map { x in ys.map { y in slice.value([(i, x), (j, y)]) } })
        squares.f = { slice.value([(i, $0), (j, $1)]) }
        return (squares, slice.value([]))
    }

    /// The panel (both contours, the interval guides, the MLE), its title and the slice note.
    func contourPlot(
        _ frame: ContourFrame, region: [[(Double, Double)]], shadow: [[(Double, Double)]], guides: [PlotGuide],
        _ top: Double
    ) -> Plot {
        let ((nameA, nameB), (a, b)) = (frame.names, frame.estimate)
        let (first, second) = frame.variables
        let points = { (lines: [[(Double, Double)]]) in lines.map { $0.map { PlotPoint($0.0, $0.1) } } }
        let panel = PlotPanel(
            x: PlotAxis(
                label: nameA, lower: frame.ranges.0.lower, upper: frame.ranges.0.upper,
                scale: first.log ? .log : .linear),
            y: PlotAxis(
                label: nameB, lower: frame.ranges.1.lower, upper: frame.ranges.1.upper,
                scale: second.log ? .log : .linear),
            contours: [
                PlotContour(
                    label: InterpreterMessage.regionLabel, level: top - LikelihoodCutoff.twoParams,
                    lines: points(region), stroke: .solid, ink: .series(0)),
                PlotContour(
                    label: InterpreterMessage.shadowLabel, level: top - LikelihoodCutoff.oneParam,
                    lines: points(shadow), stroke: .dashed, ink: .reference),
            ],
            guides: guides,
            markers: [
                PlotMarker(
                    label: InterpreterMessage.pointLabel(nameA, a, nameB, b, map: frame.slice.withPrior), x: a, y: b)
            ])
        let layout = frame.fit.model.layout
        let others = frame.others.filter { !frame.companions.contains($0) }.map(layout.slotName)
        let model = frame.slice.model.description
        var title = InterpreterMessage.loglikTitle([nameA, nameB], model: model, profile: frame.profiled)
        if let o = InterpreterMessage.others(others, profile: frame.profiled) { title += " (\(o))" }
        var notes: [String] = []
        if !frame.companions.isEmpty {
            notes.append(
                InterpreterMessage.simplexSliceNote(
                    frame.companions.map(layout.slotName), plotted: "\(nameA), \(nameB)"))
        }
        if !others.isEmpty, !frame.profiled {
            notes.append(
                InterpreterMessage.sliceNote(others, plotted: "\(first.target.span.text), \(second.target.span.text)"))
        }
        return Plot(kind: .contour, title: title, panels: [panel], notes: notes)
    }
}

/// How far a contour reaches along each axis: [min, max] over its lines, NaN on a side
/// where it runs into the edge of the grid (the contour goes on beyond it). Each extreme
/// is the vertex of the parabola through the extreme point of a line and its two
/// neighbours along it (exact for a conic to third order in the grid step), not the
/// extreme point itself, which can miss by (step/2)²/(2·radius of curvature).
struct ContourExtent {
    var x = [Double.nan, Double.nan]
    var y = [Double.nan, Double.nan]
    var reachesEdge = false

    init(_ lines: [[(Double, Double)]], xs: [Double], ys: [Double]) {
        guard lines.contains(where: { !$0.isEmpty }), let x0 = xs.first, let x1 = xs.last, let y0 = ys.first,
            let y1 = ys.last
        else { return }
        let along = { (k: Int) in ContourExtent.extremes(lines, coordinate: k) }
        let (lowX, highX) = along(0)
        let (lowY, highY) = along(1)
        func edge(_ v: Double, _ bound: Double, _ span: Double) -> Bool { abs(v - bound) <= 1e-9 * span }
        let (sx, sy) = (x1 - x0, y1 - y0)
        x = [edge(lowX, x0, sx) ? .nan : lowX, edge(highX, x1, sx) ? .nan : highX]
        y = [edge(lowY, y0, sy) ? .nan : lowY, edge(highY, y1, sy) ? .nan : highY]
        reachesEdge = (x + y).contains { $0.isNaN }
    }

    /// The smallest and largest values of one coordinate (0: x, 1: y) over the lines.
    static func extremes(_ lines: [[(Double, Double)]], coordinate k: Int) -> (Double, Double) {
        var low = Double.infinity
        var high = -Double.infinity
        for line in lines where !line.isEmpty {
            let values = line.map { k == 0 ? $0.0 : $0.1 }
            let others = line.map { k == 0 ? $0.1 : $0.0 }
            // A closed line repeats its first point last: its neighbours wrap around.
            let closed = line.count > 3 && line[0] == line[line.count - 1]
            guard let iMin = values.indices.min(by: { values[$0] < values[$1] }),
                let iMax = values.indices.max(by: { values[$0] < values[$1] })
            else { continue }
            low = min(low, refined(values, others, iMin, closed: closed, lowest: true))
            high = max(high, refined(values, others, iMax, closed: closed, lowest: false))
        }
        return (low, high)
    }

    /// The extreme value near point i: the vertex of the parabola v(w) through it and its
    /// neighbours (v the coordinate, w the other one), when that is beyond the point.
    static func refined(_ v: [Double], _ w: [Double], _ i: Int, closed: Bool, lowest: Bool) -> Double {
        let n = closed ? v.count - 1 : v.count
        guard n >= 3 else { return v[i] }
        let j = i % n
        let (a, b) = closed ? ((j + n - 1) % n, (j + 1) % n) : (j - 1, j + 1)
        guard a >= 0, b < n else { return v[i] }
        let (w0, w1, w2) = (w[a], w[j], w[b])
        let (v0, v1, v2) = (v[a], v[j], v[b])
        // v = v1 + c1·(w − w1) + c2·(w − w1)(w − w0), Newton's divided differences.
        let d01 = (v1 - v0) / (w1 - w0)
        let d12 = (v2 - v1) / (w2 - w1)
        let c2 = (d12 - d01) / (w2 - w0)
        guard c2.isFinite, c2 != 0, (c2 > 0) == lowest else { return v[i] }
        let c1 = d01 + c2 * (w1 - w0)
        let vertex = v1 - c1 * c1 / (4 * c2)
        guard vertex.isFinite else { return v[i] }
        return lowest ? min(v[i], vertex) : max(v[i], vertex)
    }

    /// Dotted lines at the extent's ends: the intervals, read off the axes.
    static func guides(_ e: ContourExtent) -> [PlotGuide] {
        e.x.filter(\.isFinite).map { PlotGuide(label: "", orientation: .vertical, value: $0, stroke: .dotted) }
            + e.y.filter(\.isFinite).map { PlotGuide(label: "", orientation: .horizontal, value: $0, stroke: .dotted) }
    }
}

extension ContourExtent {
    /// Each end replaced by the exact root the fit finds near it (ProfileSurface.extent),
    /// where there is one: the contour drawn is only as exact as its grid.
    mutating func refine(
        _ surface: ProfileSurface, drop: Double, maximum: Double, held: [Int: Double], _ xs: [Double], _ ys: [Double]
    ) {
        for (axis, grid) in [(0, xs), (1, ys)] {
            guard let first = grid.first, let last = grid.last, grid.count > 1 else { continue }
            let guess = axis == 0 ? (x[0], x[1]) : (y[0], y[1])
            let (lo, hi) = surface.extent(
                axis: axis, drop: drop, maximum: maximum, held: held, near: guess,
                step: (last - first) / Double(grid.count - 1), limits: (first, last))
            let exact = [lo ?? guess.0, hi ?? guess.1]
            if axis == 0 { x = exact } else { y = exact }
        }
    }
}
