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
            var y: Expr
            var args: [Expr]
            if let k = term.family.outcomeProbabilities {
                let (codes, picked) = try lowering.lowerOutcome(term.response, term.arguments[k])
                y = codes
                args = try term.arguments.enumerated().map { i, a in i == k ? picked : try lowering.lower(a) }
            } else {
                y = try lowering.lower(term.response)
                args = try term.arguments.map { try lowering.lower($0) }
            }
            let weight = try term.weight.map { try lowering.lower($0) }
            let censored = try term.censored.map { try lowering.lower($0) }
            let lower = try term.truncation?.lower.map { try lowering.lower($0) }
            let upper = try term.truncation?.upper.map { try lowering.lower($0) }
            lowered.append(
                LikelihoodTerm(
                    family: term.family, response: y, arguments: args, weight: weight, censored: censored,
                    rows: lowering.rows, censoring: term.censoring == .left ? .left : .right, lower: lower,
                    upper: upper))
        }
        let labelled = lowering.withLevels(lowering.labelledLayout())
        lowering.nameSelectors()
        let priorTerms = try priors(for: labelled)
        emptyLevels[name] = lowering.emptyLevels
        do {
            let likelihood = try LogLikelihood(
                store: store, terms: lowered, priors: store.zero, columns: lowering.columns,
                predictors: lowering.predictors, parameterCount: layout.count, selectors: lowering.selectors,
                indexColumns: lowering.indexColumns)
            paramLevels.merge(lowering.levels) { _, new in new }
            return StatisticalModel(
                name: name, store: store, layout: labelled, terms: lowered, likelihood: likelihood,
                priors: priorTerms, predictorDescriptions: lowering.predictorDescriptions,
                termDescriptions: terms.map(\.description), responseDescriptions: terms.map(\.response.span.text))
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
        case .column(let c, _) where term.family.outcomeProbabilities != nil: rows = c.count
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
        case .truncationUnsupported:
            let term = terms.first { $0.truncation != nil } ?? terms[0]
            return .error(error.description, at: term.truncation?.span ?? term.span)
        case .notFinite:
            return .error(error.description, at: terms[0].response.span)
        case .badIndicator(let t, let row, let value):
            let e = terms[t].censored ?? terms[t].response
            return .error(
                InterpreterMessage.badIndicator(e.span.text, value: value, row: row), at: e.span,
                help: InterpreterMessage.badIndicatorHelp)
        case .negativeWeight(let t, let row, let value):
            let e = terms[t].weight ?? terms[t].response
            return .error(InterpreterMessage.negativeWeight(e.span.text, value: value, row: row), at: e.span)
        case .argumentOutsideDomain(let t, let k, let row, let value):
            let term = terms[t]
            let e = k < term.arguments.count ? term.arguments[k] : term.response
            let p = term.family.parameters[k]
            let perRow: Bool
            if case .vector? = try? evaluate(e) { perRow = true } else { perRow = false }
            return .error(
                InterpreterMessage.argumentOutsideDomain(
                    term.family.name, p.name, p.domain, data: e.span.text, value: value, row: perRow ? row : nil),
                at: e.span)
        case .outsideTruncation(let t, let row, let value):
            let term = terms[t]
            let d = Diagnostic.error(
                InterpreterMessage.outsideTruncation(term.response.span.text, value: value, row: row),
                at: term.response.span)
            return term.truncation.map { d.note(InterpreterMessage.truncatedHere, at: $0.span) } ?? d
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
            let entry = try layoutEntry(decl, offset: offset, model: model)
            entries.append(entry)
            offset += entry.size
        }
        return ParameterLayout(entries: entries)
    }

    func layoutEntry(_ decl: ParamDeclaration, offset: Int, model: String) throws -> ParameterLayout.Entry {
        let shape = try paramShape(decl, model: model)
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
        if case .simplex = shape { (lower, upper) = (0, 1) }
        let start = try startValues(decl, shape, lower: lower, upper: upper)
        var entry = ParameterLayout.Entry(
            name: decl.name.text, offset: offset, length: shape == .scalar ? nil : shape.slotCount, lower: lower,
            upper: upper, start: start, shape: shape, dimensionLabels: paramLevels[decl.name.text] ?? [])
        entry.startGiven = decl.start != nil
        return entry
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
            guard let xs = Session.slots(of: entry, from: try numeric(evaluate(arg.value), arg.value.span)) else {
                throw Diagnostic.error(
                    InterpreterMessage.pointShape(param: entry.name, length: entry.length), at: arg.value.span)
            }
            for (k, x) in xs.enumerated() { theta[entry.offset + k] = x }
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
            guard let xs = Session.slots(of: entry, from: value) else {
                throw Diagnostic.error(
                    InterpreterMessage.pointShape(param: entry.name, length: entry.length), at: span)
            }
            for (k, x) in xs.enumerated() { theta[entry.offset + k] = x }
        }
        return theta
    }
}
