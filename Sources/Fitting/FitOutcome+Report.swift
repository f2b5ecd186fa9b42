import Inference
import Model
import Report

extension FitOutcome {
    /// The outcome as a report value: a row per parameter component with its
    /// standard error and 95% Wald interval (none on the boundary), the criteria,
    /// the plan, the covariance, and a note for each interval that leaves its domain.
    public var report: FitReport {
        let layout = model.layout
        var rows: [FitReport.Row] = []
        var notes = self.notes
        if let m = solution.multiStart, let best = m.optima.first {
            let cutoff = Profile.cutoff(level: 0.95)
            for other in m.optima.dropFirst() where 2 * (best.logLikelihood - other.logLikelihood) < cutoff {
                notes.append(FittingMessage.secondOptimumInside(other.logLikelihood, best.logLikelihood))
            }
        }
        var outside: [String: [String]] = [:]
        var zeros: [String: Int] = [:]
        for entry in layout.entries {
            let listsZeros = !(entry.isSimplex && entry.size > FitOutcome.listedSimplex)
            let zeroInside = FitOutcome.zeroIsInside(entry)
            for i in entry.slots {
                let se = onBoundary[i] ? nil : standardError(slot: i)
                let interval = se.map { Uncertainty.wald(estimate[i], $0) }
                // A large simplex (a bigram table) lists the components it did not estimate at 0.
                if !listsZeros, estimate[i] == 0, onBoundary[i] {
                    zeros[entry.name, default: 0] += 1
                } else if rows.count < FitOutcome.reportedRows {
                    rows.append(row(i, se: se, interval: interval, zeroInside: zeroInside))
                }
                if let (lo, hi) = interval,
                    (entry.lower.map { lo < $0 } ?? false) || (entry.upper.map { hi > $0 } ?? false)
                {
                    outside[entry.name, default: []].append(layout.slotName(i))
                }
            }
        }
        for entry in layout.entries {
            guard let names = outside[entry.name] else { continue }
            if names.count > 3 {
                notes.append(FittingMessage.intervalsLeaveDomain(entry.name, count: names.count))
            } else {
                notes += names.map(FittingMessage.intervalLeavesDomain)
            }
        }
        if layout.hasSimplex { notes.append(FittingMessage.simplexCoordinates(layout)) }
        var omissions = layout.entries.compactMap { e in zeros[e.name].map { FittingMessage.zerosNotListed(e.name, $0) }
        }
        let unlisted = layout.count - rows.count - zeros.values.reduce(0, +)
        if unlisted > 0 { omissions.append(FittingMessage.rowsNotListed(unlisted)) }
        let fixed = layout.entries.filter(\.shape.hasFixedRow)
        if !fixed.isEmpty {
            let baseline = fixed.first?.dimensionLabels.first??.first ?? "1"
            notes.append(
                FittingMessage.baselineRow(
                    fixed.map {
                        $0.shape.dimensions.count == 1 ? "\($0.name)[\(baseline)]" : "\($0.name)[\(baseline), ·]"
                    }, category: baseline))
        }
        var report = FitReport(
            modelName: model.name, model: model.description, observations: observations, method: plan.method,
            reason: plan.reason, refused: plan.refused.map { FitReport.Refusal(method: $0.method, reason: $0.reason) },
            closedForms: solution.closedForms, iterations: solution.iterations, gradientNorm: solution.gradientNorm,
            converged: solution.converged, rows: rows, logLikelihood: logLikelihood, logPosterior: logPosterior,
            aic: aic, bic: bic, parameterCount: parameterCount,
            covariance: covariance == nil ? nil : fullCovariance.map { c in (0..<c.rows).map { c.row($0) } },
            notes: notes,
            omissions: omissions)
        report.profileNote = profileNote
        report.expectedStandardErrors = expectedStandardErrors
        report.multiStart = solution.multiStart.map { m in
            MultiStartReport(
                starts: m.starts, seed: m.seed,
                optima: m.optima.map {
                    .init(
                        logLikelihood: $0.logLikelihood, count: $0.count, estimate: $0.estimate,
                        onBoundary: !$0.boundary.isEmpty, converged: $0.converged)
                },
                failures: m.failures.map { .init(reason: $0.reason, count: $0.count) },
                firstStartReachedBest: m.firstStartReachedBest)
        }
        return report
    }

    /// A report lists at most this many components (a model with 10⁶ lists the first; every
    /// estimate and standard error is still there to read, `P[i, j]` and `se(P[i, j])`).
    public static let reportedRows = 10_000
    /// A simplex with more components than this lists only those not estimated at 0.
    public static let listedSimplex = 20

    /// One row of the table: the estimate, its standard error and Wald interval, the Wald test
    /// of 0 where 0 is inside the domain, and the profile and exact intervals where there are.
    func row(_ i: Int, se: Double?, interval: (Double, Double)?, zeroInside: Bool) -> FitReport.Row {
        var row = FitReport.Row(
            name: model.layout.slotName(i), estimate: estimate[i], standardError: se, interval: interval,
            note: onBoundary[i] ? FittingMessage.onTheBoundary : nil)
        if let se, zeroInside {
            let test = WaldTest(estimate: estimate[i], standardError: se)
            (row.z, row.p) = (test.z, test.p)
        }
        row.profile = profiles[i]?.reported
        row.exact = exactBinomialInterval(slot: i)
        return row
    }

    /// For a single Bernoulli or Binomial term whose probability is the bare param in `slot`
    /// (no weights, censoring or priors): the exact Clopper–Pearson 95% interval from the
    /// binomial distribution of the successes, the small-sample alternative to the profile.
    func exactBinomialInterval(slot: Int) -> (Double, Double)? {
        guard model.terms.count == 1, !model.hasPriors, model.likelihood.rowsInMemory, let term = model.terms.first,
            term.weight == nil, term.censored == nil, let k = term.family.probabilityArgument,
            term.arguments[k].symbol == .parameter(slot)
        else { return nil }
        var wanted = [term.response]
        if case .countUpTo(let n) = term.family.support { wanted.append(term.arguments[n]) }
        let values = model.likelihood.perRow(wanted, term: 0)
        guard values.count == wanted.count else { return nil }
        let successes = values[0].reduce(0, +)
        let trials = values.count > 1 ? values[1].reduce(0, +) : Double(term.rows)
        return Probability.clopperPearson(successes: successes, trials: trials, level: 0.95)
    }

    /// Standard errors from the expected information (plus the priors' curvature for a MAP
    /// fit), per slot, when they differ from the observed ones by more than 10⁻⁶ relative
    /// somewhere; nil when they agree, cannot be computed, or the model is large (k > 50
    /// or n·k² above the profiles' budget: one more pass of O(n·k²) through the rows' tapes), has a simplex (its information is on the simplex, not the slots) or has
    /// its rows in a database (the expectation is taken row by row).
    var expectedStandardErrors: [Double?]? {
        let k = slotCount
        guard k <= Fitter.profileLimit, Double(observations) * Double(k * k) <= Fitter.profileWork, !free.isEmpty,
            !model.layout.hasSimplex, model.likelihood.rowsInMemory,
            var expected = model.expectedInformation(at: estimate)
        else { return nil }
        if model.hasPriors {
            let withPrior = model.evaluate(estimate, order: 2, withPrior: true).hessian
            let without = model.evaluate(estimate, order: 2, withPrior: false).hessian
            for i in 0..<(k * k) { expected.elements[i] -= withPrior.elements[i] - without.elements[i] }
        }
        guard case .success(let c) = Uncertainty.covariance(hessian: expected.map { -$0 }, free: free) else {
            return nil
        }
        var ses = [Double?](repeating: nil, count: k)
        var differs = false
        for (a, slot) in free.enumerated() {
            let e = c[a, a].squareRoot()
            ses[slot] = e
            if let o = standardError(slot: slot), abs(e - o) > 1e-6 * o { differs = true }
        }
        return differs ? ses : nil
    }

    /// Whether θ = 0 is strictly inside a param's domain, so that the Wald test of θ = 0 means something.
    public static func zeroIsInside(_ entry: ParameterLayout.Entry?) -> Bool {
        guard let entry else { return false }
        return (entry.lower.map { $0 < 0 } ?? true) && (entry.upper.map { $0 > 0 } ?? true)
    }
}

extension Profile {
    /// The profile as the report shows it.
    public var reported: ProfileInterval {
        func kind(_ end: End) -> ProfileInterval.End {
            switch end {
            case .crossing: return .crossing
            case .boundary: return .boundary
            case .open: return .open
            case .failed: return .failed
            }
        }
        var failure: String?
        for end in [lower, upper] { if case .failed(_, let why) = end { failure = why } }
        return ProfileInterval(
            lower: lower.value, upper: upper.value, lowerEnd: kind(lower), upperEnd: kind(upper),
            asymmetry: asymmetry, isAsymmetric: isAsymmetric, failure: failure,
            points: points.map {
                ProfileInterval.Point(value: $0.value, logLikelihood: $0.logLikelihood, signedRoot: $0.signedRoot)
            })
    }

    /// A report lists at most this many components (a model with 10⁶ lists the first; every
    /// estimate and standard error is still there to read, `P[i, j]` and `se(P[i, j])`).
    public static let reportedRows = 10_000
    /// A simplex with more components than this lists only those not estimated at 0.
    public static let listedSimplex = 20
}
