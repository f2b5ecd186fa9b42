import Checker
import Diagnostics
import Fitting
import Foundation
import Report
import Syntax

extension Session {
    /// ℓ over two params of one fit on a 61 × 61 grid, contoured by marching squares at
    /// ℓ̂ − χ²₂(0.95)/2 (the 95% confidence region for the pair) and at ℓ̂ − χ²₁(0.95)/2
    /// (whose extent along each axis is that param's 95% likelihood interval: exactly the
    /// profile interval when the model has no other params), with the MLE marked.
    func loglikContour(
        model: String?, _ first: PlotVariable, _ second: PlotVariable, profile: Bool, _ span: SourceSpan
    ) throws -> Plot {
        let (fitA, slotA, slice) = try loglikSlice(model: model, first.target, span)
        let (fitB, slotB, _) = try loglikSlice(model: model, second.target, span)
        guard fitA.model === fitB.model else {
            throw Diagnostic.error(
                InterpreterMessage.paramsFromDifferentFits(first.target.span.text, second.target.span.text),
                at: second.target.span)
        }
        let layout = fitA.model.layout
        let (nameA, nameB) = (layout.slotName(slotA), layout.slotName(slotB))
        let (a, b) = (slice.theta[slotA], slice.theta[slotB])
        var notes: [String] = []
        let rangeA = try plotRange(first, fit: fitA, slot: slotA, estimate: a, span)
        let rangeB = try plotRange(second, fit: fitA, slot: slotB, estimate: b, span)
        let otherSlots = (0..<layout.count).filter { $0 != slotA && $0 != slotB }
        let others = otherSlots.map(layout.slotName)
        let profiled = profile && !others.isEmpty
        // Each point of a profile's grid is a fit: a coarser grid, straight-line crossings.
        let n = profiled ? PlotGrid.profileContourPoints : PlotGrid.contourPoints
        let xs = rangeA.values(count: n, log: first.log, including: a)
        let ys = rangeB.values(count: n, log: second.log, including: b)
        if profiled, model != nil, model != fitA.model.name {
            throw Diagnostic.error(InterpreterMessage.profileOfOtherModel, at: first.target.span)
        }
        if profiled { try requireMaximum(fitA.outcome, first.target.span) }
        var squares: MarchingSquares
        let top: Double
        if profiled {
            let surface = ProfileSurface(fitA.outcome, slots: (slotA, slotB))
            let (z, _) = try surface.grid(x: xs, y: ys)
            squares = MarchingSquares(x: xs, y: ys, z: z)
            top = fitA.outcome.maximum
        } else {
            squares = MarchingSquares(
                x: xs, y: ys, z: xs.map { x in ys.map { y in slice.value([(slotA, x), (slotB, y)]) } })
            squares.f = { slice.value([(slotA, $0), (slotB, $1)]) }
            top = slice.value([])
        }
        let z = squares.z
        let region = squares.lines(at: top - LikelihoodCutoff.twoParams)
        let shadow = squares.lines(at: top - LikelihoodCutoff.oneParam)
        var regionExtent = ContourExtent(region, xs: xs, ys: ys)
        var shadowExtent = ContourExtent(shadow, xs: xs, ys: ys)
        if model == nil || model == fitA.model.name {
            // The extents exactly, from the fit: the slots not plotted held at the estimate for a
            // slice, maximised for a profile.
            let surface = ProfileSurface(fitA.outcome, slots: (slotA, slotB))
            let held = profiled ? [:] : Dictionary(uniqueKeysWithValues: otherSlots.map { ($0, fitA.estimate[$0]) })
            regionExtent.refine(surface, drop: LikelihoodCutoff.twoParams, maximum: top, held: held, xs, ys)
            shadowExtent.refine(surface, drop: LikelihoodCutoff.oneParam, maximum: top, held: held, xs, ys)
        }
        if regionExtent.reachesEdge { notes.append(InterpreterMessage.regionAtEdge("95% region")) }
        if !others.isEmpty, !profiled {
            notes.append(
                InterpreterMessage.sliceNote(others, plotted: "\(first.target.span.text), \(second.target.span.text)"))
        }
        let points = { (lines: [[(Double, Double)]]) in lines.map { $0.map { PlotPoint($0.0, $0.1) } } }
        let guides = ContourExtent.guides(shadowExtent)
        let panel = PlotPanel(
            x: PlotAxis(label: nameA, lower: rangeA.lower, upper: rangeA.upper, scale: first.log ? .log : .linear),
            y: PlotAxis(label: nameB, lower: rangeB.lower, upper: rangeB.upper, scale: second.log ? .log : .linear),
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
                PlotMarker(label: InterpreterMessage.pointLabel(nameA, a, nameB, b, map: slice.withPrior), x: a, y: b)
            ])
        var title = InterpreterMessage.loglikTitle([nameA, nameB], model: slice.model.description, profile: profiled)
        if let o = InterpreterMessage.others(others, profile: profiled) { title += " (\(o))" }
        return Plot(
            kind: .contour, title: title, panels: [panel], notes: notes,
            data: [
                ("x", .vector(xs)), ("y", .vector(ys)), ("z", .matrix(z)), ("max", .number(top)),
                ("xregion", .vector(regionExtent.x)), ("yregion", .vector(regionExtent.y)),
                ("xinterval", .vector(shadowExtent.x)), ("yinterval", .vector(shadowExtent.y)),
            ])
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
