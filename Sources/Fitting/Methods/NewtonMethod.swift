import Foundation
import Interrupt
import LinearAlgebra
import Model
import Solvers

/// Newton's method with the exact Hessian in a trust region, in unconstrained
/// coordinates (log for > a, logit for (a, b)), from the start values; then the
/// separation and boundary checks on where it ended.
struct NewtonMethod: FitMethod {
    let title = FittingMessage.newtonTitle
    /// Why it was chosen: asked for, or what the exact methods lacked.
    let reason: String

    func refusal(_ problem: FitProblem) -> String? { nil }

    func solve(_ problem: FitProblem) throws -> Solution {
        let model = problem.model
        // Over the free slots (a profile or a restricted fit holds some fixed), from the start
        // asked for (a multi-start draw, a restart) or the declared one; starts read from the
        // data (a Cauchy's median) only for a fit from the declared starts.
        let objective = problem.unconstrainedObjective
        var startTheta = problem.startTheta
        var startNote: String?
        if problem.start == nil, problem.fixed.isEmpty { (startTheta, startNote) = StartValues.of(problem) }
        if objective.dimension == 0 { return Solution(estimate: startTheta, method: title, reason: reason) }
        let start = objective.coordinates.u(startTheta)
        var newton = TrustRegionNewton()
        let total = newton.maximumIterations
        newton.onIteration = problem.onIteration.map { sink in TraceFilter(total: total, sink: sink).callAsFunction }
        let result = newton.maximize(objective, from: start)
        if result.status == .interrupted { throw Interrupted() }
        var solution = try IterativeSolution.assemble(
            problem, objective, result, start: start, method: title, reason: reason, startNote: startNote)
        let theta = solution.estimate
        if solution.boundary.isEmpty {
            solution.knownCovariance = NewtonMethod.leastSquaresCovariance(model, theta)
            if result.status == .converged, let digits = NewtonMethod.achievedDigits(objective, result.x), digits < 8 {
                solution.notes.append(FittingMessage.limitedPrecision(digits: digits))
            }
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

extension NewtonMethod {
    /// For a Normal whose mean is linear in its coefficients, their block of the covariance
    /// σ̂²·(XᵀX)⁻¹ from the QR of the equilibrated design, as least squares reports it. At the
    /// MLE this equals the inverse observed information (the (β, σ) block of −∇²ℓ is
    /// −2Xᵀr/σ³ = 0), but formed from X, not from the sums Σxⱼxₖ in −∇²ℓ: with x ≈ 10⁶ those
    /// sums cancel in the inverse and leave 4 or 5 digits of the standard errors.
    static func leastSquaresCovariance(_ model: StatisticalModel, _ theta: [Double]) -> (slots: [Int], matrix: Matrix)?
    {
        guard case .success(let design) = LinearDesign.of(model), design.ridge.isEmpty,
            case .parameter(let s) = design.scale, !model.hasPriors
        else { return nil }
        let (x, y) = design.weightedSystem()
        guard let fit = LeastSquares(x: x, y: y), fit.rank == x.columns, let unscaled = fit.unscaledCovariance
        else { return nil }
        let sigma2 = theta[s] * theta[s]
        return (design.slots, unscaled.map { $0 * sigma2 })
    }
}

extension NewtonMethod {
    /// How many significant digits the estimate is determined to where Newton stopped: the
    /// next Newton step δ = (−H)⁻¹g, relative to each coordinate's size or its standard error
    /// (1/√−Hᵢᵢ), whichever is larger; −log₁₀ of the largest. nil where −H is not positive definite.
    static func achievedDigits(_ objective: UnconstrainedObjective, _ u: [Double]) -> Int? {
        let (_, g, h) = objective.evaluate(u, order: 2)
        guard let delta = h.map({ -$0 }).solveSPD(g) else { return nil }
        var worst = 0.0
        for i in u.indices {
            let scale = max(abs(u[i]), 1 / (-h[i, i]).squareRoot())
            guard scale.isFinite, scale > 0 else { continue }
            worst = max(worst, abs(delta[i]) / scale)
        }
        return worst > 0 ? Int(-log10(worst)) : 16
    }
}
