import Diagnostics
import Model
import Syntax

extension Checker {
    public mutating func check(_ statement: Statement) {
        switch statement.kind {
        case .data(let name, let value): checkData(name, value)
        case .let(let name, let value):
            let info = infer(value)
            if case .distribution(let d) = info.shape {
                error(CheckerMessage.letIsDistribution(name.text, family: d), at: value.span)
            }
            let isNew = environment[name.text] == nil
            define(name, .let(info.shape, usesParams: info.usesParams))
            if isNew, info.usesParams { environment.letParams[name.text] = info.params }
        case .param(let decl): checkParam(decl)
        case .model(let decl): checkModel(decl)
        case .prior(let name, let dist): checkPrior(name, dist)
        case .fit(let decl): checkFit(decl, statement.span)
        case .show(let target, let model): checkShow(target, model)
        case .derive(let model): if let model { checkModelName(model) }
        case .print(let items): for e in items { _ = infer(e) }
        case .assert(let decl): checkAssert(decl)
        case .expression(let e): _ = infer(e)
        }
    }

    mutating func checkData(_ name: Name, _ value: ExpressionSyntax) {
        let info = infer(value)
        if let p = info.firstParam {
            error(
                CheckerMessage.dataDependsOnParam(name.text, param: p.text), at: p.span,
                help: CheckerMessage.useLetForFormula(name.text))
        }
        if case .distribution(let d) = info.shape {
            error(
                CheckerMessage.dataIsDistribution(name.text, family: d), at: value.span,
                help: CheckerMessage.drawWithSample(d))
        }
        define(name, .data(info.shape))
    }

    mutating func checkParam(_ decl: ParamDeclaration) {
        var length: Int?? = nil
        if let lengthExpr = decl.length {
            let info = requireData(lengthExpr, role: CheckerMessage.Role.vectorLength)
            if case .number(let k) = lengthExpr.kind {
                if k < 1 || k != k.rounded() || k > 1_000_000 {
                    error(CheckerMessage.badVectorLength(k), at: lengthExpr.span)
                }
                length = .some(Int(exactly: k.rounded()) ?? 1)
            } else {
                expectScalar(info, lengthExpr, role: CheckerMessage.Role.vectorLength)
                length = .some(nil)
            }
        }
        let bounds = checkConstraint(decl)
        if let start = decl.start {
            let info = requireData(start, role: CheckerMessage.Role.startValue)
            checkStart(decl, info, start, bounds: bounds, length: length)
        }
        define(decl.name, .param(ParamInfo(length: length, constraint: decl.constraint, bounds: bounds)))
    }

    mutating func checkConstraint(_ decl: ParamDeclaration) -> (Double?, Double?) {
        func bound(_ e: ExpressionSyntax) -> Double? {
            let info = requireData(e, role: CheckerMessage.Role.constraintBound)
            expectScalar(info, e, role: CheckerMessage.Role.constraintBound)
            return Checker.literalValue(e)
        }
        switch decl.constraint {
        case .none: return (nil, nil)
        case .greater(let a): return (bound(a), nil)
        case .less(let b): return (nil, bound(b))
        case .interval(let a, let b):
            let (lo, hi) = (bound(a), bound(b))
            if let lo, let hi, lo >= hi {
                error(CheckerMessage.boundsOutOfOrder(lower: lo, upper: hi), at: decl.constraintSpan)
            }
            return (lo, hi)
        }
    }

    mutating func checkStart(
        _ decl: ParamDeclaration, _ info: ExpressionInfo, _ start: ExpressionSyntax, bounds: (Double?, Double?),
        length: Int??
    ) {
        let name = decl.name.text
        switch (info.shape, length) {
        case (.scalar, _), (.unknown, _): break
        case (.vector(let n), .some(let k)):
            if let n, let k, n != k {
                error(CheckerMessage.startLength(name, components: k, given: n), at: start.span)
            }
        default:
            error(CheckerMessage.startNotANumber(name, shape: info.shape), at: start.span)
        }
        for v in Checker.literalValues(start) {
            if let lo = bounds.0, v <= lo {
                error(CheckerMessage.startBelowBound(name, bound: lo, start: v), at: start.span)
                return
            }
            if let hi = bounds.1, v >= hi {
                error(CheckerMessage.startAboveBound(name, bound: hi, start: v), at: start.span)
                return
            }
        }
    }

    mutating func checkPrior(_ name: Name, _ dist: DistributionCall) {
        guard let entry = environment[name.text] else {
            undefined(name.text, at: name.span)
            return
        }
        guard case .param = entry.binding else {
            error(CheckerMessage.priorOnNonParam(name.text, kind: entry.binding.kindName), at: name.span)
            return
        }
        guard checkDistribution(dist) != nil else { return }
        for arg in dist.arguments {
            let info = requireData(arg.value, role: CheckerMessage.Role.priorArgument)
            expectScalar(info, arg.value, role: CheckerMessage.Role.priorArgument)
        }
    }

    mutating func checkFit(_ decl: FitDeclaration, _ span: SourceSpan) {
        if let model = decl.model {
            checkModelName(model)
            environment.lastFitModel = model.text
        } else if environment.models.isEmpty {
            error(CheckerMessage.noModelToFit, at: span, help: CheckerMessage.stateAModel)
        } else {
            environment.lastFitModel = defaultModel
        }
        if let method = decl.method { checkMethod(method, decl.options) }
        environment.hasFit = true
    }

    mutating func checkMethod(_ method: Name, _ options: [Argument]) {
        let known: [String: Set<String>] = [
            "closed": [], "newton": [], "gradient": ["lr", "steps"],
        ]
        guard let allowed = known[method.text] else {
            let hint = Suggestion.closest(to: method.text, among: known.keys)
            error(
                CheckerMessage.unknownMethod(method.text), at: method.span,
                help: hint.map(CheckerMessage.didYouMean) ?? CheckerMessage.knownMethods)
            return
        }
        for option in options {
            guard let label = option.label else {
                error(CheckerMessage.unnamedOption(method.text), at: option.value.span)
                continue
            }
            guard allowed.contains(label.text) else {
                error(
                    CheckerMessage.unknownOption(label.text, of: method.text), at: label.span,
                    help: allowed.isEmpty
                        ? CheckerMessage.takesNoOptions(method.text) : CheckerMessage.itsOptions(allowed.sorted()))
                continue
            }
            let info = requireData(option.value, role: CheckerMessage.Role.option)
            expectScalar(info, option.value, role: CheckerMessage.Role.namedOption(label.text))
        }
        if method.text == "gradient" {
            for required in ["lr", "steps"] where !options.contains(where: { $0.label?.text == required }) {
                error(CheckerMessage.gradientNeeds(required), at: method.span, help: CheckerMessage.gradientExample)
            }
        }
    }

    mutating func checkModelName(_ model: Name) {
        guard let entry = environment[model.text] else {
            let hint = Suggestion.closest(to: model.text, among: environment.models.filter { !$0.isEmpty })
            error(CheckerMessage.noModelNamed(model.text), at: model.span, help: hint.map(CheckerMessage.didYouMean))
            return
        }
        if case .model = entry.binding { return }
        error(CheckerMessage.notAModel(model.text, kind: entry.binding.kindName), at: model.span)
    }

    static let showTargets = ["loglik", "score", "hessian", "stats", "tape", "model", "params"]

    mutating func checkShow(_ target: Name, _ model: Name?) {
        if !Checker.showTargets.contains(target.text) {
            let hint = Suggestion.closest(to: target.text, among: Checker.showTargets)
            error(
                CheckerMessage.cannotShow(target.text), at: target.span,
                help: hint.map(CheckerMessage.didYouMean) ?? CheckerMessage.showTargets(Checker.showTargets))
        }
        if let model { checkModelName(model) }
    }

    mutating func checkAssert(_ decl: AssertDeclaration) {
        let info = infer(decl.condition)
        if case .string = info.shape {
            error(CheckerMessage.assertNeedsCondition, at: decl.condition.span)
        }
        guard let tolerance = decl.tolerance else { return }
        if case .binary(.approx, _, _) = decl.condition.kind {
        } else {
            error(CheckerMessage.withinNeedsApprox, at: tolerance.span)
        }
        let t = requireData(tolerance, role: CheckerMessage.Role.tolerance)
        expectScalar(t, tolerance, role: CheckerMessage.Role.tolerance)
        if let v = Checker.literalValue(tolerance), v < 0 {
            error(CheckerMessage.negativeTolerance(v), at: tolerance.span)
        }
    }
}
