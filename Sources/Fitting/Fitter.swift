import Inference
import LinearAlgebra
import Model

/// The Fitting stage's one entry point: a problem goes in; the plan (which
/// method and why, and why not the others), the solution, the post-fit checks
/// and the inference come out as a `FitOutcome`.
public enum Fitter {
    /// The exact methods the plan tries, in order, before falling back to Newton.
    static let automaticOrder: [any FitMethod] = [LeastSquaresMethod(), ClosedFormMethod()]

    /// The largest number of parameters the exact k×k Hessian is formed for.
    public static let parameterLimit = 4000

    /// Fits the problem. Throws `FitError` when the MLE does not exist (unbounded,
    /// separated), cannot be found (not converged), is not identifiable, or the request
    /// cannot be honoured.
    public static func fit(_ problem: FitProblem) throws -> FitOutcome {
        let k = problem.model.layout.count
        guard k <= parameterLimit else { throw FitError(.invalidRequest, FittingMessage.tooManyParameters(k)) }
        if let outOfScale = ScaleCheck.check(problem.model) { throw outOfScale }
        let (solution, plan) = try solve(problem)
        return try FitOutcome(problem, solution, plan)
    }

    /// The method asked for, or the first automatic one that applies, else Newton.
    static func solve(_ problem: FitProblem) throws -> (Solution, Plan) {
        if problem.model.layout.count == 0 {
            let solution = Solution(
                estimate: [], method: FittingMessage.nothingToFitTitle, reason: FittingMessage.nothingToFitReason)
            return (solution, Plan(method: solution.method, reason: solution.reason, refused: []))
        }
        switch problem.request {
        case .named(let kind, let options):
            let method = try kind.method(options: options)
            let solution = try method.solve(problem)
            return (solution, Plan(method: solution.method, reason: solution.reason, refused: []))
        case .automatic:
            var refused: [(method: String, reason: String)] = []
            for method in automaticOrder {
                if let why = method.refusal(problem) {
                    refused.append((method.title, why))
                    continue
                }
                do {
                    let solution = try method.solve(problem)
                    return (solution, Plan(method: solution.method, reason: solution.reason, refused: refused))
                } catch let e as FitError where e.kind == .refused {
                    refused.append((method.title, e.message))
                }
            }
            let newton = NewtonMethod(reason: FittingMessage.newtonBecause(refused.last?.reason ?? ""))
            let solution = try newton.solve(problem)
            return (solution, Plan(method: solution.method, reason: solution.reason, refused: refused))
        }
    }
}
