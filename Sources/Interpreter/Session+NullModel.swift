import Checker
import Diagnostics
import Fitting
import Inference
import Model
import Pushdown
import Report
import Symbolic

extension Session {
    /// The null model of a regression-shaped fit, as statsmodels reports it: the same family
    /// and data with each argument that varies by row through the params (a Bernoulli's
    /// σ(b + w·x), a Poisson's exp(a + b·t)) replaced by one constant; its ℓ̂₀, McFadden's
    /// pseudo-R² = 1 − ℓ̂/ℓ̂₀, and the LR test against it when it is nested (there is an
    /// intercept). nil for other fits: several terms, priors, no such argument.
    func nullModel(of record: FitRecord) -> NullModelReport? {
        let model = record.model
        // (Not for rows in a database: the null model is built, and fitted, from the data in memory.)
        guard model.terms.count == 1, !model.hasPriors, record.outcome.solution.converged,
            model.likelihood.rowsInMemory, model.terms[0].family.mixture == nil,
            let checked = models[model.name], checked.count == 1, let term = checked.first
        else { return nil }
        let lowered = model.terms[0]
        let replaced = lowered.arguments.indices.filter {
            lowered.arguments[$0].dependsOnParameters && lowered.arguments[$0].isRowLevel
                && term.family.parameters[$0].domain != .nonnegativeInteger
        }
        // A softmax's null model would be a constant simplex: not offered.
        guard !replaced.contains(where: { term.family.parameters[$0].domain == .simplex }) else { return nil }
        guard replaced.allSatisfy({ Session.isLinkOfLinear(lowered.arguments[$0]) }) else { return nil }
        guard !replaced.isEmpty, let null = try? buildNullModel(model, term, replaced) else { return nil }
        var problem = FitProblem(model: null)
        problem.profiles = .none
        guard let fit = try? Fitter.fit(problem) else { return nil }
        let l0 = fit.logLikelihood
        var report = NullModelReport(
            description: null.description, logLikelihood: l0, parameters: fit.parameterCount,
            mcFadden: Criteria.mcFadden(logLikelihood: record.outcome.logLikelihood, null: l0))
        if case .nested(let restricted, let df, let boundary, _) = Nesting.relation(fit, record.outcome),
            restricted == 0
        {
            let test = LikelihoodRatioTest(
                restricted: l0, full: record.outcome.logLikelihood, degreesOfFreedom: df, boundaryRestrictions: boundary
            )
            report.test = (test.statistic, df, test.p)
        }
        return report
    }

    /// The model's one term with the `replaced` arguments each a new constant param
    /// (named after the family's parameter, with the family's domain), the rest as written.
    func buildNullModel(_ model: StatisticalModel, _ term: CheckedTerm, _ replaced: [Int]) throws -> StatisticalModel {
        let family = term.family
        var entries: [ParameterLayout.Entry] = []
        var offset = 0
        let kept = Set(
            term.arguments.indices.filter { !replaced.contains($0) }.flatMap { model.terms[0].arguments[$0].symbols })
        for entry in model.layout.entries where entry.slots.contains(where: { kept.contains(.parameter($0)) }) {
            entries.append(
                ParameterLayout.Entry(
                    name: entry.name, offset: offset, length: entry.length, lower: entry.lower, upper: entry.upper,
                    start: entry.start, labels: entry.labels, shape: entry.shape,
                    dimensionLabels: entry.dimensionLabels))
            offset += entry.size
        }
        var constants: [Int: Int] = [:]
        for j in replaced {
            let (lower, upper) = Session.bounds(family.parameters[j].domain)
            let name = family.parameters[j].name + "₀"
            entries.append(
                ParameterLayout.Entry(
                    name: name, offset: offset, length: nil, lower: lower, upper: upper,
                    start: [ParameterLayout.defaultStart(lower: lower, upper: upper)]))
            constants[j] = offset
            offset += 1
        }
        let layout = ParameterLayout(entries: entries)
        let store = ExprStore()
        var lowering = Lowering(session: self, store: store, layout: layout)
        lowering.rows = model.terms[0].rows
        let arguments = try term.arguments.indices.map { j -> Expr in
            if let slot = constants[j] { return store.symbol(.parameter(slot)) }
            return try lowering.lower(term.arguments[j])
        }
        let lowered = LikelihoodTerm(
            family: family, response: try lowering.lower(term.response), arguments: arguments,
            weight: try term.weight.map { try lowering.lower($0) },
            censored: try term.censored.map { try lowering.lower($0) },
            rows: lowering.rows)
        let likelihood = try LogLikelihood(
            store: store, terms: [lowered], priors: store.zero, columns: lowering.columns,
            predictors: lowering.predictors, parameterCount: layout.count)
        let shown =
            family.name + "("
            + term.arguments.indices.map { j in
                constants[j] != nil ? family.parameters[j].name + "₀" : term.arguments[j].span.text
            }.joined(separator: ", ") + ")"
        let response = term.description.components(separatedBy: " ~ ").first ?? term.response.span.text
        return StatisticalModel(
            name: model.name + " (null)", store: store, layout: layout, terms: [lowered], likelihood: likelihood,
            priors: [], predictorDescriptions: lowering.predictorDescriptions,
            termDescriptions: ["\(response) ~ \(shown)"])
    }

    /// Whether an argument is GLM-shaped: linear in the params (through linear predictors
    /// too), or one function of such a linear expression (σ(b + w·x), exp(a + b·t)); a
    /// nonlinear mean such as b1·(1 − exp(−b2·x)) has no intercept-only null model.
    static func isLinkOfLinear(_ a: Expr) -> Bool {
        // Linear: every derivative in a param or a linear predictor is free of them.
        func linear(_ t: Expr) -> Bool {
            t.symbols.allSatisfy { s in
                switch s {
                case .parameter, .predictor: return !t.derivative(withRespectTo: s).dependsOnParameters
                default: return true
                }
            }
        }
        if linear(a) { return true }
        if let (_, args) = a.application, args.count == 1 { return linear(args[0]) }
        return false
    }

    /// The open bounds of a distribution parameter's domain.
    static func bounds(_ domain: Domain) -> (Double?, Double?) {
        switch domain {
        case .real, .nonnegativeInteger: return (nil, nil)
        case .positive: return (0, nil)
        case .unitInterval, .simplex: return (0, 1)
        }
    }
}
