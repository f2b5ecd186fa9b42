import Checker
import Diagnostics
import LinearAlgebra
import Model
import Symbolic
import Syntax

extension Session {
    /// The prepared model, built once per set of definitions.
    func builtModel(_ name: String, _ span: SourceSpan) throws -> StatisticalModel {
        if let cached = modelCache[name] { return cached }
        let model = try buildModel(name, span)
        modelCache[name] = model
        return model
    }

    /// The model's `~` lines (or just `terms` of it) lowered to the symbolic IR, its data
    /// checked against each family's support and its statistics computed.
    func buildModel(_ name: String, _ span: SourceSpan, terms only: [CheckedTerm]? = nil) throws -> StatisticalModel {
        guard let terms = only ?? models[name], !terms.isEmpty else {
            throw Diagnostic.internalError(InterpreterMessage.modelNotDefined(name), at: span)
        }
        let layout = try parameterLayout(for: name)
        let store = ExprStore()
        var lowering = Lowering(session: self, store: store, layout: layout)
        var lowered: [LikelihoodTerm] = []
        for term in terms {
            lowering.rows = try rows(of: term)
            let y = try lowering.lower(term.response)
            let args = try term.arguments.map { try lowering.lower($0) }
            let weight = try term.weight.map { try lowering.lower($0) }
            let censored = try term.censored.map { try lowering.lower($0) }
            lowered.append(
                LikelihoodTerm(
                    family: term.family, response: y, arguments: args, weight: weight, censored: censored,
                    rows: lowering.rows))
        }
        let priorTerms = try priors(for: layout)
        do {
            let likelihood = try LogLikelihood(
                store: store, terms: lowered, priors: store.zero, columns: lowering.columns,
                predictors: lowering.predictors, parameterCount: layout.count)
            return StatisticalModel(
                name: name, store: store, layout: layout, terms: lowered, likelihood: likelihood, priors: priorTerms,
                predictorDescriptions: lowering.predictorDescriptions, termDescriptions: terms.map(\.description))
        } catch {
            throw likelihoodDiagnostic(error, terms)
        }
    }

    /// The number of rows of a term: one per value of its response.
    func rows(of term: CheckedTerm) throws -> Int {
        let response = try evaluate(term.response)
        let rows: Int
        switch response {
        case .number: rows = 1
        case .vector(let xs): rows = xs.count
        default:
            throw Diagnostic.error(
                CheckerMessage.modelledDataNotVector(response.kindDescription), at: term.response.span)
        }
        guard rows >= 1 else { throw Diagnostic.error(InterpreterMessage.modelledDataEmpty, at: term.response.span) }
        return rows
    }

    func likelihoodDiagnostic(_ error: LikelihoodError, _ terms: [CheckedTerm]) -> Diagnostic {
        switch error {
        case .outsideSupport(let family, let support, let row, let value):
            let term = terms.first { $0.family.name == family } ?? terms[0]
            return .error(
                InterpreterMessage.outsideSupport(
                    family, support, data: term.response.span.text, value: value, row: row),
                at: term.response.span, help: InterpreterMessage.outsideSupportHelp)
        case .censoringUnsupported:
            let term = terms.first { $0.censored != nil } ?? terms[0]
            return .error(error.description, at: term.censored?.span ?? term.span)
        case .notFinite:
            return .error(error.description, at: terms[0].response.span)
        }
    }

    /// The params the model uses (as the checker found them), in declaration order, with
    /// their shapes, bounds and start values.
    func parameterLayout(for model: String) throws -> ParameterLayout {
        let used = Set(environment.modelParams[model] ?? [])
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

    func layoutEntry(_ decl: ParamDeclaration, offset: Int) throws -> ParameterLayout.Entry {
        var length: Int?
        if let l = decl.length {
            let k = try number(numeric(evaluate(l), l.span), l)
            guard k >= 1, k == k.rounded(), k <= 1_000_000 else {
                throw Diagnostic.error(CheckerMessage.badVectorLength(k), at: l.span)
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
            name: decl.name.text, offset: offset, length: length, lower: lower, upper: upper, start: start)
    }

    /// The priors on this model's params, their arguments evaluated.
    func priors(for layout: ParameterLayout) throws -> [PriorTerm] {
        try layout.entries.compactMap { entry in
            guard let prior = priors[entry.name] else { return nil }
            let args = try prior.arguments.map { try number(numeric(evaluate($0), $0.span), $0) }
            return PriorTerm(
                parameter: entry.name, slots: entry.slots, family: prior.family, arguments: args,
                description: prior.description)
        }
    }

    /// θ from named arguments: loglik(μ: 4, σ: 0.6), vector params as [a, b].
    func point(_ model: StatisticalModel, _ args: [Argument], _ span: SourceSpan) throws -> [Double] {
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
                    InterpreterMessage.pointShape(param: entry.name, length: entry.length), at: arg.value.span)
            }
        }
        return theta
    }

    /// θ at the current estimates of the model's params (from whichever fits estimated them).
    func currentEstimate(_ model: StatisticalModel, _ span: SourceSpan) throws -> [Double] {
        var theta = [Double](repeating: .nan, count: model.layout.count)
        for entry in model.layout.entries {
            guard let value = estimates[entry.name] else {
                throw Diagnostic.error(
                    InterpreterMessage.noEstimateYet(param: entry.name), at: span, help: InterpreterMessage.runFitFirst)
            }
            switch value {
            case .number(let x) where entry.length == nil: theta[entry.offset] = x
            case .vector(let xs) where xs.count == entry.size:
                for (k, x) in xs.enumerated() { theta[entry.offset + k] = x }
            default:
                throw Diagnostic.error(
                    InterpreterMessage.pointShape(param: entry.name, length: entry.length), at: span)
            }
        }
        return theta
    }
}
