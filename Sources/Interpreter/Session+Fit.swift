import Checker
import Diagnostics
import Fitting
import Model
import Pushdown
import Report
import Solvers

extension Session {
    /// `fit [NAME] [using METHOD(options)] [trace]`: the Fitting stage on the built model;
    /// its warnings, its report, and the fit kept under the model's name.
    func runFit(_ fit: CheckedFit, _ span: SourceSpan) throws {
        let model = try modelWithRows(for: fit, builtModel(fit.model, span), span)
        if let empty = emptyLevels[fit.model]?.first {
            let coefficient = empty.slot.map(model.layout.slotName)
            throw Diagnostic.error(
                InterpreterMessage.emptyLevel(empty.level, coefficient: coefficient), at: span,
                help: InterpreterMessage.emptyLevelHelp)
        }
        var problem = FitProblem(model: model, request: try methodRequest(fit))
        if fit.profile { problem.profiles = .all }
        let trace = fit.trace
        let name = fit.model
        if trace || onProgress != nil {
            problem.onIteration = { [weak self] it in
                self?.onProgress?(
                    .iteration(model: name, number: it.number, logLikelihood: it.value, gradientNorm: it.gradientNorm))
                guard trace else { return }
                self?.output(
                    .trace(TraceLine(iteration: it.number, logLikelihood: it.value, gradientNorm: it.gradientNorm)))
            }
        }
        defer { onProgress?(.finished) }
        var record = try fitted(problem, at: fit.methodSpan ?? span, span)
        record.report.nullModel = nullModel(of: record)
        for warning in record.outcome.warnings { output(.diagnostic(.warning(warning, at: span))) }
        output(.fit(record.report))
        remember(record)
    }

    /// The model as the fit's method needs it: Levenberg–Marquardt works on each row's
    /// residual, so a model whose rows are in a database is built again (and kept) with them
    /// fetched, the reason kept for `show plan`.
    func modelWithRows(for fit: CheckedFit, _ model: StatisticalModel, _ span: SourceSpan) throws
        -> StatisticalModel
    {
        guard fit.method == .lm else { return model }
        var fetching: [Int: PushdownFallback] = [:]
        for (t, sums) in model.likelihood.sums.enumerated() {
            guard let database = sums as? DatabaseSums else { continue }
            fetching[t] = PushdownFallback(
                term: t, location: database.result.name, reason: InterpreterMessage.levenbergMarquardtNeedsRows)
        }
        guard !fetching.isEmpty else { return model }
        let rebuilt = try buildModel(fit.model, span, fetching: fetching)
        modelCache[fit.model] = rebuilt
        return rebuilt
    }

    /// Fits, turning a FitError into a diagnostic at the fit statement (or, for a method
    /// that cannot do what was asked, at the method's name).
    func fitted(_ problem: FitProblem, at methodSpan: SourceSpan, _ span: SourceSpan) throws -> FitRecord {
        do {
            let outcome = try Fitter.fit(problem)
            try checkDatabases(problem.model, at: span)
            return FitRecord(outcome: outcome, report: outcome.report, request: problem.request)
        } catch let e as FitError {
            // A database that failed mid-fit is what went wrong, whatever the fit then said.
            try checkDatabases(problem.model, at: span)
            switch e.kind {
            case .internal: throw Diagnostic.internalError(e.message, at: span)
            case .invalidRequest: throw Diagnostic.error(e.message, at: methodSpan, help: e.help)
            default: throw Diagnostic.error(e.message, at: span, help: e.help)
            }
        }
    }

    /// The method named after `using`, with its options evaluated (the checker saw their names).
    func methodRequest(_ fit: CheckedFit) throws -> MethodRequest {
        guard let kind = fit.method else { return .automatic }
        var options: [String: Double] = [:]
        for (name, value) in fit.options { options[name] = try number(numeric(evaluate(value), value.span), value) }
        return .named(kind, options: options)
    }

    /// After a fit each param's name evaluates to its estimate; the fit is kept by model name.
    func remember(_ record: FitRecord) {
        for entry in record.model.layout.entries {
            estimates[entry.name] = Session.value(of: entry, in: record.estimate)
            estimatedBy[entry.name] = record.model.name
        }
        formulaValues = [:]
        fits[record.model.name] = record
        lastFit = record
    }
}
