import Model
import Solvers

/// What every iterative method does once its optimiser has stopped, in one place: the
/// separation check on where it ended, the solution with its trace and start note, the
/// gradient norm, the slots on a boundary, and the existence ray test.
enum IterativeSolution {
    /// The solution at `result`, reached from `start` (in the objective's coordinates).
    /// Throws the separation found, or an MLE at infinity the ray test confirms.
    static func assemble(
        _ problem: FitProblem, _ objective: UnconstrainedObjective, _ result: SolverResult, start: [Double],
        method: String, reason: String, startNote: String?
    ) throws -> Solution {
        let model = problem.model
        let theta = objective.theta(result.x)
        // A maximum proved to exist rules out separation (ℓ would rise to its supremum along
        // the separating coefficients, above ℓ̂ however far out), and the ray test with it; the
        // separation check's pass over the rows costs more than the proof (≈ 60 against 12 ms
        // on a million rows).
        let proved = ConcaveExistence.proves(objective, result)
        if !proved, let separated = SeparationCheck.check(model, theta, quasi: false) { throw separated }
        let coordinates = FittingMessage.coordinateNames(model.layout)
        var solution = Solution(
            estimate: theta, method: method, reason: reason + FittingMessage.inUnconstrainedCoordinates(coordinates))
        solution.iterations = result.iterations
        if let startNote { solution.notes.append(startNote) }
        solution.history = result.history
        // On a simplex the gradient in θ is not 0 at the maximum (it is the Lagrange multiplier
        // along 1); the gradient that vanishes is the one in the coordinates.
        solution.gradientNorm =
            model.layout.hasSimplex
            ? objective.evaluate(result.x, order: 1).gradient.map(abs).max()
            : objective.inner.evaluate(objective.inner.free.map { theta[$0] }, order: 1).gradient.map(abs).max()
        solution.boundary = try BoundaryCheck.iterativeEstimate(model, objective, result)
        if !proved,
            let runOff = ExistenceCheck.runOff(
                objective, start: start, result: result, excludingSlots: Set(solution.boundary.keys))
        {
            try ExistenceCheck.settle(runOff, model, objective, &solution)
        }
        return solution
    }
}
