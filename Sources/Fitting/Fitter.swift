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

    /// The largest number of parameters the exact k×k Hessian is formed for. A larger model
    /// can be fitted only when ℓ is summarised by its statistics (a closed form, per group),
    /// its covariance then formed block by block from the sparse Hessian.
    public static let parameterLimit = 4000

    /// Fits the problem. Throws `FitError` when the MLE does not exist (unbounded,
    /// separated), cannot be found (not converged), is not identifiable, or the request
    /// cannot be honoured.
    public static func fit(_ problem: FitProblem) throws -> FitOutcome {
        let k = problem.model.layout.count
        guard k <= parameterLimit || problem.model.likelihood.isFullySummarised else {
            throw FitError(.invalidRequest, FittingMessage.tooManyParameters(k))
        }
        if let outOfScale = ScaleCheck.check(problem.model) { throw outOfScale }
        try checkEveryComponentPicked(problem)
        let (solution, plan) = try solve(problem)
        return try profiled(FitOutcome(problem, solution, plan), problem)
    }

    /// Levenberg–Marquardt when the model is nonlinear least squares (a Normal whose mean is
    /// nonlinear in its parameters, σ separate); nil when it is not, when a constrained
    /// coefficient ran to its edge, or when it did not converge (Newton's boundary and
    /// existence checks then take over).
    static func nonlinearLeastSquares(_ problem: FitProblem, because why: String) throws -> Solution? {
        guard case .success(let design) = NonlinearDesign.of(problem.model) else { return nil }
        let names = design.slots.map { problem.model.layout.slotName($0) }
        let method = LevenbergMarquardtMethod(reason: FittingMessage.levenbergMarquardtBecause(why, names))
        do {
            return try method.solve(problem, design)
        } catch let e as FitError where e.kind == .refused || e.kind == .notConverged {
            // Not converged: Levenberg–Marquardt stalls where the mean's Jacobian vanishes,
            // as it does when the MLE is at infinity (Normal(exp(exp(exp(μ))), 1)); Newton on
            // the full ℓ then finishes, or its existence check names the direction.
            return nil
        }
    }

    /// A component of a param picked per row by data that no row picks is not identified
    /// (its group is empty), unless a prior holds it; a simplex row that no row picks alike.
    /// (A component of a picked simplex row that no row picks is estimated at 0: on the boundary.)
    static func checkEveryComponentPicked(_ problem: FitProblem) throws {
        let model = problem.model
        let selected = Set(model.likelihood.selectors.map(\.parameter))
        guard !selected.isEmpty else { return }
        let picked = model.likelihood.pickedSlots
        for entry in model.layout.entries where selected.contains(entry.name) {
            if problem.withPrior, model.priors.contains(where: { $0.parameter == entry.name }) { continue }
            let groups: [Range<Int>]
            if case .simplex(let rows, let v) = entry.shape {
                groups = (0..<(rows ?? 1)).map { r in (entry.offset + r * v)..<(entry.offset + (r + 1) * v) }
            } else {
                groups = entry.slots.map { $0..<($0 + 1) }
            }
            if let empty = groups.first(where: { !$0.contains(where: picked.contains) }) {
                let name =
                    entry.isSimplex && empty.count > 1
                    ? FittingMessage.simplexRowName(model.layout.slotName(empty.lowerBound))
                    : model.layout.slotName(empty.lowerBound)
                throw FitError(
                    .notIdentifiable, FittingMessage.componentWithoutRows(name),
                    help: FittingMessage.componentWithoutRowsHelp(entry.name))
            }
        }
    }

    /// The method asked for, or the first automatic one that applies, else Newton.
    static func solve(_ problem: FitProblem) throws -> (Solution, Plan) {
        if problem.model.layout.count == 0 {
            let solution = Solution(
                estimate: [], method: FittingMessage.nothingToFitTitle, reason: FittingMessage.nothingToFitReason)
            return (solution, Plan(method: solution.method, reason: solution.reason, refused: []))
        }
        switch problem.request {
        case .named(let kind, let options) where !kind.isIterative:
            // EM runs its own starts (random subsets of rows for each component).
            let solution = try kind.method(options: options).solve(problem)
            return (solution, Plan(method: solution.method, reason: solution.reason, refused: []))
        case .named(let kind, let options):
            // EM takes `starts:` and `seed:` itself (its starts are rows given to components).
            let own = kind == .em
            let method = try kind.method(
                options: own ? options : options.filter { !MultiStart.optionNames.contains($0.key) })
            let starts = try MultiStart(options: own ? [:] : options)
            let solution = starts.count > 1 ? try starts.solve(problem, method) : try method.solve(problem)
            return (solution, Plan(method: solution.method, reason: solution.reason, refused: []))
        case .automatic:
            for method in capabilityMethods where method.refusal(problem) == nil {
                let solution = try method.solve(problem)
                return (solution, Plan(method: solution.method, reason: solution.reason, refused: []))
            }
            var refused: [(method: String, reason: String)] = []
            // A mixture's components give EM (asked of the family, never its name).
            let mixture = problem.model.terms.contains { $0.family.mixture != nil }
            for method in automaticOrder + (mixture ? [try EMMethod()] : []) {
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
