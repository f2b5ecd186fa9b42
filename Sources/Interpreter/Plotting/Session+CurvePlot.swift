import Checker
import Diagnostics
import Interrupt
import Report
import Syntax

extension Session {
    /// `plot E over v in (a, b) [log]`: E evaluated at each of 101 values of v. A new name
    /// v is bound only while E is evaluated; data v is rebound, and what depends on it is
    /// recomputed at each value (data and lets defined from it, the models that use it,
    /// and the fits of those models, made again the way they were made), then everything
    /// is put back as it was. A point where E (or a fit) fails is left out, and said so.
    func curvePlot(_ e: ExpressionSyntax, over variable: PlotVariable, rebinds: Bool, _ span: SourceSpan) throws
        -> Plot
    {
        guard case .name(let name) = variable.target.kind, let range = variable.range else {
            throw Diagnostic.internalError(InterpreterMessage.unchecked("a plot variable without a range"), at: span)
        }
        let a = try number(numeric(evaluate(range.lower), range.lower.span), range.lower)
        let b = try number(numeric(evaluate(range.upper), range.upper.span), range.upper)
        try PlotRange.check(a, b, log: variable.log, range.lower.span.merged(with: range.upper.span))
        let xs = PlotGrid.values(lower: a, upper: b, count: PlotGrid.expressionPoints, log: variable.log)
        let sweep = PlotSweep(session: self, variable: name, rebinds: rebinds)
        let saved = snapshot()
        defer { restore(saved) }
        var rows: [[Double]?] = []
        var failures: [(x: Double, message: String)] = []
        for x in xs {
            try Interrupt.check()
            do {
                try sweep.bind(x, span)
                rows.append(try curveValues(e))
            } catch let d as Diagnostic {
                rows.append(nil)
                failures.append((x, d.message))
            }
        }
        return try curve(e, name, variable, xs, rows, failures, refitted: sweep.refitted)
    }

    /// The expression's numbers at one point: one for a number, one per component for a vector.
    func curveValues(_ e: ExpressionSyntax) throws -> [Double] {
        switch try numeric(evaluate(e), e.span) {
        case .number(let x): return [x]
        case .vector(let xs): return xs
        case let other:
            throw Diagnostic.error(
                CheckerMessage.plotNeedsNumbers(e.span.text, shape: .matrix(nil, nil)) + " (\(other.kindDescription))",
                at: e.span)
        }
    }

    /// The plot from the values at each point.
    func curve(
        _ e: ExpressionSyntax, _ name: String, _ variable: PlotVariable, _ xs: [Double], _ rows: [[Double]?],
        _ failures: [(x: Double, message: String)], refitted: [String]
    ) throws -> Plot {
        guard let width = rows.compactMap({ $0?.count }).first else {
            throw Diagnostic.error(InterpreterMessage.plotPointsAllFailed(failures.first?.message ?? ""), at: e.span)
        }
        if let bad = rows.firstIndex(where: { $0 != nil && $0?.count != width }) {
            throw Diagnostic.error(
                InterpreterMessage.plotComponentsChange(
                    e.span.text, at: xs[bad], from: width, to: rows[bad]?.count ?? 0),
                at: e.span)
        }
        let filled = rows.map { $0 ?? [Double](repeating: .nan, count: width) }
        let labels = componentLabels(e, width)
        let series = (0..<width).map { k in
            // Each component its own colour and, for a terminal without colour, its own dash.
            PlotSeries(
                label: labels[k], points: zip(xs, filled).map { PlotPoint($0, $1[k]) },
                stroke: [.solid, .dashed, .dotted][k % 3], ink: .series(k))
        }
        var notes: [String] = []
        if !refitted.isEmpty { notes.append(InterpreterMessage.rebindNote(name, refitted: refitted)) }
        if let first = failures.first {
            notes.append(InterpreterMessage.pointFailed(name, at: first.x, first.message, count: failures.count))
        }
        let extremes = (0..<width).map { k in PlotExtremes(xs: xs, ys: filled.map { $0[k] }) }
        let one = { (f: (PlotExtremes) -> Double) -> Plot.Datum in
            width == 1 ? .number(f(extremes[0])) : .vector(extremes.map(f))
        }
        let panel = PlotPanel(
            x: PlotAxis(label: name, lower: xs[0], upper: xs[xs.count - 1], scale: variable.log ? .log : .linear),
            y: PlotAxis.spanning(filled.flatMap { $0 }, label: InterpreterMessage.shortened(e.span.text, limit: 40)),
            series: series)
        return Plot(
            kind: .curve, title: InterpreterMessage.curveTitle(e.span.text, over: name), panels: [panel], notes: notes,
            data: [
                ("x", .vector(xs)), ("y", width == 1 ? .vector(filled.map { $0[0] }) : .matrix(filled)),
                ("argmax", one(\.argmax)), ("max", one(\.max)), ("argmin", one(\.argmin)), ("min", one(\.min)),
            ])
    }

    /// Each component's name: a vector param's own (`w[woolB]`), else `E[k]`.
    func componentLabels(_ e: ExpressionSyntax, _ width: Int) -> [String] {
        let text = e.span.text
        guard width > 1 else { return [text] }
        var entryName: String?
        var fit: FitRecord?
        switch e.kind {
        case .name(let n): (entryName, fit) = (n, plotFit(estimating: n))
        case .member(let m, let p): (entryName, fit) = (p.text, m.nameText.flatMap { fits[$0] })
        default: break
        }
        if let entryName, let entry = fit?.model.layout.entry(entryName), entry.size == width {
            let prefix = text.dropLast(entryName.count)
            return (0..<width).map { prefix + entry.componentName($0) }
        }
        return (1...width).map { "\(text)[\($0)]" }
    }
}
