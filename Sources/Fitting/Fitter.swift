import Inference
import LinearAlgebra
import Model

/// The Fitting stage's one entry point: a problem goes in; the plan (which
/// method and why, and why not the others), the solution, the post-fit checks
/// and the inference come out as a `FitOutcome`.
public enum Fitter {
    /// The exact methods the plan tries, in order, before falling back to Newton.
    static let automaticOrder: [any FitMethod] = [LeastSquaresMethod(), ClosedFormMethod()]

    /// Exact methods a family's capability calls for (a location MLE that is a sample
    /// quantile, a support bounded by parameters); tried first, and silently passed over
    /// when the family has no such capability.
    static let capabilityMethods: [any FitMethod] = [SampleMedianMethod(), SampleRangeMethod()]

    /// The largest number of parameters the exact k×k Hessian is formed for.
    public static let parameterLimit = 4000

    /// Fits the problem. Throws `FitError` when the MLE does not exist (unbounded,
    /// separated), cannot be found (not converged), is not identifiable, or the request
    /// cannot be honoured.
    public static func fit(_ problem: FitProblem) throws -> FitOutcome {
        let k = problem.model.layout.count
        guard k <= parameterLimit else { throw FitError(.invalidRequest, FittingMessage.tooManyParameters(k)) }
        let (solution, plan) = try solve(problem)
        return try profiled(FitOutcome(problem, solution, plan), problem)
    }

    /// Levenberg–Marquardt when the model is nonlinear least squares (a Normal whose mean is
    /// nonlinear in its parameters, σ separate); nil when it is not, or when a constrained
    /// coefficient ran to its edge (Newton's boundary checks then take over).
    static func nonlinearLeastSquares(_ problem: FitProblem, because why: String) throws -> Solution? {
        guard case .success(let design) = NonlinearDesign.of(problem.model) else { return nil }
        let names = design.slots.map { problem.model.layout.slotName($0) }
        let method = LevenbergMarquardtMethod(reason: FittingMessage.levenbergMarquardtBecause(why, names))
        do {
            return try method.solve(problem)
        } catch let e as FitError where e.kind == .refused {
            return nil
        }
    }

    /// The method asked for, or the first automatic one that applies, else Newton.
    static func solve(_ problem: FitProblem) throws -> (Solution, Plan) {
        switch problem.request {
        case .named(let kind, let options):
            let method = try kind.method(options: options.filter { !MultiStart.optionNames.contains($0.key) })
            let starts = try MultiStart(options: options)
            let solution = starts.count > 1 ? try starts.solve(problem, method) : try method.solve(problem)
            return (solution, Plan(method: solution.method, reason: solution.reason, refused: []))
        case .automatic:
            for method in capabilityMethods where method.refusal(problem) == nil {
                let solution = try method.solve(problem)
                return (solution, Plan(method: solution.method, reason: solution.reason, refused: []))
            }
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
            let why = refused.last?.reason ?? ""
            if let solution = try nonlinearLeastSquares(problem, because: why) {
                return (solution, Plan(method: solution.method, reason: solution.reason, refused: refused))
            }
            let k = problem.model.layout.count
            if k > LBFGSMethod.automaticThreshold {
                let method = LBFGSMethod(
                    reason: FittingMessage.lbfgsBecause(why, parameters: k, threshold: LBFGSMethod.automaticThreshold))
                let solution = try method.solve(problem)
                return (solution, Plan(method: solution.method, reason: solution.reason, refused: refused))
            }
            let newton = NewtonMethod(reason: FittingMessage.newtonBecause(why))
            let solution = try newton.solve(problem)
            return (solution, Plan(method: solution.method, reason: solution.reason, refused: refused))
        }
    }
}
