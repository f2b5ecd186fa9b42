import Checker
import Diagnostics
import Fitting
import Inference
import Report
import Syntax

extension Session {
    /// Points along a profile: each is a fit of the other params, so fewer than a slice.
    static let profilePoints = 61

    /// `plot profile b1`: the signed root r(ψ) = sign(ψ − ψ̂)·√(2(ℓ̂ − ℓ_p(ψ))) beside the
    /// Wald line (ψ − ψ̂)/se, which is what r would be were ℓ_p quadratic; the lines r = ±1.96
    /// and the 95% profile interval (from the Inference stage's profile, to 10⁻¹⁰ se) marked.
    func profilePlot(_ variable: PlotVariable, _ span: SourceSpan) throws -> Plot {
        let (fit, slot) = try plottedParam(variable.target)
        let outcome = fit.outcome
        try requireMaximum(outcome, variable.target.span)
        let name = fit.model.layout.slotName(slot)
        let estimate = outcome.estimate[slot]
        let range = try plotRange(variable, fit: fit, slot: slot, estimate: estimate, span)
        let xs = range.values(count: Session.profilePoints, log: variable.log, including: estimate)
        let profile = try profileValue(outcome, slot: slot, variable.target.span)
        let points = try profileCurve(outcome, slot: slot, at: xs, variable.target.span)
        let rs = xs.map { x in
            points[x].map { Profile.signedRoot(value: x, estimate: estimate, profile: $0, maximum: outcome.maximum) }
                ?? .nan
        }
        let se = outcome.standardError(slot: slot)
        let wald = xs.map { x in se.map { (x - estimate) / $0 } ?? .nan }
        var notes = Session.profileNotes(profile, name)
        if se == nil { notes.append(InterpreterMessage.noWaldLine(name)) }
        if points.values.count < xs.count {
            notes.append(InterpreterMessage.profilePointsFailed(xs.count - points.values.count))
        }
        let (lower, upper) = Session.interval(profile)
        var panel = Session.signedRootPanel(name, xs: xs, rs: rs, wald: se == nil ? nil : wald, lower, upper)
        panel.x = PlotAxis(label: name, lower: range.lower, upper: range.upper, scale: variable.log ? .log : .linear)
        panel.markers = [
            PlotMarker(
                label: InterpreterMessage.estimateLabel(name, estimate, map: fit.model.hasPriors, fitted: true),
                x: estimate, y: 0)
        ]
        return Plot(
            kind: .profile, title: InterpreterMessage.profileTitle(name, model: fit.model.description), panels: [panel],
            notes: notes,
            data: [
                ("x", .vector(xs)), ("y", .vector(rs)), ("wald", .vector(wald)), ("lower", .number(lower)),
                ("upper", .number(upper)),
            ])
    }

    /// The signed root (solid) and the Wald line (dashed, when there is a standard error),
    /// the lines r = ±1.96 and the interval's ends; the y axis spans r, and the Wald line
    /// as far as ±6.
    static func signedRootPanel(
        _ name: String, xs: [Double], rs: [Double], wald: [Double]?, _ lower: Double, _ upper: Double
    ) -> PlotPanel {
        let z = Uncertainty.normalQuantile(level: 0.95)
        var series = [
            PlotSeries(label: InterpreterMessage.signedRootLabel(name), points: zip(xs, rs).map(PlotPoint.init))
        ]
        if let wald {
            series.append(
                PlotSeries(
                    label: InterpreterMessage.waldLineLabel(name), points: zip(xs, wald).map(PlotPoint.init),
                    stroke: .dashed, ink: .reference))
        }
        let ends = [lower, upper].filter(\.isFinite).enumerated().map { k, v in
            PlotGuide(
                label: k == 0 ? InterpreterMessage.profileIntervalLabel(lower, upper) : "", orientation: .vertical,
                value: v, stroke: .dotted, ink: .estimate)
        }
        let guides = [
            PlotGuide(label: InterpreterMessage.zLabel(z), orientation: .horizontal, value: z, stroke: .dotted),
            PlotGuide(label: "", orientation: .horizontal, value: -z, stroke: .dotted),
        ]
        return PlotPanel(
            x: PlotAxis(label: name, lower: xs.first ?? 0, upper: xs.last ?? 1),
            y: PlotAxis.spanning(
                rs + (wald ?? []).map { max(-6, min(6, $0)) }, label: InterpreterMessage.signedRootAxis),
            series: series, guides: guides + ends)
    }

    /// A profile is measured from the maximum: a fit that stopped short of it has none
    /// (as its table has no profile intervals).
    func requireMaximum(_ outcome: FitOutcome, _ span: SourceSpan) throws {
        guard outcome.solution.converged else {
            throw Diagnostic.error(
                InterpreterMessage.profileNeedsMaximum, at: span, help: InterpreterMessage.profileNeedsMaximumHelp)
        }
    }

    /// The 95% profile of a slot, its failure a diagnostic at the param.
    func profileValue(_ outcome: FitOutcome, slot: Int, _ span: SourceSpan) throws -> Profile {
        do {
            return try Fitter.profile(outcome, slot: slot, level: 0.95)
        } catch let e as FitError {
            throw Diagnostic.error(e.message, at: span, help: e.help)
        }
    }

    /// ℓ_p at each value (by value; a value whose restricted fit failed is missing).
    func profileCurve(_ outcome: FitOutcome, slot: Int, at xs: [Double], _ span: SourceSpan) throws -> [Double: Double]
    {
        do {
            let points = try Fitter.profileCurve(outcome, slot: slot, at: xs)
            return Dictionary(points.map { ($0.value, $0.logLikelihood) }, uniquingKeysWith: { a, _ in a })
        } catch let e as FitError {
            throw Diagnostic.error(e.message, at: span, help: e.help)
        }
    }

    /// What the ends of the interval are when they are not crossings of the cut-off.
    static func profileNotes(_ profile: Profile, _ name: String) -> [String] {
        [("lower", profile.lower), ("upper", profile.upper)].compactMap { side, end in
            switch end {
            case .crossing: return nil
            case .boundary(let x): return InterpreterMessage.profileEndAtBoundary(name, side, x)
            case .open(let x): return InterpreterMessage.profileEndOpen(name, side, x)
            case .failed(let x, let reason): return InterpreterMessage.profileEndFailed(name, side, x, reason)
            }
        }
    }

    /// The profile interval's ends as numbers: a crossing or the boundary the estimate is
    /// on; nan for an end that is open or where the restricted fits failed.
    static func interval(_ profile: Profile) -> (Double, Double) {
        func end(_ e: Profile.End) -> Double {
            switch e {
            case .crossing(let x), .boundary(let x): return x
            case .open, .failed: return .nan
            }
        }
        return (end(profile.lower), end(profile.upper))
    }
}
