import Model
import Solvers

/// Estimates on the edge of a parameter's domain (3 heads in 3 flips gives p̂ = 1),
/// and edges where ℓ does not level off but grows without bound (σ → 0 on one
/// observation): the first is a boundary maximum, reported with no standard
/// error; the second means the MLE does not exist.
enum BoundaryCheck {
    /// For a closed-form root: slots on their domain's edge, with the note. A root
    /// outside the domain refuses the closed form; an edge where ℓ is infinite is an
    /// unbounded likelihood.
    static func closedFormRoot(_ model: StatisticalModel, _ theta: [Double], withPrior: Bool) throws -> [Int: String] {
        var boundary: [Int: String] = [:]
        for entry in model.layout.entries {
            let transform = entry.transform
            var edges: [Int] = []
            for i in entry.slots {
                switch transform.locate(theta[i]) {
                case .interior: continue
                case .boundary: edges.append(i)
                case .outside:
                    throw FitError.refused(FittingMessage.rootOutsideDomain(model.layout.slotName(i), theta[i]))
                }
            }
            // Many components on the edge share one note (the report gives one for them all).
            let shared = edges.count > 3 ? FittingMessage.onTheBoundary : nil
            boundary.reserveCapacity(boundary.count + edges.count)
            for i in edges { boundary[i] = shared ?? note(model, i, theta[i]) }
        }
        if !boundary.isEmpty, !model.evaluate(theta, order: 0, withPrior: withPrior).value.isFinite {
            let edges = boundary.keys.sorted().map { FittingMessage.edge(model.layout.slotName($0), theta[$0]) }
            throw unbounded(edges.joined(separator: ", "))
        }
        return boundary
    }

    /// After an iterative fit in unconstrained coordinates u: a coordinate that ran off
    /// (|u| > 30), or a simplex component whose log-ratio to the largest fell below −30, is at
    /// its edge. Does ℓ level off there (a boundary maximum) or keep rising (5 units of u back
    /// loses more than 1 in ℓ: unbounded)?
    static func iterativeEstimate(
        _ model: StatisticalModel, _ objective: UnconstrainedObjective, _ result: SolverResult
    ) throws -> [Int: String] {
        var boundary: [Int: String] = [:]
        let coordinates = objective.coordinates
        let theta = objective.theta(result.x)
        for (a, u) in result.x.enumerated() where abs(u) > 30 {
            guard let (i, transform) = coordinates.slot(ofCoordinate: a), !transform.isIdentity else { continue }
            var back = result.x
            back[a] = u - 5 * (u > 0 ? 1 : -1)
            try checkRise(
                model, objective, result, back, slot: i, edge: transform.theta(u > 0 ? .infinity : -.infinity))
            boundary[i] = note(model, i, theta[i])
        }
        for (slots, first) in coordinates.simplexBlocks {
            let z = [0] + result.x[first..<(first + slots.count - 1)]
            let top = z.max() ?? 0
            for (k, zk) in z.enumerated() where zk - top < -30 {
                var back = result.x
                if k == 0 {
                    for c in first..<(first + slots.count - 1) { back[c] -= 5 }
                } else {
                    back[first + k - 1] += 5
                }
                let i = slots.lowerBound + k
                try checkRise(model, objective, result, back, slot: i, edge: 0)
                boundary[i] = note(model, i, theta[i])
            }
        }
        return boundary
    }

    /// Throws `unbounded` when ℓ at `back` (5 units of u from the edge) is lower by more than 1.
    static func checkRise(
        _ model: StatisticalModel, _ objective: UnconstrainedObjective, _ result: SolverResult, _ back: [Double],
        slot i: Int, edge: Double
    ) throws {
        let rise = result.value - objective.evaluate(back, order: 0).value
        if !result.value.isFinite || rise > 1 {
            throw unbounded(FittingMessage.edge(model.layout.slotName(i), edge))
        }
    }

    static func note(_ model: StatisticalModel, _ slot: Int, _ value: Double) -> String {
        FittingMessage.boundary(value: value, param: model.layout.slotName(slot))
    }

    static func unbounded(_ edge: String) -> FitError {
        FitError(.unbounded, FittingMessage.unbounded(as: edge), help: FittingMessage.unboundedHelp)
    }
}
