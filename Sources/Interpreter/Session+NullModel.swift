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
        let df = record.outcome.parameterCount - fit.parameterCount
        if Session.nestsByIntercept(model, lowered, replaced, family: term.family), df > 0 {
            let test = LikelihoodRatioTest(
                restricted: l0, full: record.outcome.logLikelihood, degreesOfFreedom: df, boundaryRestrictions: 0)
            report.test = (test.statistic, df, test.p)
        } else if case .nested(let restricted, let df, let boundary, _) = Nesting.relation(fit, record.outcome),
            restricted == 0
        {
            let test = LikelihoodRatioTest(
                restricted: l0, full: record.outcome.logLikelihood, degreesOfFreedom: df, boundaryRestrictions: boundary
            )
            report.test = (test.statistic, df, test.p)
        }
        return report
    }

    /// Whether the null model is the full one with coefficients at 0, seen in the formulas
    /// (no pass over the rows; `Nesting.relation` matches the two models numerically, two
    /// Newton fits over every row, and is the fallback). Each replaced argument is L or g(L)
    /// with L = c + a·b + Σ (coefficient × data), linear in the params: b an unbounded scalar
    /// param with a constant, nonzero coefficient a (the intercept), c constant, every other
    /// param of L allowed to be 0, none of L's params in the arguments kept, and g mapping ℝ
    /// onto the family parameter's domain (identity: ℝ, exp: (0, ∞), sigmoid: (0, 1)). Then
    /// the other coefficients at 0 and b = (g⁻¹(p₀) − c)/a give the null model at any p₀:
    /// nested, with none of the restrictions on a boundary.
    static func nestsByIntercept(
        _ model: StatisticalModel, _ term: LikelihoodTerm, _ replaced: [Int], family: any Distribution
    ) -> Bool {
        let layout = model.layout
        func params(_ e: Expr) -> Set<Int> { Set(model.likelihood.parameterSlots(of: e)) }
        let kept = term.arguments.indices.filter { !replaced.contains($0) }.map { params(term.arguments[$0]) }
            .reduce(into: Set<Int>()) { $0.formUnion($1) }
        for j in replaced {
            let argument = term.arguments[j]
            var linear = argument
            let range: Domain
            if let (f, args) = argument.application, args.count == 1 {
                switch f {
                case .exp: range = .positive
                case .sigmoid: range = .unitInterval
                default: return false
                }
                linear = args[0]
            } else {
                range = .real
            }
            guard range == family.parameters[j].domain, params(linear).isDisjoint(with: kept) else { return false }
            let intercept = linear.symbols.contains { s in
                guard case .parameter(let i) = s, let entry = layout.owner(i), entry.lower == nil, entry.upper == nil
                else { return false }
                let a = linear.derivative(withRespectTo: s)
                return a.constantValue.map { $0 != 0 && $0.isFinite } ?? false
            }
            guard intercept else { return false }
            let others = params(linear).filter { slot in
                !(linear.derivative(withRespectTo: .parameter(slot)).constantValue.map { $0 != 0 } ?? false)
            }
            guard others.allSatisfy({ FitOutcome.zeroIsInside(layout.owner($0)) }) else { return false }
            // c: L with every param and linear predictor at 0 carries no row-level part.
            let zero = model.store.zero
            var atZero: [Symbol: Expr] = [:]
            for s in linear.symbols {
                switch s {
                case .parameter, .predictor: atZero[s] = zero
                default: break
                }
            }
            guard !linear.substituting(atZero).isRowLevel else { return false }
        }
        return true
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
