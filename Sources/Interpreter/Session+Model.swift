import Checker
import Diagnostics
import LinearAlgebra
import Model
import Symbolic
import Syntax

extension Session {
    /// The model a statement refers to: its name, or the unnamed one, or the only (last) one.
    func resolveModel(_ name: Name?, _ span: SourceSpan) throws -> String {
        if let name { return name.text }
        if models[""] != nil { return "" }
        if let last = modelOrder.last { return last }
        throw Diagnostic.error(InterpreterMessage.noModel, at: span, help: InterpreterMessage.stateModelFirst)
    }

    /// The prepared model, built once per set of definitions.
    func builtModel(_ name: String, _ span: SourceSpan) throws -> BuiltModel {
        if let cached = modelCache[name] { return cached }
        let model = try buildModel(name, span)
        modelCache[name] = model
        return model
    }

    func buildModel(_ name: String, _ span: SourceSpan) throws -> BuiltModel {
        guard let declarations = models[name], !declarations.isEmpty else {
            throw Diagnostic.error(InterpreterMessage.noModelNamed(name), at: span)
        }
        let layout = try parameterLayout(for: declarations)
        let store = ExprStore()
        var lowering = Lowering(session: self, store: store, layout: layout)
        var terms: [LikelihoodTerm] = []
        for decl in declarations {
            let response = try evaluate(decl.response)
            switch response {
            case .number: lowering.rows = 1
            case .vector(let xs): lowering.rows = xs.count
            default:
                throw Diagnostic.error(
                    InterpreterMessage.modelledDataNotVector(found: response.kindDescription),
                    at: decl.response.span)
            }
            guard lowering.rows >= 1 else {
                throw Diagnostic.error(InterpreterMessage.modelledDataEmpty, at: decl.response.span)
            }
            guard let family = Distributions.named(decl.distribution.name.text) else {
                throw Diagnostic.error(InterpreterMessage.unknownDistribution, at: decl.distribution.name.span)
            }
            let y = try lowering.lower(decl.response)
            let args = try decl.distribution.arguments.map { try lowering.lower($0.value) }
            let weight = try decl.weight.map { try lowering.lower($0) }
            let censored = try decl.censored.map { try lowering.lower($0) }
            terms.append(
                LikelihoodTerm(
                    family: family, response: y, arguments: args, weight: weight,
                    censored: censored, rows: lowering.rows))
        }
        let (logPrior, priorNames) = try priorTerms(layout, &lowering)
        do {
            let likelihood = try LogLikelihood(
                store: store, terms: terms, priors: store.zero, columns: lowering.columns,
                predictors: lowering.predictors, parameterCount: layout.count)
            return BuiltModel(
                name: name, store: store, layout: layout, terms: terms, declarations: declarations,
                likelihood: likelihood, logPrior: logPrior, priorNames: priorNames,
                predictorDescriptions: lowering.predictorDescriptions)
        } catch {
            throw likelihoodDiagnostic(error, terms, declarations)
        }
    }

    func likelihoodDiagnostic(_ error: LikelihoodError, _ terms: [LikelihoodTerm], _ declarations: [ModelDeclaration])
        -> Diagnostic
    {
        switch error {
        case .outsideSupport(let family, let support, let row, let value):
            let decl = declarations.first { $0.distribution.name.text == family } ?? declarations[0]
            return .error(
                InterpreterMessage.outsideSupport(
                    family, support, data: decl.response.span.text, value: value, row: row),
                at: decl.response.span, help: InterpreterMessage.outsideSupportHelp)
        case .censoringUnsupported:
            let decl = declarations.first { $0.censored != nil } ?? declarations[0]
            return .error(error.description, at: decl.censored?.span ?? decl.distribution.span)
        case .notFinite:
            return .error(error.description, at: declarations[0].response.span)
        }
    }

    /// Params the model uses, in declaration order, with their shapes, bounds and start values.
    func parameterLayout(for declarations: [ModelDeclaration]) throws -> ParameterLayout {
        var used: Set<String> = []
        for d in declarations {
            collectParams(d.response, into: &used)
            for a in d.distribution.arguments { collectParams(a.value, into: &used) }
        }
        var entries: [ParameterLayout.Entry] = []
        var offset = 0
        for name in paramOrder where used.contains(name) {
            guard let decl = params[name] else { continue }
            let entry = try layoutEntry(decl, offset: offset)
            entries.append(entry)
            offset += entry.size
        }
        return ParameterLayout(entries: entries)
    }

    func collectParams(_ e: ExpressionSyntax, into used: inout Set<String>) {
        switch e.kind {
        case .name(let n):
            if params[n] != nil { used.insert(n) }
            if let f = formulas[n] { collectParams(f, into: &used) }
        case .number, .string: break
        case .vector(let items): items.forEach { collectParams($0, into: &used) }
        case .unary(_, let a), .member(let a, _): collectParams(a, into: &used)
        case .binary(_, let a, let b):
            collectParams(a, into: &used)
            collectParams(b, into: &used)
        case .call(_, let args): args.forEach { collectParams($0.value, into: &used) }
        case .index(let a, let idx):
            collectParams(a, into: &used)
            idx.forEach { collectParams($0, into: &used) }
        }
    }

    func layoutEntry(_ decl: ParamDeclaration, offset: Int) throws -> ParameterLayout.Entry {
        var length: Int?
        if let l = decl.length {
            let k = try number(numeric(evaluate(l), l.span), l)
            guard k >= 1, k == k.rounded(), k <= 1_000_000 else {
                throw Diagnostic.error(InterpreterMessage.vectorLength(k), at: l.span)
            }
            length = Int(k)
        }
        var lower: Double?
        var upper: Double?
        switch decl.constraint {
        case .greater(let a): lower = try number(numeric(evaluate(a), a.span), a)
        case .less(let b): upper = try number(numeric(evaluate(b), b.span), b)
        case .interval(let a, let b):
            lower = try number(numeric(evaluate(a), a.span), a)
            upper = try number(numeric(evaluate(b), b.span), b)
        case .none: break
        }
        let size = length ?? 1
        var start = [Double](repeating: ParameterLayout.defaultStart(lower: lower, upper: upper), count: size)
        if let s = decl.start {
            switch try numeric(evaluate(s), s.span) {
            case .number(let x): start = [Double](repeating: x, count: size)
            case .vector(let xs) where xs.count == size: start = xs
            default:
                throw Diagnostic.error(
                    InterpreterMessage.startValueCount(param: decl.name.text, size: size), at: s.span)
            }
            for x in start where !(lower.map { x > $0 } ?? true) || !(upper.map { x < $0 } ?? true) {
                throw Diagnostic.error(
                    InterpreterMessage.startOutsideConstraint(param: decl.name.text, start: x), at: s.span)
            }
        }
        return ParameterLayout.Entry(
            name: decl.name.text, offset: offset, length: length, lower: lower, upper: upper,
            start: start, span: decl.name.span)
    }

    /// Σ log p(θ) for the priors on this model's params (each component of a vector param).
    func priorTerms(_ layout: ParameterLayout, _ lowering: inout Lowering) throws -> (Expr, [String]) {
        let store = lowering.store
        var pieces: [Expr] = []
        var names: [String] = []
        for entry in layout.entries {
            guard let dist = priors[entry.name], let family = Distributions.named(dist.name.text) else { continue }
            let args = try dist.arguments.map { try lowering.lower($0.value) }
            for k in 0..<entry.size {
                pieces.append(family.logDensity(store.symbol(.parameter(entry.offset + k)), args))
            }
            names.append("\(entry.name) ~ \(dist.span.text)")
        }
        return (store.add(pieces), names)
    }

    /// θ from named arguments: loglik(μ: 4, σ: 0.6), vector params as [a, b].
    func point(_ model: BuiltModel, _ args: [Argument], _ span: SourceSpan) throws -> [Double] {
        var theta = [Double](repeating: .nan, count: model.layout.count)
        for entry in model.layout.entries {
            guard let arg = args.first(where: { $0.label?.text == entry.name }) else {
                throw Diagnostic.error(InterpreterMessage.valueNeeded(param: entry.name), at: span)
            }
            switch try numeric(evaluate(arg.value), arg.value.span) {
            case .number(let x) where entry.length == nil: theta[entry.offset] = x
            case .vector(let xs) where xs.count == entry.length:
                for (k, x) in xs.enumerated() { theta[entry.offset + k] = x }
            default:
                throw Diagnostic.error(
                    InterpreterMessage.pointShape(param: entry.name, length: entry.length),
                    at: arg.value.span)
            }
        }
        for arg in args where model.layout.entry(arg.label?.text ?? "") == nil {
            throw Diagnostic.error(
                InterpreterMessage.notAParamOfTheModel(arg.label?.text ?? "?"),
                at: arg.label?.span ?? arg.value.span)
        }
        return theta
    }

    /// loglik(...), score(...), hessian(...) at a point; bare after a fit, at the estimate.
    func evaluateAtPoint(_ builtin: Builtin, _ args: [Argument], _ span: SourceSpan) throws -> Value {
        let model: BuiltModel
        let theta: [Double]
        if args.isEmpty {
            guard let fit = lastFit else {
                throw Diagnostic.error(InterpreterMessage.needsPoint(builtin.rawValue), at: span)
            }
            model = fit.model
            theta = fit.estimate
        } else {
            model = try builtModel(lastFit?.model.name ?? resolveModel(nil, span), span)
            theta = try point(model, args, span)
        }
        let order = builtin == .loglik ? 0 : builtin == .score ? 1 : 2
        if order == 2 { try checkSize(model, span) }
        let e = model.evaluate(theta, order: order, withPrior: false)
        switch builtin {
        case .score: return .vector(e.gradient)
        case .hessian: return .matrix(e.hessian)
        default: return .number(e.value)
        }
    }
}
