import Interrupt
import LinearAlgebra
import Model
import Solvers
import Symbolic

/// Nonlinear least squares: a single Normal term y ~ Normal(μ(x, β), σ) whose mean is
/// nonlinear in β and whose σ is a separate parameter (or a constant). ℓ = −n·log σ −
/// Σwᵢ(yᵢ − μᵢ)²/(2σ²) + const, so β̂ minimises the (weighted) residual sum of squares
/// whatever σ is, and then σ̂² = RSS/Σw. β̂ is found by Levenberg–Marquardt on the
/// residuals rᵢ = √wᵢ·(yᵢ − μᵢ(β)) with the exact Jacobian from the symbolic mean, in
/// unconstrained coordinates for constrained coefficients. Standard errors come, as for
/// every method, from the observed information of the full likelihood at the estimate.
struct LevenbergMarquardtMethod: FitMethod {
    let title = FittingMessage.levenbergMarquardtTitle
    /// Why it was chosen (nil: the plan's own reason, from what the exact methods lacked).
    var reason: String?

    func refusal(_ problem: FitProblem) -> String? {
        if !problem.fixed.isEmpty { return FittingMessage.notNonlinearLeastSquares(FittingMessage.heldFixed) }
        switch NonlinearDesign.of(problem.model) {
        case .success: return nil
        case .failure(let why): return FittingMessage.notNonlinearLeastSquares(why.reason)
        }
    }

    func solve(_ problem: FitProblem) throws -> Solution {
        try LevenbergMarquardtMethod.checkNothingHeld(problem)
        switch NonlinearDesign.of(problem.model) {
        case .success(let design): return try solve(problem, design)
        case .failure(let why): throw FitError(.invalidRequest, FittingMessage.notNonlinearLeastSquares(why.reason))
        }
    }

    /// The fit on the model's design (made once by the plan, which asked for it to choose this).
    func solve(_ problem: FitProblem, _ given: NonlinearDesign) throws -> Solution {
        try LevenbergMarquardtMethod.checkNothingHeld(problem)
        let model = problem.model
        var design = given
        // A start asked for (a multi-start draw, a restart) instead of the declared one.
        if let start = problem.start { design.base = start }
        var solver = LevenbergMarquardt()
        let n = design.weightSum
        solver.traceValue = { halfRSS in NonlinearDesign.profileLogLikelihood(2 * halfRSS, n) }
        // ∇ℓ = Jᵀr/σ̂² with σ̂² = RSS/n at the profile.
        solver.gradientScale = { halfRSS in halfRSS > 0 ? n / (2 * halfRSS) : 0 }
        solver.onIteration = problem.onIteration.map { sink in
            TraceFilter(total: solver.maximumIterations, sink: sink).callAsFunction
        }
        // μ is computed to about ε·|μᵢ| ≈ ε·|yᵢ| per row.
        solver.residualNoise = Double.ulpOfOne * design.responseScale.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let result = solver.minimize(design, from: design.start)
        if result.status == .interrupted { throw Interrupted() }
        guard result.status == .converged else {
            // Stalled where the mean's Jacobian vanished: if ℓ keeps rising from there towards
            // an infinite edge, that is the answer (the MLE does not exist), not "not converged".
            var stalled = Solution(estimate: design.theta(result.x), method: title, reason: "")
            try LevenbergMarquardtMethod.checkExistence(model, design, stalled.estimate, &stalled)
            throw FitError(
                .notConverged,
                FittingMessage.lmNotConverged(
                    result.status, iterations: result.iterations, rss: result.residualSumOfSquares),
                help: FittingMessage.notConvergedHelp)
        }
        if zip(design.transforms, result.x).contains(where: { !$0.0.isIdentity && abs($0.1) > 30 }) {
            throw FitError.refused(FittingMessage.lmBoundary)
        }
        var theta = design.theta(result.x)
        // θ's unconstrained coordinates where the polish ended (θ = T(u) exactly, so the checks
        // after it read the polish's own evaluations there; u(θ) rounds back to another θ).
        var polishedAt: [Double]?
        let names = design.slots.map { model.layout.slotName($0) }
        var solution = Solution(
            estimate: theta, method: title,
            reason: reason ?? FittingMessage.levenbergMarquardtBecause("", names))
        if case .parameter(let s) = design.scale {
            let y = design.responseScale
            if LeastSquaresMethod.fitsExactly(result.residualSumOfSquares, y) {
                throw FitError(
                    .unbounded, FittingMessage.exactFit(scale: model.layout.slotName(s)),
                    help: FittingMessage.exactFitHelp)
            }
            theta[s] = (result.residualSumOfSquares / n).squareRoot()
            (theta, polishedAt) = LevenbergMarquardtMethod.polished(model, theta)
            solution.estimate = theta
            solution.closedForms.append(FittingMessage.levenbergMarquardtScale(model.layout.slotName(s), theta[s]))
        }
        solution.iterations = result.iterations
        solution.history = result.history
        solution.gradientNorm = model.evaluate(theta, order: 1, withPrior: false).gradient.map(abs).max()
        try LevenbergMarquardtMethod.checkExistence(model, design, theta, at: polishedAt, &solution)
        return solution
    }
}

extension LevenbergMarquardtMethod {
    /// Levenberg–Marquardt fits every coefficient: a restricted fit (a param held) is not its case.
    static func checkNothingHeld(_ problem: FitProblem) throws {
        guard problem.fixed.isEmpty else {
            throw FitError(.invalidRequest, FittingMessage.notNonlinearLeastSquares(FittingMessage.heldFixed))
        }
    }

    /// The same ray test as after Newton, on the full ℓ from the estimate: a residual sum
    /// of squares that keeps falling as a coefficient runs off (a mean that only approaches
    /// the data as β → −∞) converges in Levenberg–Marquardt's test, but is no estimate. The
    /// rays leave σ where it is: at any β, ℓ in log σ is −W·log σ − RSS/(2σ²), strictly concave
    /// while RSS > 0 (an exact fit is its own error), so no ray runs off along σ; and with σ at
    /// σ̂, ℓ stays within the slack of ℓ̂ along a ray in β exactly where, to first order, the
    /// profile over σ, −(W/2)·log RSS, does. (σ's own direction of the four goes: two passes
    /// over the rows fewer.)
    static func checkExistence(
        _ model: StatisticalModel, _ design: NonlinearDesign, _ theta: [Double], at given: [Double]? = nil,
        _ solution: inout Solution
    ) throws {
        let objective = UnconstrainedObjective(inner: ModelObjective(model: model, withPrior: false))
        let u = given ?? objective.coordinates.u(theta)
        let value = objective.evaluate(u, order: 0).value
        let end = SolverResult(x: u, value: value, gradient: [], iterations: 0, status: .converged, history: [])
        let start = objective.coordinates.u(design.theta(design.start))
        var scale: Set<Int> = []
        if case .parameter(let s) = design.scale { scale.insert(s) }
        if let runOff = ExistenceCheck.runOff(objective, start: start, result: end, excludingSlots: scale) {
            try ExistenceCheck.settle(runOff, model, objective, &solution)
        }
    }

    /// The last digits, from Newton on the full ℓ (exact Hessian, trust region) started at
    /// the Levenberg–Marquardt estimate: Gauss–Newton's Hessian drops Σrᵢ∇²μᵢ, so its steps
    /// stall a little short of the exact stationary point when the residuals are large (NIST
    /// ENSO); two or three Newton steps finish it. Kept only when Newton converges without
    /// lowering ℓ by more than its rounding. With the estimate, its unconstrained coordinates when
    /// the polish is kept (nil: θ as it came).
    static func polished(_ model: StatisticalModel, _ theta: [Double]) -> (theta: [Double], u: [Double]?) {
        let objective = UnconstrainedObjective(inner: ModelObjective(model: model, withPrior: false))
        var newton = TrustRegionNewton(maximumIterations: 20)
        newton.onIteration = nil
        let start = objective.coordinates.u(theta)
        let result = newton.maximize(objective, from: start)
        // After Newton, which read ℓ there to order 2 first: the value is remembered, not a pass.
        let before = objective.evaluate(start, order: 0).value
        // Newton's polish steps on the gradient where ℓ cannot resolve them any more, so a fall
        // of ℓ within its rounding is accepted (as the polish itself does): a stricter test here
        // would throw away the digits it gained (NIST ENSO's b8 is good to 7 digits at
        // Levenberg–Marquardt's end, to 10 after the polish).
        guard result.status == .converged, result.value.isFinite,
            TrustRegionNewton.keepsMaximum(result.value, over: before)
        else { return (theta, nil) }
        return (objective.theta(result.x), result.x)
    }
}
