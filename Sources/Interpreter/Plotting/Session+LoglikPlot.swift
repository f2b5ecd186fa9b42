import Checker
import Diagnostics
import Fitting
import Foundation
import Inference
import Model
import Report
import Syntax

/// χ²₁(0.95)/2 and χ²₂(0.95)/2: how far ℓ falls below ℓ̂ at the ends of a 95%
/// likelihood interval (one param) and at the edge of a 95% confidence region (two).
/// χ²₁(q) = z², z the normal quantile at (1 + q)/2; χ²₂(q) = −2 log(1 − q) exactly.
enum LikelihoodCutoff {
    static var oneParam: Double {
        let z = Uncertainty.normalQuantile(level: 0.95)
        return z * z / 2
    }
    static let twoParams = -Foundation.log(0.05)
}

/// What a loglik plot evaluates: one model's ℓ (or ℓ + log π) at θ with the plotted
/// slots set, the others at their estimates, except that the rest of a simplex row with a
/// plotted component are scaled in proportion to their estimates, so that the row still
/// sums to 1 (for a Categorical alone that is the profile: p̂ₖ ∝ nₖ among the rest).
struct LoglikSlice {
    let model: StatisticalModel
    /// θ at the estimate (or the current estimates, for `loglik(m)` of a held-out model).
    let theta: [Double]
    let withPrior: Bool

    /// ℓ at the settings; −∞ where they leave a simplex row nothing (or more than nothing) to
    /// share out.
    func value(_ settings: [(slot: Int, value: Double)]) -> Double {
        var t = theta
        for (slot, v) in settings { t[slot] = v }
        for row in model.layout.simplexRows {
            let set = settings.map(\.slot).filter(row.contains)
            guard !set.isEmpty else { continue }
            let rest = row.filter { !set.contains($0) }
            let left = 1 - set.reduce(0) { $0 + t[$1] }
            let had = rest.reduce(0) { $0 + theta[$1] }
            guard left >= 0, !rest.isEmpty || abs(left) < 1e-12 else { return -.infinity }
            for k in rest { t[k] = had > 0 ? theta[k] * left / had : left / Double(rest.count) }
        }
        return model.evaluate(t, order: 0, withPrior: withPrior).value
    }

    /// The slots that share a simplex row with one of `slots` (those left out): scaled with them.
    func companions(of slots: [Int]) -> [Int] {
        model.layout.simplexRows.filter { row in slots.contains(where: row.contains) }
            .flatMap { row in row.filter { !slots.contains($0) } }
    }
}

extension Session {
    /// ℓ over one param: the grid (the estimate among its points), the MLE marked, the
    /// ℓ̂ − χ²₁(0.95)/2 line, and where the curve crosses it. With `profile`, ℓ_p: the other
    /// params maximised at each point (101 of them), its interval the Inference stage's.
    func loglikCurve(model: String?, _ variable: PlotVariable, profile: Bool, _ span: SourceSpan) throws -> Plot {
        let (fit, slot, slice) = try loglikSlice(model: model, variable.target, span)
        let name = fit.model.layout.slotName(slot)
        let estimate = slice.theta[slot]
        var notes: [String] = []
        let range = try plotRange(variable, fit: fit, slot: slot, estimate: estimate, span)
        let (lower, upper) = (range.lower, range.upper)
        let layout = slice.model.layout
        let companions = slice.companions(of: [slot])
        let profiled = profile && layout.count > 1
        // Named as held at the estimate (or maximised): the slots not scaled with the plotted one.
        let others = (0..<layout.count).filter { $0 != slot && (profiled || !companions.contains($0)) }
            .map(layout.slotName)
        if !profiled, !companions.isEmpty {
            notes.append(InterpreterMessage.simplexSliceNote(companions.map(layout.slotName), plotted: name))
        }
        if profiled, model != nil, model != fit.model.name {
            throw Diagnostic.error(InterpreterMessage.profileOfOtherModel, at: variable.target.span)
        }
        if profiled { try requireMaximum(fit.outcome, variable.target.span) }
        let count = profiled ? PlotGrid.expressionPoints : PlotGrid.curvePoints
        let xs = range.values(count: count, log: variable.log, including: estimate)
        let top = profiled ? fit.outcome.maximum : slice.value([])
        let cutoff = top - LikelihoodCutoff.oneParam
        let (ys, crossings) =
            profiled
            ? try profileValues(fit, slot: slot, at: xs, variable.target.span)
            : Session.sliceValues(slice, slot: slot, at: xs, cutoff: cutoff)
        if !others.isEmpty, !profiled {
            notes.append(InterpreterMessage.sliceNote(others, plotted: variable.target.span.text))
        }
        let best = PlotExtremes(xs: xs, ys: ys)
        let map = slice.withPrior
        var label = InterpreterMessage.loglikLabel(name, prior: map, profile: profiled)
        if let o = InterpreterMessage.others(others, profile: profiled) { label += " with " + o }
        let panel = PlotPanel(
            x: PlotAxis(label: name, lower: lower, upper: upper, scale: variable.log ? .log : .linear),
            y: PlotAxis.fitted(ys, top: top, drop: LikelihoodCutoff.oneParam, label: InterpreterMessage.loglikAxis),
            series: [PlotSeries(label: label, points: zip(xs, ys).map(PlotPoint.init))]
                + Session.intervalSeries(crossings.lower, crossings.upper, at: cutoff),
            guides: [
                PlotGuide(
                    label: InterpreterMessage.cutoffLabel, orientation: .horizontal, value: cutoff, stroke: .dashed),
                PlotGuide(label: "", orientation: .vertical, value: estimate, stroke: .dotted, ink: .estimate),
            ],
            markers: [
                PlotMarker(
                    label: InterpreterMessage.estimateLabel(name, estimate, map: map, fitted: model == nil),
                    x: estimate, y: top)
            ])
        return Plot(
            kind: .loglik,
            title: InterpreterMessage.loglikTitle([name], model: slice.model.description, profile: profiled),
            panels: [panel], notes: notes,
            data: [
                ("x", .vector(xs)), ("y", .vector(ys)), ("argmax", .number(best.argmax)), ("max", .number(best.max)),
                ("lower", .number(crossings.lower)), ("upper", .number(crossings.upper)),
            ])
    }

    /// ℓ_p at each point (NaN where the restricted fit failed) and the profile interval.
    func profileValues(_ fit: FitRecord, slot: Int, at xs: [Double], _ span: SourceSpan) throws -> (
        [Double], (lower: Double, upper: Double)
    ) {
        let values = try profileCurve(fit.outcome, slot: slot, at: xs, span)
        let interval = Session.interval(try profileValue(fit.outcome, slot: slot, span))
        return (xs.map { values[$0] ?? .nan }, interval)
    }

    /// ℓ with the other slots at the estimates at each point, and where it crosses `cutoff`
    /// on each side of the estimate (the grid's brackets narrowed by bisection to rounding).
    static func sliceValues(_ slice: LoglikSlice, slot: Int, at xs: [Double], cutoff: Double) -> (
        [Double], (lower: Double, upper: Double)
    ) {
        let ys = xs.map { slice.value([(slot, $0)]) }
        let f = { (x: Double) in slice.value([(slot, x)]) - cutoff }
        return (ys, PlotCrossing.around(slice.theta[slot], xs: xs, ys: ys.map { $0 - cutoff }, f))
    }

    /// The interval [lower, upper] drawn along the cut-off line, when both ends are found.
    static func intervalSeries(_ lower: Double, _ upper: Double, at level: Double) -> [PlotSeries] {
        guard lower.isFinite, upper.isFinite else { return [] }
        return [
            PlotSeries(
                label: InterpreterMessage.intervalLabel(lower, upper),
                points: [PlotPoint(lower, level), PlotPoint(upper, level)], ink: .estimate)
        ]
    }

    /// The fit, the slot, and the ℓ to evaluate: the fit's own model at its estimate, or
    /// with `loglik(m)` model m at the current estimates of its params.
    func loglikSlice(model: String?, _ target: ExpressionSyntax, _ span: SourceSpan) throws
        -> (FitRecord, Int, LoglikSlice)
    {
        let (fit, slot) = try plottedParam(target)
        guard let model, model != fit.model.name else {
            return (fit, slot, LoglikSlice(model: fit.model, theta: fit.estimate, withPrior: fit.model.hasPriors))
        }
        let other = try builtModel(model, span)
        let name = fit.model.layout.slotName(slot)
        guard let owner = fit.model.layout.owner(slot), let entry = other.layout.entry(owner.name),
            entry.size == owner.size
        else {
            throw Diagnostic.error(InterpreterMessage.notInModel(name, model: model), at: target.span)
        }
        let theta = try currentEstimate(other, span)
        let moved = entry.offset + (slot - owner.offset)
        return (fit, moved, LoglikSlice(model: other, theta: theta, withPrior: false))
    }

    /// The range of a plotted param: as given (inside its domain), else the estimate ± 4
    /// standard errors in the param's unconstrained coordinate; with no standard error, a
    /// bounded domain itself. Just inside an open bound of the domain, where ℓ may be −∞.
    func plotRange(
        _ variable: PlotVariable, fit: FitRecord, slot: Int, estimate: Double, _ span: SourceSpan
    ) throws -> PlotSpan {
        let name = fit.model.layout.slotName(slot)
        let entry = fit.model.layout.owner(slot)
        let (lo, hi) = (entry?.lower, entry?.upper)
        if let range = variable.range {
            let a = try number(numeric(evaluate(range.lower), range.lower.span), range.lower)
            let b = try number(numeric(evaluate(range.upper), range.upper.span), range.upper)
            try PlotRange.check(a, b, log: variable.log, range.lower.span.merged(with: range.upper.span))
            if let lo, a < lo {
                throw Diagnostic.error(
                    InterpreterMessage.rangeOutsideDomain(name, lower: lo, upper: hi), at: range.lower.span)
            }
            if let hi, b > hi {
                throw Diagnostic.error(
                    InterpreterMessage.rangeOutsideDomain(name, lower: lo, upper: hi), at: range.upper.span)
            }
            let (a2, b2) = PlotRange.inside(a, b, lower: lo, upper: hi)
            return PlotSpan(lower: a2, upper: b2, transform: nil)
        }
        guard let se = fit.outcome.standardError(slot: slot), se > 0, se.isFinite, let entry else {
            if let lo, let hi {
                let (a, b) = PlotRange.inside(lo, hi, lower: lo, upper: hi)
                return PlotSpan(lower: a, upper: b, transform: ParameterTransform(lower: lo, upper: hi))
            }
            throw Diagnostic.error(
                InterpreterMessage.noRangeWithoutStandardError(name), at: variable.target.span,
                help: InterpreterMessage.giveRange(variable.target.span.text))
        }
        // ±4 standard errors in the coordinate the solver uses (log σ, logit p), where ℓ is
        // closer to quadratic and every point is inside the domain: u = T⁻¹(θ̂), and by the
        // delta method se(u) = se(θ)/|dθ/du|.
        let transform = entry.transform
        let u = transform.u(estimate)
        let seU = se / abs(transform.derivatives(u).first)
        let (a, b) = (transform.theta(u - 4 * seU), transform.theta(u + 4 * seU))
        guard a.isFinite, b.isFinite, a < b, !variable.log || a > 0 else {
            throw Diagnostic.error(
                InterpreterMessage.noDefaultRange(name), at: variable.target.span,
                help: InterpreterMessage.giveRange(variable.target.span.text))
        }
        let (a2, b2) = PlotRange.inside(a, b, lower: lo, upper: hi)
        return PlotSpan(lower: a2, upper: b2, transform: transform)
    }
}

/// A plotted param's range, and the coordinate its grid is even in: the param's
/// unconstrained one (log σ, logit p) for a default range, so the points crowd where ℓ
/// bends fastest and the estimate is the middle one; θ itself (or log θ on a log axis)
/// for a range the script gave.
struct PlotSpan {
    let lower: Double
    let upper: Double
    let transform: ParameterTransform?

    func values(count: Int, log: Bool, including extra: Double? = nil) -> [Double] {
        guard let t = transform, !log, !t.isIdentity else {
            return PlotGrid.values(lower: lower, upper: upper, count: count, log: log, including: extra)
        }
        var xs = PlotGrid.values(
            lower: t.u(lower), upper: t.u(upper), count: count, log: false, including: extra.map(t.u)
        )
        .map(t.theta)
        xs[0] = lower
        xs[xs.count - 1] = upper
        if let extra, let near = xs.indices.min(by: { abs(xs[$0] - extra) < abs(xs[$1] - extra) }) { xs[near] = extra }
        return xs
    }
}
