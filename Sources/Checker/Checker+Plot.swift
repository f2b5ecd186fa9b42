import Diagnostics
import Syntax

extension Checker {
    /// `plot [NAME:] WHAT [to "file.svg"]`: the kind of plot settled (ℓ over params, a
    /// profile, a trace, or an expression over a grid), its variables and ranges checked,
    /// and NAME bound to the plot's data.
    mutating func checkPlot(_ decl: PlotDeclaration, _ span: SourceSpan) -> CheckedPlot? {
        let errors = diagnostics.filter(\.isError).count
        if let file = decl.file, !file.path.lowercased().hasSuffix(".svg") {
            error(CheckerMessage.plotFileNotSVG(file.path), at: file.span, help: CheckerMessage.plotFileHelp)
        }
        let kind: CheckedPlotKind?
        switch decl.target {
        case .trace(let model): kind = checkTracePlot(model, span)
        case .profile(let target): kind = checkProfilePlot(target, span)
        case .over(let over): kind = checkPlotOver(over, span)
        }
        guard let kind, diagnostics.filter(\.isError).count == errors else { return nil }
        if let name = decl.name { define(name, .data(.plot(PlotShape(kind)))) }
        return CheckedPlot(name: decl.name?.text, kind: kind, file: decl.file)
    }

    mutating func checkTracePlot(_ model: Name?, _ span: SourceSpan) -> CheckedPlotKind? {
        if let model {
            guard checkModelName(model) else { return nil }
            if !environment.fittedModels.contains(model.text) {
                error(
                    CheckerMessage.plotNeedsFitOf(model.text), at: model.span,
                    help: CheckerMessage.fitModelFirst(model.text))
                return nil
            }
            return .trace(model: model.text)
        }
        guard requireFitForPlot("trace", span) else { return nil }
        return .trace(model: nil)
    }

    mutating func checkProfilePlot(_ variable: PlotVariable, _ span: SourceSpan) -> CheckedPlotKind? {
        guard requireFitForPlot("profile", span) else { return nil }
        guard isPlottedParam(variable.target) else {
            error(CheckerMessage.plotProfileNeedsParam(variable.target.span.text), at: variable.target.span)
            return nil
        }
        _ = infer(variable.target)
        checkPlotRange(variable)
        return .profile(variable)
    }

    /// `plot E over …`: ℓ over params when E is `loglik` (or `loglik(m)`) and every
    /// variable is a param; otherwise E over one variable's grid.
    mutating func checkPlotOver(_ over: PlotOver, _ span: SourceSpan) -> CheckedPlotKind? {
        if let model = loglikModel(over.expression), over.variables.allSatisfy({ isPlottedParam($0.target) }) {
            return checkLoglikPlot(model, over, span)
        }
        if over.profile {
            error(CheckerMessage.profileNeedsLoglik, at: over.expression.span, help: CheckerMessage.plotLoglikExample)
            return nil
        }
        guard over.variables.count == 1, let variable = over.variables.first else {
            error(
                CheckerMessage.plotOneVariable, at: over.variables[1].span, help: CheckerMessage.plotLoglikExample)
            return nil
        }
        return checkCurvePlot(over.expression, variable)
    }

    /// `loglik` → the default model (.some(nil)); `loglik(m)` → m; anything else → nil.
    func loglikModel(_ e: ExpressionSyntax) -> String?? {
        switch e.kind {
        case .name("loglik"): return .some(nil)
        case .call(let callee, let args) where callee.text == "loglik" && args.count == 1 && args[0].label == nil:
            if case .name(let m) = args[0].value.kind, let entry = environment[m], case .model = entry.binding {
                return .some(m)
            }
            return nil
        default: return nil
        }
    }

    mutating func checkLoglikPlot(_ model: String?, _ over: PlotOver, _ span: SourceSpan) -> CheckedPlotKind? {
        guard requireFitForPlot("loglik", span) else { return nil }
        if over.variables.count > 2 {
            error(CheckerMessage.plotAtMostTwo, at: over.variables[2].span, help: CheckerMessage.plotLoglikExample)
            return nil
        }
        if over.variables.count == 2, over.variables[0].target.span.text == over.variables[1].target.span.text {
            error(CheckerMessage.plotSameParamTwice(over.variables[0].target.span.text), at: over.variables[1].span)
        }
        for v in over.variables {
            _ = infer(v.target)
            checkPlotRange(v)
        }
        return .loglik(model: model, over: over.variables, profile: over.profile)
    }

    /// E over a grid of one name: a new name (bound only in the plot) or data (rebound at
    /// each point); never a param (that is `plot loglik over μ`).
    mutating func checkCurvePlot(_ e: ExpressionSyntax, _ variable: PlotVariable) -> CheckedPlotKind? {
        guard case .name(let name) = variable.target.kind else {
            error(CheckerMessage.plotVariableNotAName(variable.target.span.text), at: variable.target.span)
            return nil
        }
        var rebinds = false
        if let entry = environment[name] {
            switch entry.binding {
            case .data(.scalar), .let(.scalar, usesParams: false): rebinds = true
            case .param:
                error(
                    CheckerMessage.plotOverParam(name), at: variable.target.span,
                    help: CheckerMessage.plotOverParamHelp(name))
                return nil
            default:
                error(
                    CheckerMessage.plotVariableNotANumber(name, kind: entry.binding.kindName), at: variable.target.span)
                return nil
            }
        }
        guard variable.range != nil else {
            error(CheckerMessage.plotNeedsRange(name), at: variable.span, help: CheckerMessage.plotRangeExample(name))
            return nil
        }
        checkPlotRange(variable)
        let saved = environment
        if !rebinds { environment.define(name, .data(.scalar), at: variable.target.span) }
        let info = infer(e)
        environment = saved
        var components: Int?
        switch info.shape {
        case .scalar, .unknown: break
        case .vector(let k): components = k ?? 0
        default:
            error(CheckerMessage.plotNeedsNumbers(e.span.text, shape: info.shape), at: e.span)
            return nil
        }
        return .curve(e, variable: variable, rebinds: rebinds, components: components)
    }

    /// The range's bounds: data-only numbers, in order, positive on a log axis.
    mutating func checkPlotRange(_ v: PlotVariable) {
        guard let range = v.range else { return }
        for bound in [range.lower, range.upper] {
            let info = requireData(bound, role: CheckerMessage.Role.plotRange)
            expectScalar(info, bound, role: CheckerMessage.Role.plotRange)
        }
        let (lo, hi) = (Checker.literalValue(range.lower), Checker.literalValue(range.upper))
        if let lo, let hi, !(lo < hi) {
            error(
                CheckerMessage.plotRangeOrder(lower: lo, upper: hi), at: range.lower.span.merged(with: range.upper.span)
            )
        }
        if v.log, let lo, !(lo > 0) {
            error(CheckerMessage.plotLogRange(lo), at: range.lower.span, help: CheckerMessage.plotLogRangeHelp)
        }
    }

    /// Whether a plot target names a param, as `b`, `w[2]`, `m1.b` or `m1.w[2]`.
    func isPlottedParam(_ e: ExpressionSyntax) -> Bool {
        switch e.kind {
        case .name(let n):
            if case .param = environment[n]?.binding { return true }
            return false
        case .member(let base, let p):
            guard case .name(let m) = base.kind, case .model = environment[m]?.binding else { return false }
            return environment.modelParams[m]?.contains(p.text) ?? false
        case .index(let base, let indices): return indices.count == 1 && isPlottedParam(base)
        default: return false
        }
    }

    /// A plot of a fit needs a fit before it; reported when there is none.
    mutating func requireFitForPlot(_ what: String, _ span: SourceSpan) -> Bool {
        if environment.hasFit { return true }
        error(CheckerMessage.plotNeedsFit(what), at: span, help: CheckerMessage.addFitFirst)
        return false
    }

    /// `c.x` of a named plot: the member's shape, or what the plot has.
    mutating func inferPlotMember(_ plot: PlotShape, _ base: ExpressionSyntax, _ member: Name) -> ExpressionInfo {
        if let shape = plot.member(member.text) { return ExpressionInfo(shape: shape) }
        let names = plot.members.map(\.name)
        let hint = Suggestion.closest(to: member.text, among: names)
        error(
            CheckerMessage.noPlotMember(member.text, plot: base.span.text, kind: plot.kind.rawValue), at: member.span,
            help: hint.map(CheckerMessage.didYouMean) ?? CheckerMessage.plotMembers(names))
        return .unknown
    }
}
