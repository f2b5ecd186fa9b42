import Checker
import Diagnostics
import Report
import Solvers
import Syntax

extension Session {
    /// The most iterations drawn; a longer run (gradient ascent's thousands of steps) is
    /// thinned evenly, its first and last iterations kept.
    static let traceLimit = 2000

    /// `plot trace [m]`: ℓ per iteration above, max |∇ℓ| below on a log scale, from the
    /// history the solver kept (every iterative method records one, traced or not).
    func tracePlot(model: String?, _ span: SourceSpan) throws -> Plot {
        guard let fit = model.map({ fits[$0] }) ?? lastFit else {
            throw Diagnostic.error(CheckerMessage.plotNeedsFit("trace"), at: span, help: CheckerMessage.addFitFirst)
        }
        let solution = fit.outcome.solution
        let history = solution.history
        guard !history.isEmpty else {
            throw Diagnostic.error(
                InterpreterMessage.noIterations(solution.method), at: span, help: InterpreterMessage.iterateHelp)
        }
        var notes: [String] = []
        let kept = Session.thinned(history, limit: Session.traceLimit)
        if kept.count < history.count {
            notes.append(InterpreterMessage.traceThinned(kept: kept.count, of: history.count))
        }
        let xs = kept.map { Double($0.number) }
        let ls = kept.map(\.value)
        let gs = kept.map(\.gradientNorm)
        if gs.contains(0) { notes.append(InterpreterMessage.gradientZero) }
        let iterations = PlotAxis(
            label: InterpreterMessage.iterationAxis, lower: xs.first ?? 0,
            upper: max((xs.last ?? 1), (xs.first ?? 0) + 1))
        let top = PlotPanel(
            x: iterations, y: PlotAxis.spanning(ls, label: InterpreterMessage.loglikAxis),
            series: [
                PlotSeries(
                    label: InterpreterMessage.loglikAxis, points: zip(xs, ls).map(PlotPoint.init),
                    marks: kept.count <= 60)
            ])
        let bottom = PlotPanel(
            x: iterations, y: PlotAxis.spanning(gs, label: InterpreterMessage.gradientAxis, scale: .log),
            series: [
                PlotSeries(
                    label: InterpreterMessage.gradientAxis, points: zip(xs, gs).map(PlotPoint.init), stroke: .solid,
                    ink: .series(1), marks: kept.count <= 60)
            ])
        let title = InterpreterMessage.traceTitle(
            fit.model.description, method: solution.method, iterations: solution.iterations ?? (history.count - 1))
        return Plot(
            kind: .trace, title: title, panels: [top, bottom], notes: notes,
            data: [("x", .vector(xs)), ("y", .vector(ls)), ("gradient", .vector(gs))])
    }

    /// At most `limit` iterations, evenly spaced through the run, the first and last kept.
    static func thinned(_ history: [Iteration], limit: Int) -> [Iteration] {
        guard history.count > limit, limit >= 2 else { return history }
        let step = Double(history.count - 1) / Double(limit - 1)
        var kept: [Iteration] = []
        var last = -1
        for k in 0..<limit {
            let i = min(history.count - 1, Int((Double(k) * step).rounded()))
            if i != last { kept.append(history[i]) }
            last = i
        }
        return kept
    }
}
