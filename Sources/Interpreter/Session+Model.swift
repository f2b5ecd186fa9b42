import Checker
import Diagnostics
import Interrupt
import LinearAlgebra
import Model
import Pushdown
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

    /// The model's `~` lines (or just `terms` of it) lowered to the symbolic IR, its data checked against each
    /// family's support and its statistics computed. A term whose data are columns of one
    /// `sql(...)` table has its sums computed in that database; one that cannot (it also
    /// reads data in memory, or needs a function SQL lacks) is built again with its rows
    /// fetched, and the reason is kept for `show plan`.
    func buildModel(
        _ name: String, _ span: SourceSpan, terms only: [CheckedTerm]? = nil, fetching: [Int: PushdownFallback] = [:]
    ) throws -> StatisticalModel {
        guard let terms = only ?? models[name], !terms.isEmpty else {
            throw Diagnostic.internalError(InterpreterMessage.modelNotDefined(name), at: span)
        }
        let layout = try parameterLayout(for: name)
        var fetched = fetching
        while true {
            do {
                var turnedOff: [Int: PushdownFallback] = [:]
                let model = try assemble(name, terms, layout, fetched: fetched, turnedOff: &turnedOff)
                fetchReasons[name] = fetched.merging(turnedOff) { a, _ in a }
                return model
            } catch let fallback as PushdownFallback {
                guard fetched[fallback.term] == nil else {
                    throw Diagnostic.internalError(fallback.reason, at: terms[fallback.term].span)
                }
                fetched[fallback.term] = fallback
            }
        }
    }

    /// Lowers the terms (those in `fetched` with their rows in memory) and builds the model.
    func assemble(
        _ name: String, _ terms: [CheckedTerm], _ layout: ParameterLayout, fetched: [Int: PushdownFallback],
        turnedOff: inout [Int: PushdownFallback]
    ) throws -> StatisticalModel {
        let store = ExprStore()
        var lowering = Lowering(session: self, store: store, layout: layout)
        var lowered: [LikelihoodTerm] = []
        var sums: [Int: DatabaseSums] = [:]
        for (t, term) in terms.enumerated() {
            lowering.preferDatabase = pushesDown && fetched[t] == nil
            lowering.database = DatabaseData()
            lowering.rows = try rows(of: term, inDatabase: lowering.preferDatabase)
            var y: Expr
            var args: [Expr]
            if let k = term.family.outcomeProbabilities, term.family.mixture == nil {
                let (codes, picked) = try lowering.lowerOutcome(term.response, term.arguments[k])
                y = codes
                args = try term.arguments.enumerated().map { i, a in i == k ? picked : try lowering.lower(a) }
            } else {
                y = try lowering.lower(term.response)
                args = try lowering.lowerArguments(term)
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
            if let databaseTerm = try placement(of: t, lowering.database, pushing: lowering.preferDatabase) {
                sums[t] = DatabaseSums(databaseTerm)
            }
            if !pushesDown, let result = lowering.database.fetchedFrom {
                turnedOff[t] = PushdownFallback(term: t, location: result.name, reason: InterpreterMessage.pushdownOff)
            }
        }
        let labelled = lowering.withLevels(lowering.labelledLayout())
        lowering.nameSelectors()
        let priorTerms = try priors(for: labelled)
        emptyLevels[name] = lowering.emptyLevels
        do {
            let likelihood = try LogLikelihood(
                store: store, terms: lowered, priors: store.zero, columns: lowering.columns,
                predictors: lowering.predictors, parameterCount: layout.count, sums: sums,
                selectors: lowering.selectors, indexColumns: lowering.indexColumns)
            paramLevels.merge(lowering.levels) { _, new in new }
            return StatisticalModel(
                name: name, store: store, layout: labelled, terms: lowered, likelihood: likelihood,
                priors: priorTerms, predictorDescriptions: lowering.predictorDescriptions,
                termDescriptions: terms.map(\.description), responseDescriptions: terms.map(\.response.span.text))
        } catch {
            if case .sumsUnavailable(let reason) = error,
                let (t, refused) = sums.first(where: { $0.value.refusal != nil })
            {
                throw PushdownFallback(term: t, location: refused.result.name, reason: reason)
            }
            if case .sumsFailed = error, Interrupt.requested { throw Interrupted() }
            if case .sumsFailed = error, let failed = sums.values.first(where: { $0.failure != nil }) {
                throw queryDiagnostic(error.description, failed.result, at: terms[0].span)
            }
            throw likelihoodDiagnostic(error, terms)
        }
    }

    /// The database term of a lowered term whose data are all in one query's result; nil for
    /// a term in memory. A term that mixes the two, or needs what only memory makes (a
    /// factor's indicators, sums per group), cannot stay in the database: `PushdownFallback`
    /// builds it again with its rows fetched (`pushing` false), keeping the reason.
    func placement(of t: Int, _ data: DatabaseData, pushing: Bool) throws -> DatabaseTerm? {
        guard pushing else { return nil }
        if let index = data.pickedBy, let from = data.result ?? data.fetchedFrom {
            throw PushdownFallback(term: t, location: from.name, reason: InterpreterMessage.pickedByData(index))
        }
        if let text = data.textColumn, let from = data.fetchedFrom {
            throw PushdownFallback(term: t, location: from.name, reason: InterpreterMessage.textColumn(text))
        }
        guard let result = data.result else { return nil }
        if data.twoQueries {
            throw PushdownFallback(term: t, location: result.name, reason: InterpreterMessage.twoQueries)
        }
        if let name = data.inMemory {
            throw PushdownFallback(term: t, location: result.name, reason: InterpreterMessage.alsoInMemory(name))
        }
        return DatabaseTerm(result: result, columns: data.columns, predictors: data.predictors)
    }

    /// The number of rows of a term: one per value of its response (a query's row count,
    /// without fetching, when the response reads a query's table that stays in its database).
    func rows(of term: CheckedTerm, inDatabase: Bool = false) throws -> Int {
        if inDatabase, let rows = databaseRows(term.response) { return rows }
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
        case .notFinite, .sumsUnavailable, .sumsFailed:
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
            if databaseRows(e) != nil {
                perRow = true
            } else if case .vector? = try? evaluate(e) {
                perRow = true
            } else {
                perRow = false
            }
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
