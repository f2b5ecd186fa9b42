import Interrupt
import Model
import Solvers

/// Limited-memory BFGS in unconstrained coordinates, for models with many parameters:
/// ℓ and ∇ℓ per iteration, no k×k Hessian until the end, where FitOutcome forms it once
/// for the standard errors. Then the same separation and boundary checks as Newton.
struct LBFGSMethod: FitMethod {
    let title = FittingMessage.lbfgsTitle
    let reason: String

    /// Above this many parameters the plan prefers L-BFGS to Newton: Newton's iteration
    /// then spends more on the k×k Hessian (k²/2 sums over the rows) and its O(k³)
    /// factorisation than its quadratic convergence saves. Measured (logistic regressions on
    /// 5·10⁴ rows, 2 cores, whole runs, L-BFGS with its Newton polish / Newton): k = 25: 1.25,
    /// 50: 0.96, 100: 1.04, 200: 0.80, 400: 0.69, so the two cost the same near k = 100 and
    /// L-BFGS pays from about 150.
    static let automaticThreshold = 150

    /// Up to this many parameters the estimate is finished by Newton steps with the exact
    /// Hessian (its eigendecomposition costs O(k³), a fraction of a second at k = 500): L-BFGS
    /// stops where its curvature pairs stop improving ℓ, a few digits short of the maximum.
    static let polishLimit = 500

    func refusal(_ problem: FitProblem) -> String? { nil }

    /// Newton (trust region, at most 20 iterations) from the L-BFGS point; kept when it
    /// converges without lowering ℓ beyond its rounding.
    static func polished(_ objective: UnconstrainedObjective, _ result: SolverResult) -> SolverResult {
        var newton = TrustRegionNewton(maximumIterations: 20)
        newton.onIteration = nil
        let polished = newton.maximize(objective, from: result.x)
        guard polished.status == .converged, TrustRegionNewton.keepsMaximum(polished.value, over: result.value)
        else { return result }
        return SolverResult(
            x: polished.x, value: polished.value, gradient: polished.gradient, iterations: result.iterations,
            status: .converged, history: result.history)
    }

    func solve(_ problem: FitProblem) throws -> Solution {
        let model = problem.model
        // Over the free slots (a profile or a restricted fit holds some fixed), from the start asked
        // for (a multi-start draw) or the declared one.
        let objective = problem.unconstrainedObjective
        var startValues = problem.startTheta
        var startNote: String?
        if problem.start == nil, problem.fixed.isEmpty { (startValues, startNote) = StartValues.of(problem) }
        if objective.dimension == 0 { return Solution(estimate: startValues, method: title, reason: reason) }
        var solver = LBFGS()
        let total = solver.maximumIterations
        solver.onIteration = problem.onIteration.map { sink in TraceFilter(total: total, sink: sink).callAsFunction }
        let start = objective.coordinates.u(startValues)
        var result = solver.maximize(objective, from: start)
        if result.status == .interrupted { throw Interrupted() }
        if result.status == .converged, model.layout.count <= LBFGSMethod.polishLimit {
            result = LBFGSMethod.polished(objective, result)
        }
        let solution = try IterativeSolution.assemble(
            problem, objective, result, start: start, method: title, reason: reason, startNote: startNote)
        if result.status != .converged && solution.boundary.isEmpty {
            throw FitError(
                .notConverged,
                FittingMessage.lbfgsNotConverged(
                    result.status, iterations: result.iterations, value: result.value, gradient: result.gradientNorm),
                help: FittingMessage.notConvergedHelp)
        }
        return solution
    }
}
