import Model
import Solvers

/// Newton's method with the exact Hessian and a line search, in unconstrained
/// coordinates (log for > a, logit for (a, b)), from the start values; then the
/// separation and boundary checks on where it ended.
struct NewtonMethod: FitMethod {
    let title = FittingMessage.newtonTitle
    /// Why it was chosen: asked for, or what the exact methods lacked.
    let reason: String

    func refusal(_ problem: FitProblem) -> String? { nil }

    func solve(_ problem: FitProblem) throws -> Solution {
        let model = problem.model
        let transforms = model.layout.transforms
        let objective = UnconstrainedObjective(
            inner: ModelObjective(model: model, withPrior: problem.withPrior), transforms: transforms)
        let start = zip(transforms, model.layout.start).map { $0.u($1) }
        var newton = Newton()
        let total = newton.maximumIterations
        newton.onIteration = problem.onIteration.map { sink in TraceFilter(total: total, sink: sink).callAsFunction }
        let result = newton.maximize(objective, from: start)
        let theta = objective.theta(result.x)
        if let separated = SeparationCheck.check(model, theta, quasi: false) { throw separated }
        let coordinates = transforms.enumerated().filter { !$0.element.isIdentity }
            .map { $0.element.describe(model.layout.slotName($0.offset)) }
        var solution = Solution(
            estimate: theta, method: title, reason: reason + FittingMessage.inUnconstrainedCoordinates(coordinates))
        solution.iterations = result.iterations
        solution.history = result.history
        solution.gradientNorm = objective.inner.evaluate(theta, order: 1).gradient.map(abs).max()
        solution.boundary = try BoundaryCheck.iterativeEstimate(model, objective, result)
        if let runOff = ExistenceCheck.runOff(
            objective, start: start, result: result, excluding: Set(solution.boundary.keys))
        {
            try ExistenceCheck.settle(runOff, model, objective, &solution)
        }
        if result.status != .converged && solution.boundary.isEmpty {
            throw FitError(
                .notConverged,
                FittingMessage.notConverged(
                    result.status, iterations: result.iterations, value: result.value, gradient: result.gradientNorm),
                help: FittingMessage.notConvergedHelp)
        }
        return solution
    }
}
