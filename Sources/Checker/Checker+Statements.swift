import Diagnostics
import Fitting
import Model
import Syntax

extension Checker {
    /// Checks a whole program; nil (with the diagnostics kept) if any statement has an error.
    public mutating func check(program: Program) -> CheckedProgram? {
        var statements: [CheckedStatement] = []
        for statement in program.statements {
            let errors = diagnostics.filter(\.isError).count
            let action = check(statement)
            if let action, diagnostics.filter(\.isError).count == errors {
                statements.append(CheckedStatement(syntax: statement, action: action, environment: environment))
            }
        }
        return hasErrors ? nil : CheckedProgram(file: program.file, statements: statements)
    }

    /// Checks one statement; what it does, as resolved (nil where it cannot be resolved).
    @discardableResult
    public mutating func check(_ statement: Statement) -> Action? {
        switch statement.kind {
        case .data(let name, let value):
            checkData(name, value)
            return .data(name: name.text, value: value)
        case .let(let name, let value):
            let info = infer(value)
            if case .distribution(let d) = info.shape {
                error(CheckerMessage.letIsDistribution(name.text, family: d), at: value.span)
            }
            let isNew = environment[name.text] == nil
            define(name, .let(info.shape, usesParams: info.usesParams))
            if isNew, info.usesParams { environment.letParams[name.text] = info.params }
            return .let(name: name.text, value: value, usesParams: info.usesParams)
        case .param(let decl):
            checkParam(decl)
            return .param(decl)
        case .model(let decl): return checkModel(decl).map(Action.model)
        case .prior(let name, let dist): return checkPrior(name, dist).map(Action.prior)
        case .fit(let decl): return checkFit(decl, statement.span).map(Action.fit)
        case .show(let target, let model):
            let resolved = checkShow(target, model, statement.span)
            guard let (t, m) = resolved else { return nil }
            return .show(t, model: m)
        case .derive(let model):
            return resolveModel(model, statement.span).map { Action.derive(model: $0) }
        case .print(let items):
            for e in items { _ = infer(e) }
            return .print(items)
        case .assert(let decl):
            checkAssert(decl)
            return .assert(condition: decl.condition, tolerance: decl.tolerance)
        case .expression(let e):
            _ = infer(e)
            return .expression(e)
        }
    }

    /// The model a statement refers to: the one named (which must be a model), else the
    /// default one; nil (reported) if there is none.
    mutating func resolveModel(_ name: Name?, _ span: SourceSpan, fitting: Bool = false) -> String? {
        if let name { return checkModelName(name) ? name.text : nil }
        guard let model = defaultModel else {
            error(
                fitting ? CheckerMessage.noModelToFit : CheckerMessage.noModelYet, at: span,
                help: CheckerMessage.stateAModel)
            return nil
        }
        return model
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
        let (kind, dimensions) = checkShape(decl)
        let bounds = kind == .simplex ? (0.0, 1.0) : checkConstraint(decl)
        let length: Int?? = kind == .scalar ? nil : .some(ParamInfo.product(dimensions))
        if let start = decl.start {
            let info = requireData(start, role: CheckerMessage.Role.startValue)
            checkStart(decl, info, start, bounds: bounds, length: length, dimensions: dimensions)
        }
        define(
            decl.name,
            .param(ParamInfo(kind: kind, dimensions: dimensions, constraint: decl.constraint, bounds: bounds)))
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
        length: Int??, dimensions: [Int?]
    ) {
        let name = decl.name.text
        switch (info.shape, length) {
        case (.scalar, _), (.unknown, _): break
        case (.vector(let n), .some(let k)):
            // A vector start gives every component, or (for a shape of rows) every row alike.
            let row = dimensions.count == 2 ? dimensions[1] : nil
            if let n, let k, n != k, n != row {
                error(CheckerMessage.startLength(name, components: row ?? k, given: n), at: start.span)
            }
        case (.matrix(let r, let c), .some) where dimensions.count == 2:
            if let r, let c, let k = dimensions[0], let v = dimensions[1], r != k || c != v {
                error(CheckerMessage.startMatrixShape(name, rows: k, columns: v, given: info.shape), at: start.span)
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

    mutating func checkPrior(_ name: Name, _ dist: DistributionCall) -> CheckedPrior? {
        guard let entry = environment[name.text] else {
            undefined(name.text, at: name.span)
            return nil
        }
        guard case .param(let param) = entry.binding else {
            error(CheckerMessage.priorOnNonParam(name.text, kind: entry.binding.kindName), at: name.span)
            return nil
        }
        guard let family = checkDistribution(dist) else { return nil }
        if family.mixture != nil {
            error(CheckerMessage.mixtureNotAPrior, at: dist.span)
            return nil
        }
        checkSimplexPrior(family, param, name)
        for arg in dist.arguments {
            let info = requireData(arg.value, role: CheckerMessage.Role.priorArgument)
            expectScalar(info, arg.value, role: CheckerMessage.Role.priorArgument)
        }
        return CheckedPrior(
            param: name.text, family: family, arguments: dist.arguments.map(\.value),
            description: "\(name.text) ~ \(dist.span.text)")
    }

    mutating func checkFit(_ decl: FitDeclaration, _ span: SourceSpan) -> CheckedFit? {
        let model = resolveModel(decl.model, span, fitting: true)
        if let model {
            environment.lastFitModel = model
            environment.fittedModels.insert(model)
        }
        var kind: FitMethodKind?
        if let method = decl.method { kind = checkMethod(method, decl.options) }
        environment.hasFit = true
        guard let model, decl.method == nil || kind != nil else { return nil }
        return CheckedFit(
            model: model, method: kind, options: decl.options.compactMap { a in a.label.map { ($0.text, a.value) } },
            trace: decl.trace, methodSpan: decl.method?.span)
    }

    /// The method named after `using`, its options' names and values checked.
    mutating func checkMethod(_ method: Name, _ options: [Argument]) -> FitMethodKind? {
        guard let kind = FitMethodKind(rawValue: method.text) else {
            let hint = Suggestion.closest(to: method.text, among: FitMethodKind.allCases.map(\.rawValue))
            error(
                CheckerMessage.unknownMethod(method.text), at: method.span,
                help: hint.map(CheckerMessage.didYouMean) ?? CheckerMessage.knownMethods)
            return nil
        }
        let allowed = kind.options.map(\.name)
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
        for required in kind.options where required.required {
            if !options.contains(where: { $0.label?.text == required.name }) {
                error(
                    CheckerMessage.methodNeeds(required.name, of: method.text), at: method.span,
                    help: CheckerMessage.methodExample(kind))
            }
        }
        return kind
    }

    /// Whether the name is a model's (reported when it is not).
    @discardableResult
    mutating func checkModelName(_ model: Name) -> Bool {
        guard let entry = environment[model.text] else {
            let hint = Suggestion.closest(to: model.text, among: environment.models.filter { !$0.isEmpty })
            error(CheckerMessage.noModelNamed(model.text), at: model.span, help: hint.map(CheckerMessage.didYouMean))
            return false
        }
        if case .model = entry.binding { return true }
        error(CheckerMessage.notAModel(model.text, kind: entry.binding.kindName), at: model.span)
        return false
    }

    mutating func checkShow(_ target: Name, _ model: Name?, _ span: SourceSpan) -> (ShowTarget, String)? {
        let kind = ShowTarget(rawValue: target.text)
        if kind == nil {
            let names = ShowTarget.allCases.map(\.rawValue)
            let hint = Suggestion.closest(to: target.text, among: names)
            error(
                CheckerMessage.cannotShow(target.text), at: target.span,
                help: hint.map(CheckerMessage.didYouMean) ?? CheckerMessage.showTargets(names))
        }
        let resolved = resolveModel(model, span)
        guard let kind, let resolved else { return nil }
        return (kind, resolved)
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
