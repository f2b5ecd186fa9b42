import Checker
import Diagnostics
import Foundation
import LinearAlgebra
import Report
import Syntax

extension Session {
    /// `plot …`: the plot computed as a value, written to its SVG file when `to` names
    /// one, kept under its name when it has one, and put out (the terminal draws it, or
    /// says where the file went).
    func runPlot(_ plot: CheckedPlot, _ span: SourceSpan) throws {
        var value: Plot
        switch plot.kind {
        case .loglik(let model, let over, let profile):
            value =
                over.count == 1
                ? try loglikCurve(model: model, over[0], profile: profile, span)
                : try loglikContour(model: model, over[0], over[1], profile: profile, span)
        case .profile(let variable):
            value = try profilePlot(variable, span)
        case .trace(let model):
            value = try tracePlot(model: model, span)
        case .curve(let e, let variable, let rebinds, _):
            value = try curvePlot(e, over: variable, rebinds: rebinds, span)
        }
        if let file = plot.file {
            try writePlot(value, to: file.path, from: span.file, at: file.span)
            value.file = file.path
        }
        if let name = plot.name { values[name] = .plot(value) }
        output(.plot(value))
    }

    /// Writes the SVG next to the script (a relative path is against the script's folder,
    /// in the REPL against the working directory), atomically.
    func writePlot(_ plot: Plot, to path: String, from file: SourceFile, at span: SourceSpan) throws {
        let resolved = path.hasPrefix("/") ? path : (file.directory as NSString).appendingPathComponent(path)
        do {
            try PlotFile.write(plot.svg, to: resolved)
        } catch {
            throw Diagnostic.error(InterpreterMessage.cannotWritePlot(path, reason: error.reason), at: span)
        }
    }

    /// `c.x`: a named plot's datum as a value.
    func plotDatum(_ plot: Plot, _ base: ExpressionSyntax, _ member: Name) throws -> Value {
        guard let datum = plot.datum(member.text) else {
            throw Diagnostic.error(
                CheckerMessage.noPlotMember(member.text, plot: base.span.text, kind: plot.kind.rawValue),
                at: member.span, help: CheckerMessage.plotMembers(plot.data.map(\.name)))
        }
        switch datum {
        case .number(let x): return .number(x)
        case .vector(let xs): return .vector(xs)
        case .matrix(let rows): return .matrix(Matrix(rowVectors: rows))
        }
    }

    /// The fit and θ slot a plotted param names: `μ` (the last fit that estimated it), `w[2]`,
    /// `m1.μ` or `m1.w[2]` (model m1's fit).
    func plottedParam(_ e: ExpressionSyntax) throws -> (fit: FitRecord, slot: Int) {
        var (model, name, index): (String?, String, ExpressionSyntax?) = (nil, "", nil)
        var base = e
        if case .index(let b, let indices) = e.kind, indices.count == 1 { (base, index) = (b, indices[0]) }
        switch base.kind {
        case .name(let n): name = n
        case .member(let m, let p) where m.nameText != nil: (model, name) = (m.nameText, p.text)
        default: throw Diagnostic.error(CheckerMessage.plotProfileNeedsParam(e.span.text), at: e.span)
        }
        let record: FitRecord
        if let model {
            guard let fit = fits[model] else {
                throw Diagnostic.error(InterpreterMessage.modelNotFitted(model), at: e.span)
            }
            record = fit
        } else {
            guard let fit = plotFit(estimating: name) else {
                throw Diagnostic.error(
                    InterpreterMessage.noFitEstimates(name), at: e.span, help: InterpreterMessage.runFitFirst)
            }
            record = fit
        }
        guard let entry = record.model.layout.entry(name) else {
            throw Diagnostic.error(CheckerMessage.notAFitResult(name, of: record.model.name), at: e.span)
        }
        guard let index else {
            guard entry.length == nil else {
                throw Diagnostic.error(InterpreterMessage.vectorParamNeedsComponent(name), at: e.span)
            }
            return (record, entry.offset)
        }
        let i = try number(numeric(evaluate(index), index.span), index)
        guard i >= 1, i == i.rounded(), i <= Double(entry.size) else {
            throw Diagnostic.error(
                InterpreterMessage.paramIndexOutOfRange(param: name, components: entry.size), at: index.span)
        }
        return (record, entry.offset + Int(i) - 1)
    }

    /// The fit a bare param name in a plot refers to: the last fit, if it estimated the
    /// param, else the latest fitted model (in order of definition, last first) that has it.
    func plotFit(estimating param: String) -> FitRecord? {
        if let last = lastFit, last.model.layout.entry(param) != nil { return last }
        for name in modelOrder.reversed() {
            if let fit = fits[name], fit.model.layout.entry(param) != nil { return fit }
        }
        return nil
    }
}
