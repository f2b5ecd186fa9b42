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
        var outside: [String: [String]] = [:]
        var zeros: [String: Int] = [:]
        for entry in layout.entries {
            let listsZeros = !(entry.isSimplex && entry.size > FitOutcome.listedSimplex)
            for i in entry.slots {
                let se = onBoundary[i] ? nil : standardError(slot: i)
                let interval = se.map { Uncertainty.wald(estimate[i], $0) }
                // A large simplex (a bigram table) lists the components it did not estimate at 0.
                if !listsZeros, estimate[i] == 0, onBoundary[i] {
                    zeros[entry.name, default: 0] += 1
                } else if rows.count < FitOutcome.reportedRows {
                    rows.append(
                        FitReport.Row(
                            name: layout.slotName(i), estimate: estimate[i], standardError: se, interval: interval,
                            note: onBoundary[i] ? FittingMessage.onTheBoundary : nil))
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
        return FitReport(
            modelName: model.name, model: model.description, observations: observations, method: plan.method,
            reason: plan.reason, refused: plan.refused.map { FitReport.Refusal(method: $0.method, reason: $0.reason) },
            closedForms: solution.closedForms, iterations: solution.iterations, gradientNorm: solution.gradientNorm,
            converged: solution.converged, rows: rows, logLikelihood: logLikelihood, logPosterior: logPosterior,
            aic: aic, bic: bic, parameterCount: parameterCount,
            covariance: fullCovariance.map { c in (0..<c.rows).map { c.row($0) } }, notes: notes,
            omissions: omissions)
    }

    /// A report lists at most this many components (a model with 10⁶ lists the first; every
    /// estimate and standard error is still there to read, `P[i, j]` and `se(P[i, j])`).
    public static let reportedRows = 10_000
    /// A simplex with more components than this lists only those not estimated at 0.
    public static let listedSimplex = 20
}
