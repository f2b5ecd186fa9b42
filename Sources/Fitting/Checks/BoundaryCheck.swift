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
        for (i, transform) in model.layout.transforms.enumerated() {
            switch transform.locate(theta[i]) {
            case .interior: continue
            case .boundary: boundary[i] = note(model, i, theta[i])
            case .outside:
                throw FitError.refused(FittingMessage.rootOutsideDomain(model.layout.slotName(i), theta[i]))
            }
        }
        if !boundary.isEmpty, !model.evaluate(theta, order: 0, withPrior: withPrior).value.isFinite {
            let edges = boundary.keys.sorted().map { FittingMessage.edge(model.layout.slotName($0), theta[$0]) }
            throw unbounded(edges.joined(separator: ", "))
        }
        return boundary
    }

    /// After an iterative fit in unconstrained coordinates u: a coordinate that ran off
    /// (|u| > 30) is at its edge. Does ℓ level off there (a boundary maximum) or keep
    /// rising (5 units of u back loses more than 1 in ℓ: unbounded)?
    static func iterativeEstimate(
        _ model: StatisticalModel, _ objective: UnconstrainedObjective, _ result: SolverResult
    ) throws -> [Int: String] {
        var boundary: [Int: String] = [:]
        let transforms = objective.transforms
        let free = objective.inner.free
        for (i, u) in result.x.enumerated() where !transforms[i].isIdentity && abs(u) > 30 {
            var back = result.x
            back[i] = u - 5 * (u > 0 ? 1 : -1)
            let rise = result.value - objective.evaluate(back, order: 0).value
            if !result.value.isFinite || rise > 1 {
                let edge = transforms[i].theta(u > 0 ? .infinity : -.infinity)
                throw unbounded(FittingMessage.edge(model.layout.slotName(free[i]), edge))
            }
            boundary[free[i]] = note(model, free[i], objective.theta(result.x)[i])
        }
        return boundary
    }

    static func note(_ model: StatisticalModel, _ slot: Int, _ value: Double) -> String {
        FittingMessage.boundary(value: value, param: model.layout.slotName(slot))
    }

    static func unbounded(_ edge: String) -> FitError {
        FitError(.unbounded, FittingMessage.unbounded(as: edge), help: FittingMessage.unboundedHelp)
    }
}
