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
        for i in 0..<layout.count {
            let se = standardError(slot: i)
            let interval = se.map { Uncertainty.wald(estimate[i], $0) }
            rows.append(
                FitReport.Row(
                    name: layout.slotName(i), estimate: estimate[i], standardError: se, interval: interval,
                    note: boundary[i] == nil ? nil : FittingMessage.onTheBoundary))
            if let (lo, hi) = interval, let entry = layout.owner(i),
                (entry.lower.map { lo < $0 } ?? false) || (entry.upper.map { hi > $0 } ?? false)
            {
                notes.append(FittingMessage.intervalLeavesDomain(layout.slotName(i)))
            }
        }
        let c = fullCovariance
        return FitReport(
            modelName: model.name, model: model.description, observations: observations, method: plan.method,
            reason: plan.reason, refused: plan.refused.map { FitReport.Refusal(method: $0.method, reason: $0.reason) },
            closedForms: solution.closedForms, iterations: solution.iterations, gradientNorm: solution.gradientNorm,
            converged: solution.converged, rows: rows, logLikelihood: logLikelihood, logPosterior: logPosterior,
            aic: aic, bic: bic, parameterCount: parameterCount,
            covariance: covariance == nil ? nil : (0..<c.rows).map { c.row($0) }, notes: notes)
    }
}
