/// The fitting methods a script can name after `using`, with their options: the
/// one catalogue the checker, the REPL's completion and the reports read. Adding
/// a method is a case here and its type in Methods/.
public enum FitMethodKind: String, CaseIterable, Sendable {
    /// Least squares, else the symbolic solution of the score equations.
    case closed
    case newton
    /// Levenberg–Marquardt for a Normal whose mean is nonlinear in its parameters.
    case lm
    /// Limited-memory BFGS, for models with many parameters.
    case lbfgs
    case gradient
    /// Expectation–maximisation for a mixture, then Newton's method on the marginal ℓ.
    case em

    public struct Option: Sendable {
        public let name: String
        public let required: Bool
        public let summary: String
    }

    public var options: [Option] {
        switch self {
        case .closed, .newton, .lm, .lbfgs: return []
        case .gradient:
            return [
                Option(name: "lr", required: true, summary: "learning rate a > 0"),
                Option(name: "steps", required: true, summary: "number of steps k ≥ 1"),
            ]
        case .em:
            return [
                Option(
                    name: "tol", required: false,
                    summary: "stop when ℓ rises by less than tol per observation (default 1e-8), then Newton polishes"),
                Option(name: "steps", required: false, summary: "at most this many EM iterations (default 10000)"),
                Option(
                    name: "starts", required: false,
                    summary:
                        "EM from this many starts, the declared one then random ones, listing the distinct local maxima (default 1)"
                ),
                Option(name: "seed", required: false, summary: "the seed of the random starts (default 1)"),
            ]
        }
    }

    /// One line for `:help` and the grammar's table.
    public var summary: String {
        switch self {
        case .closed:
            return "least squares or the symbolic solution of the score equations; an error if neither applies"
        case .newton: return "Newton's method with the exact Hessian, line search, in unconstrained coordinates"
        case .lm:
            return
                "Levenberg–Marquardt on the residuals of a Normal whose mean is nonlinear in its parameters (σ̂² = RSS/n)"
        case .lbfgs:
            return "limited-memory BFGS (ℓ and ∇ℓ only) in unconstrained coordinates, for many parameters"
        case .gradient: return "plain gradient ascent θ ← θ + lr·∇ℓ(θ), exactly `steps` times from the start values"
        case .em:
            return
                "EM for a mixture (responsibilities, then the components' weighted fits), then Newton's method on the marginal ℓ"
        }
    }

    /// The method, built from its options (already checked for names and presence).
    func method(options: [String: Double]) throws -> any FitMethod {
        switch self {
        case .closed: return ExactSolution()
        case .newton: return NewtonMethod(reason: FittingMessage.newtonAskedFor)
        case .lm: return LevenbergMarquardtMethod(reason: FittingMessage.levenbergMarquardtAskedFor)
        case .lbfgs: return LBFGSMethod(reason: FittingMessage.lbfgsAskedFor)
        case .gradient: return try GradientAscentMethod(options: options)
        case .em: return try EMMethod(options: options, askedFor: true)
        }
    }
}
