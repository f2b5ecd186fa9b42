import Foundation
import LinearAlgebra
import Symbolic

/// EM's view of a mixture model, derived from its components rather than written per
/// family. For a mixture term with components k = 1…K, row i has the log-joints
///
///     aᵢₖ = log πₖ + log fₖ(yᵢ | θ)      (log Sₖ(yᵢ | θ) where the row is censored),
///
/// its log-likelihood is logsumexp over k of aᵢₖ, and its responsibilities are
/// rᵢₖ = exp(aᵢₖ − logsumexp(aᵢ)) (the E-step, in log space). The M-step maximises the
/// expected complete-data log-likelihood
///
///     Q(θ | θ′) = Σᵢ wᵢ Σₖ rᵢₖ(θ′)·aᵢₖ(θ),
///
/// in which the responsibilities are data: a weight column per component. Written with
/// a column Rₖ for rᵢₖ, Q's per-row core is factored by `SufficientStatistics` like any
/// log-likelihood, so the weighted statistics (Σ r₁, Σ r₁y, Σ r₁y², …) are found, not
/// listed; what stays per row (a linear predictor, a censored row's log Φ) is the
/// remainder. One E-step is one pass of one compiled tape per term: the marginal ℓ,
/// each component's size Σ wᵢrᵢₖ, and every statistic, with the responsibilities
/// substituted for the columns Rₖ.
public final class CompleteData {
    /// Why EM does not apply to a model.
    public enum Inapplicable: Error, Sendable {
        /// Term `term` is not a mixture (EM here needs every term to be one).
        case notAMixture(term: Int, family: String)
        /// A component family has no log-survival, so its censored rows have no likelihood.
        case censoringUnsupported(String)
        /// A truncated mixture is not a mixture of truncated components: its rows' latent
        /// labels do not separate the likelihood, so EM's M-step has no weighted-fit form.
        case truncated
    }

    /// One component of one mixture term.
    public struct Component {
        public let term: Int
        /// k − 1.
        public let index: Int
        public let family: any Distribution
        public let arguments: [Expr]
        /// aᵢₖ = log πₖ + log fₖ(yᵢ), per row.
        public let logJoint: Expr
        /// rᵢₖ in θ, per row.
        public let responsibility: Expr
        /// The column that stands for rᵢₖ in Q (data there).
        public let column: Symbol
    }

    /// What an E-step found at θ′.
    public struct Expectation {
        /// ℓ(θ′), the marginal log-likelihood (no prior).
        public let logLikelihood: Double
        /// Σᵢ wᵢ·rᵢₖ per term and component: how many rows each component holds.
        public let sizes: [[Double]]
    }

    public let model: StatisticalModel
    public let components: [[Component]]
    public let forms: [StatisticalForm]
    /// Q's statistics part, with the log-prior for a MAP fit, in θ and the statistics.
    public let summary: Expr
    public let withPrior: Bool
    /// The values of the statistics (from the last E-step), pilots and counts.
    public private(set) var statisticValues: [Symbol: Double] = [:]
    /// Each term's E-step pass, and where its outputs go.
    let passes: [EStepPass]
    let statisticsOfPass: [[Symbol]]
    let keptColumns: [[Symbol]]
    var remainders: [TermEvaluator] = []
    let remainderExpressions: [(term: Int, expr: Expr)]
    let summaryParameters: [Symbol]
    lazy var summaryGradient: [Expr] = summaryParameters.map { summary.derivative(withRespectTo: $0) }
    lazy var summaryHessian: [[Expr]] = summaryGradient.map { g in
        summaryParameters.map { g.derivative(withRespectTo: $0) }
    }

    /// Why EM does not apply to this model, or nil when it does.
    public static func inapplicability(_ model: StatisticalModel) -> Inapplicable? {
        for (t, term) in model.terms.enumerated() {
            guard let mixture = term.family.mixture else { return .notAMixture(term: t, family: term.family.name) }
            if term.lower != nil || term.upper != nil { return .truncated }
            if term.censored != nil,
                let c = mixture.components.first(where: { !$0.hasBound(term.censoring) })
            {
                return .censoringUnsupported(c.name)
            }
        }
        return nil
    }

    /// Q for the model's mixture terms, its statistics found and its E-step tapes compiled.
    public init(model: StatisticalModel, withPrior: Bool) throws(Inapplicable) {
        if let why = CompleteData.inapplicability(model) { throw why }
        self.model = model
        self.withPrior = withPrior
        var parts: [TermPart] = []
        var (firstStatistic, firstAtom) = (100_000, 100_000)
        for (t, term) in model.terms.enumerated() {
            let part = try TermPart(term, t, model.likelihood, firstStatistic: firstStatistic, firstAtom: firstAtom)
            firstStatistic += part.form.statistics.count
            firstAtom += part.form.atoms.count
            parts.append(part)
        }
        components = parts.map(\.components)
        forms = parts.map(\.form)
        passes = parts.map(\.pass)
        statisticsOfPass = parts.map(\.statistics)
        keptColumns = parts.map(\.kept)
        remainderExpressions = parts.enumerated().compactMap { t, part in part.form.remainder.map { (t, $0) } }
        statisticValues = parts.reduce(into: [:]) { values, part in values.merge(part.values) { a, _ in a } }
        let prior = withPrior ? [model.logPrior] : []
        summary = model.store.add(forms.map(\.value) + prior).collectedByParameters()
        summaryParameters = summary.symbols.filter { if case .parameter = $0 { return true } else { return false } }
            .sorted()
    }

    /// One mixture term's share of Q: its components, Q's core Σₖ Rₖ·aₖ (times the weight)
    /// factored into statistics, the pilots' and count's values, and its E-step pass.
    struct TermPart {
        let components: [Component]
        let form: StatisticalForm
        let pass: EStepPass
        let statistics: [Symbol]
        let kept: [Symbol]
        var values: [Symbol: Double] = [:]

        init(
            _ term: LikelihoodTerm, _ t: Int, _ likelihood: LogLikelihood, firstStatistic: Int, firstAtom: Int
        ) throws(Inapplicable) {
            let store = term.response.store
            components = try CompleteData.components(of: term, t, store)
            let count = Symbol.count(1000 + t)
            store.names[count] = "n"
            values[count] = Double(term.rows)
            var core = store.add(components.map { store.symbol($0.column) * $0.logJoint })
            if let w = term.weight { core = w * core }
            form = SufficientStatistics.factor(
                core.simplified(), count: count, firstStatistic: firstStatistic, firstAtom: firstAtom)
            for (symbol, value) in CompleteData.pilotValues(form, components, term, likelihood) {
                values[symbol] = value
            }
            (pass, statistics, kept) = CompleteData.pass(form, components, term, likelihood)
        }
    }

    /// The components of one mixture term: their log-joints and responsibilities.
    static func components(of term: LikelihoodTerm, _ t: Int, _ store: ExprStore) throws(Inapplicable) -> [Component] {
        guard let mixture = term.family.mixture else { throw .notAMixture(term: t, family: term.family.name) }
        let logWeights = mixture.logWeights(term.arguments)
        var joints: [Expr] = []
        for (k, family) in mixture.components.enumerated() {
            let own = LikelihoodTerm(
                family: family, response: term.response, arguments: mixture.componentArguments(k, term.arguments),
                weight: nil, censored: term.censored, rows: term.rows, censoring: term.censoring)
            guard let core = try? own.core() else { throw .censoringUnsupported(family.name) }
            joints.append(logWeights[k] + core)
        }
        let total = store.apply(.logsumexp, joints)
        return mixture.components.enumerated().map { k, family in
            let column = Symbol.column(300_000 + 100 * t + k)
            _ = store.symbol(column, name: "r" + Expr.subscripted(k + 1))
            return Component(
                term: t, index: k, family: family, arguments: mixture.componentArguments(k, term.arguments),
                logJoint: joints[k], responsibility: exp(joints[k] - total), column: column)
        }
    }

    /// The pilots (centring values) of the data atoms: their means, computed once.
    static func pilotValues(
        _ form: StatisticalForm, _ parts: [Component], _ term: LikelihoodTerm, _ likelihood: LogLikelihood
    ) -> [(Symbol, Double)] {
        let needed = form.pilots.indices.filter { form.pilots[$0] != nil }
        guard !needed.isEmpty, let data = try? TermData(term, columns: likelihood.columns, checkingSupport: false)
        else { return [] }
        let atomColumns = data.evaluate(needed.map { form.atoms[$0] })
        return zip(needed, atomColumns).compactMap { k, column in
            form.pilots[k].map { ($0, Summation.mean(column)) }
        }
    }

    /// The E-step tape of one term: summed, w·logsumexp(a) (ℓ), w·rₖ (the sizes) and each
    /// statistic's summand with rₖ for Rₖ; kept per row, the rₖ a remainder needs.
    static func pass(
        _ form: StatisticalForm, _ parts: [Component], _ term: LikelihoodTerm, _ likelihood: LogLikelihood
    ) -> (EStepPass, [Symbol], [Symbol]) {
        let store = term.response.store
        let weight = term.weight ?? store.one
        let toResponsibilities = Dictionary(uniqueKeysWithValues: parts.map { ($0.column, $0.responsibility) })
        let logLikelihood = weight * store.apply(.logsumexp, parts.map(\.logJoint))
        let summed =
            [logLikelihood] + parts.map { weight * $0.responsibility }
            + summands(form, term).map { $0.substituting(toResponsibilities) }
        let statistics = form.statistics.map(\.symbol)
        let kept = form.remainder == nil ? [] : parts.filter { form.remainder!.depends(on: $0.column) }
        let pass = EStepPass(
            summed: summed, kept: kept.map(\.responsibility), rows: term.rows, columns: likelihood.columns,
            predictors: likelihood.predictors)
        return (pass, statistics, kept.map(\.column))
    }

    /// What each statistic sums per row, Πₖ (atomₖ − pilotₖ)^pₖ, with the columns Rₖ in it.
    static func summands(_ form: StatisticalForm, _ term: LikelihoodTerm) -> [Expr] {
        let store = term.response.store
        return form.statistics.map { stat in
            if stat.isConstantPart { return form.constantPart ?? store.zero }
            return store.mul(
                stat.powers.map { p in
                    let pilot = form.pilots[p.atom].map { store.symbol($0) } ?? store.zero
                    return (form.atoms[p.atom] - pilot).pow(Double(p.power))
                })
        }
    }

    /// The E-step at θ′: ℓ(θ′), the components' sizes, and the statistics (and the kept
    /// responsibilities) Q(· | θ′) is evaluated with from now on.
    public func expectation(_ theta: [Double]) -> Expectation {
        var scalars = statisticValues
        for (i, x) in theta.enumerated() { scalars[.parameter(i)] = x }
        var logLikelihood = 0.0
        var sizes: [[Double]] = []
        var responsibilityColumns: [Symbol: [Double]] = [:]
        for (t, pass) in passes.enumerated() {
            let (sums, kept) = pass.run(theta, scalars: scalars)
            let k = components[t].count
            logLikelihood += sums[0]
            sizes.append(Array(sums[1...k]))
            for (j, symbol) in statisticsOfPass[t].enumerated() { statisticValues[symbol] = sums[1 + k + j] }
            for (j, symbol) in keptColumns[t].enumerated() { responsibilityColumns[symbol] = kept[j] }
        }
        if !remainderExpressions.isEmpty {
            rebuildRemainders(model.likelihood.columns.merging(responsibilityColumns) { _, new in new })
        }
        return Expectation(logLikelihood: logLikelihood, sizes: sizes)
    }

    /// The statistics (and kept columns) for responsibilities given row by row — per term,
    /// per component — instead of found by an E-step: EM's start from a split of the rows.
    public func assign(_ responsibilities: [[[Double]]]) {
        var responsibilityColumns: [Symbol: [Double]] = [:]
        for (t, parts) in components.enumerated() where t < responsibilities.count {
            for (k, part) in parts.enumerated() where k < responsibilities[t].count {
                responsibilityColumns[part.column] = responsibilities[t][k]
            }
        }
        let columns = model.likelihood.columns.merging(responsibilityColumns) { _, new in new }
        for (t, form) in forms.enumerated() {
            let summands = CompleteData.summands(form, model.terms[t])
            guard !summands.isEmpty else { continue }
            let pass = EStepPass(
                summed: summands, kept: [], rows: model.terms[t].rows, columns: columns,
                predictors: model.likelihood.predictors)
            let (sums, _) = pass.run([Double](repeating: 0, count: model.layout.count), scalars: statisticValues)
            for (j, symbol) in statisticsOfPass[t].enumerated() { statisticValues[symbol] = sums[j] }
        }
        rebuildRemainders(columns)
    }

    func rebuildRemainders(_ columns: [Symbol: [Double]]) {
        guard !remainderExpressions.isEmpty else { return }
        remainders = remainderExpressions.map { t, r in
            TermEvaluator(
                remainder: r, rows: model.terms[t].rows, columns: columns, predictors: model.likelihood.predictors)
        }
    }

    /// Whether Q is summarised by its statistics (the M-step costs O(1) in n).
    public var isFullySummarised: Bool { remainderExpressions.isEmpty }

    /// Q(θ | θ′) for the θ′ of the last E-step (order 0), with its gradient (≥ 1) and Hessian (2).
    /// At θ = θ′ its gradient is ∇ℓ(θ′) (Fisher's identity), so EM's trace reads it for free.
    public func evaluate(_ theta: [Double], order: Int) -> LogLikelihood.Evaluation {
        let p = model.layout.count
        var scalars = statisticValues
        for (i, x) in theta.enumerated() { scalars[.parameter(i)] = x }
        var value = summary.evaluate(scalars)
        var gradient = [Double](repeating: 0, count: p)
        var hessian = Matrix(rows: order >= 2 ? p : 0, columns: order >= 2 ? p : 0)
        if order >= 1 {
            for (k, s) in summaryParameters.enumerated() { gradient[slot(s)] += summaryGradient[k].evaluate(scalars) }
        }
        if order >= 2 {
            for (a, s) in summaryParameters.enumerated() {
                for (b, t) in summaryParameters.enumerated() {
                    hessian[slot(s), slot(t)] += summaryHessian[a][b].evaluate(scalars)
                }
            }
        }
        for r in remainders {
            r.accumulate(theta, order: order, scalars: scalars, value: &value, gradient: &gradient, hessian: &hessian)
        }
        return LogLikelihood.Evaluation(value: value, gradient: gradient, hessian: hessian)
    }

    func slot(_ s: Symbol) -> Int {
        if case .parameter(let i) = s { return i }
        return 0
    }
}

extension Distribution {
    /// Whether the family has the log-probability a censored row needs: log P(Y > y) for
    /// right-censoring, log P(Y ≤ y) for left.
    func hasBound(_ side: Censoring) -> Bool {
        let store = ExprStore()
        let arguments = parameters.indices.map { store.symbol(.variable($0)) }
        let y = store.symbol(.variable(parameters.count))
        return (side == .right ? logSurvival(y, arguments) : logCDF(y, arguments)) != nil
    }
}
