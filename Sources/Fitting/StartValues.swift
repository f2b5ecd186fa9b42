import Model
import Symbolic

/// Where an iterative method starts: the declared start values, except that a
/// family may suggest starts read from the data (`Distribution.startingValues`) for
/// params that are its arguments themselves and whose start the script left to the
/// default. Used only for a model of one i.i.d. term without weights or censoring.
enum StartValues {
    static func of(_ problem: FitProblem) -> (values: [Double], note: String?) {
        let model = problem.model
        var start = model.layout.start
        guard model.terms.count == 1, let term = model.terms.first, term.weight == nil, term.censored == nil,
            term.lower == nil, term.upper == nil, !term.response.dependsOnParameters
        else { return (start, nil) }
        let y = model.likelihood.perRow([term.response], term: 0).first ?? []
        let suggested = term.family.startingValues(y)
        var changed: [String] = []
        for (k, value) in suggested.enumerated() {
            guard let value, k < term.arguments.count, case .parameter(let i)? = term.arguments[k].symbol,
                let entry = model.layout.owner(i), entry.length == nil, !entry.startGiven,
                entry.transform.locate(value) == .interior
            else { continue }
            start[i] = value
            changed.append(FittingMessage.startedAt(model.layout.slotName(i), value))
        }
        return (start, changed.isEmpty ? nil : FittingMessage.startsFromData(term.family.name, changed))
    }
}
