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
                error("'\(name.text)' would be a \(d) distribution; distributions are used in 'model', 'prior' and sample(...)",
                      at: value.span)
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
            error("data '\(name.text)' cannot depend on param '\(p.text)'", at: p.span,
                  help: "data is fixed before fitting; use 'let \(name.text) = ...' for a formula in params")
        }
        if case .distribution(let d) = info.shape {
            error("data '\(name.text)' is a \(d) distribution, not data", at: value.span,
                  help: "to draw from it, write sample(\(d)(...), n, seed: 1)")
        }
        define(name, .data(info.shape))
    }

    mutating func checkParam(_ decl: ParamDeclaration) {
        var length: Int?? = nil
        if let lengthExpr = decl.length {
            let info = requireData(lengthExpr, role: "a vector param's length")
            if case .number(let k) = lengthExpr.kind {
                if k < 1 || k != k.rounded() || k > 1_000_000 {
                    error("a vector param's length must be a whole number ≥ 1, but it is \(format(k))", at: lengthExpr.span)
                }
                length = .some(Int(exactly: k.rounded()) ?? 1)
            } else {
                expectScalar(info, lengthExpr, role: "a vector param's length")
                length = .some(nil)
            }
        }
        let bounds = checkConstraint(decl)
        if let start = decl.start {
            let info = requireData(start, role: "a start value")
            checkStart(decl, info, start, bounds: bounds, length: length)
        }
        define(decl.name, .param(ParamInfo(length: length, constraint: decl.constraint, bounds: bounds)))
    }

    mutating func checkConstraint(_ decl: ParamDeclaration) -> (Double?, Double?) {
        func bound(_ e: ExpressionSyntax) -> Double? {
            let info = requireData(e, role: "a constraint's bound")
            expectScalar(info, e, role: "a constraint's bound")
            return Checker.literalValue(e)
        }
        switch decl.constraint {
        case .none: return (nil, nil)
        case .greater(let a): return (bound(a), nil)
        case .less(let b): return (nil, bound(b))
        case .interval(let a, let b):
            let (lo, hi) = (bound(a), bound(b))
            if let lo, let hi, lo >= hi {
                error("the interval's lower bound \(format(lo)) must be below its upper bound \(format(hi))",
                      at: decl.constraintSpan)
            }
            return (lo, hi)
        }
    }

    mutating func checkStart(
        _ decl: ParamDeclaration, _ info: ExpressionInfo, _ start: ExpressionSyntax, bounds: (Double?, Double?), length: Int??
    ) {
        let name = decl.name.text
        switch (info.shape, length) {
        case (.scalar, _), (.unknown, _): break
        case (.vector(let n), .some(let k)):
            if let n, let k, n != k {
                error("param '\(name)' has \(k) components, but its start value has \(n)", at: start.span)
            }
        default:
            error("param '\(name)' needs a number as its start value, but it is \(info.shape)", at: start.span)
        }
        for v in Checker.literalValues(start) {
            if let lo = bounds.0, v <= lo {
                error("param '\(name)' must be > \(format(lo)), but its start value is \(format(v))", at: start.span)
                return
            }
            if let hi = bounds.1, v >= hi {
                error("param '\(name)' must be < \(format(hi)), but its start value is \(format(v))", at: start.span)
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
            error("a prior is put on a param, but '\(name.text)' is \(entry.binding.kindName)", at: name.span)
            return
        }
        guard checkDistribution(dist) != nil else { return }
        for arg in dist.arguments {
            let info = requireData(arg.value, role: "a prior's argument")
            expectScalar(info, arg.value, role: "a prior's argument")
        }
    }

    mutating func checkFit(_ decl: FitDeclaration, _ span: SourceSpan) {
        if let model = decl.model {
            checkModelName(model)
            environment.lastFitModel = model.text
        } else if environment.models.isEmpty {
            error("there is no model to fit", at: span, help: "state one first, e.g. 'model y ~ Normal(μ, σ)'")
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
            error("unknown fitting method '\(method.text)'", at: method.span,
                  help: hint.map { "did you mean '\($0)'?" } ?? "the methods are closed, newton and gradient(lr: …, steps: …)")
            return
        }
        for option in options {
            guard let label = option.label else {
                error("options of '\(method.text)' are named, e.g. lr: 0.01", at: option.value.span)
                continue
            }
            guard allowed.contains(label.text) else {
                let list = allowed.sorted().joined(separator: ", ")
                error("'\(method.text)' has no option '\(label.text)'", at: label.span,
                      help: allowed.isEmpty ? "'\(method.text)' takes no options" : "its options are \(list)")
                continue
            }
            let info = requireData(option.value, role: "an option")
            expectScalar(info, option.value, role: "'\(label.text)'")
        }
        if method.text == "gradient" {
            for required in ["lr", "steps"] where !options.contains(where: { $0.label?.text == required }) {
                error("gradient ascent needs '\(required):'", at: method.span,
                      help: "write: fit using gradient(lr: 0.01, steps: 500)")
            }
        }
    }

    mutating func checkModelName(_ model: Name) {
        guard let entry = environment[model.text] else {
            let hint = Suggestion.closest(to: model.text, among: environment.models.filter { !$0.isEmpty })
            error("there is no model named '\(model.text)'", at: model.span, help: hint.map { "did you mean '\($0)'?" })
            return
        }
        if case .model = entry.binding { return }
        error("'\(model.text)' is \(entry.binding.kindName), not a model", at: model.span)
    }

    static let showTargets = ["loglik", "score", "hessian", "stats", "tape", "model", "params"]

    mutating func checkShow(_ target: Name, _ model: Name?) {
        if !Checker.showTargets.contains(target.text) {
            let hint = Suggestion.closest(to: target.text, among: Checker.showTargets)
            error("cannot show '\(target.text)'", at: target.span,
                  help: hint.map { "did you mean '\($0)'?" }
                    ?? "you can show \(Checker.showTargets.joined(separator: ", "))")
        }
        if let model { checkModelName(model) }
    }

    mutating func checkAssert(_ decl: AssertDeclaration) {
        let info = infer(decl.condition)
        if case .string = info.shape {
            error("an assert needs a condition, such as 'x ≈ 3' or 'x > 0'", at: decl.condition.span)
        }
        guard let tolerance = decl.tolerance else { return }
        if case .binary(.approx, _, _) = decl.condition.kind {} else {
            error("'within' goes with '≈': write 'assert a ≈ b within t'", at: tolerance.span)
        }
        let t = requireData(tolerance, role: "a tolerance")
        expectScalar(t, tolerance, role: "a tolerance")
        if let v = Checker.literalValue(tolerance), v < 0 {
            error("a tolerance must be ≥ 0, but it is \(format(v))", at: tolerance.span)
        }
    }
}
