import Model
import Solvers

/// What goes into fitting: a model ready to fit, and how to fit it.
public struct FitProblem {
    public let model: StatisticalModel
    public var request: MethodRequest
    /// Called with each iteration of an iterative method (for `fit … trace`), already
    /// thinned for long runs: every iteration of a short run, for a long one the first
    /// ten, then every k-th and the last.
    public var onIteration: ((Iteration) -> Void)?

    public init(model: StatisticalModel, request: MethodRequest = .automatic, onIteration: ((Iteration) -> Void)? = nil)
    {
        self.model = model
        self.request = request
        self.onIteration = onIteration
    }

    /// Whether ℓ carries priors (a MAP fit): every method maximises ℓ + log π then.
    var withPrior: Bool { model.hasPriors }
    var layout: ParameterLayout { model.layout }
}

/// Which method: the plan's choice, or one the script named with its options.
public enum MethodRequest: Sendable {
    case automatic
    case named(FitMethodKind, options: [String: Double])
}
