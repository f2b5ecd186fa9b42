import Model
import Symbolic

/// The MLE of a family whose support is bounded by two of its arguments
/// (`Distribution.edgeEstimate`, Uniform(a, b)): ℓ = −n·log(b − a) grows as [a, b]
/// shrinks, until it would leave out an observation, where it drops to −∞. So
/// â = min y and b̂ = max y, on the edge of the region where ℓ is finite; ℓ is not
/// differentiable there and the estimators converge at rate 1/n, so there is no
/// Wald standard error (each is reported on the boundary).
struct SampleRangeMethod: FitMethod {
    let title = FittingMessage.sampleRangeTitle

    func refusal(_ problem: FitProblem) -> String? {
        guard let edge = problem.model.terms.first?.family.edgeEstimate,
            SampleMedianMethod.bareSlots(problem, [edge.lower, edge.upper]) != nil
        else { return FittingMessage.notApplicable }
        return nil
    }

    func solve(_ problem: FitProblem) throws -> Solution {
        guard let edge = problem.model.terms.first?.family.edgeEstimate,
            let slots = SampleMedianMethod.bareSlots(problem, [edge.lower, edge.upper])
        else { throw FitError.refused(FittingMessage.notApplicable) }
        let model = problem.model
        let y = model.likelihood.perRow([model.terms[0].response], term: 0).first ?? []
        guard let low = y.min(), let high = y.max() else { throw FitError.refused(FittingMessage.notApplicable) }
        let (a, b) = (model.layout.slotName(slots[0]), model.layout.slotName(slots[1]))
        guard high > low else { throw FitError(.unbounded, FittingMessage.unbounded(as: FittingMessage.edge(b, low))) }
        var theta = model.layout.start
        theta[slots[0]] = low
        theta[slots[1]] = high
        var solution = Solution(estimate: theta, method: title, reason: FittingMessage.sampleRangeReason)
        solution.closedForms = [
            FittingMessage.closedForm(a, FittingMessage.minimumForm, low),
            FittingMessage.closedForm(b, FittingMessage.maximumForm, high),
        ]
        solution.boundary[slots[0]] = FittingMessage.supportEdge(a, low)
        solution.boundary[slots[1]] = FittingMessage.supportEdge(b, high)
        return solution
    }
}
