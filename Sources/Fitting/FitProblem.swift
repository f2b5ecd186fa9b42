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
    /// Slots held at a value instead of estimated (a profile fixes one slot at each of a
    /// sequence of values): every method optimises over the other slots only, and the
    /// exact methods decline.
    public var fixed: [Int: Double] = [:]
    /// Where an iterative method starts, over every slot in θ's own coordinates (a
    /// multi-start draw, a restart, the previous point of a profile); nil: the params'
    /// declared start values. Fixed slots take their fixed values whatever it says.
    public var start: [Double]?
    /// Which profile intervals to compute after the fit.
    public var profiles: ProfileRequest = .automatic

    public init(model: StatisticalModel, request: MethodRequest = .automatic, onIteration: ((Iteration) -> Void)? = nil)
    {
        self.model = model
        self.request = request
        self.onIteration = onIteration
    }

    /// Whether ℓ carries priors (a MAP fit): every method maximises ℓ + log π then.
    var withPrior: Bool { model.hasPriors }
    var layout: ParameterLayout { model.layout }

    /// The slots the method estimates, in θ order.
    var freeSlots: [Int] { (0..<layout.count).filter { fixed[$0] == nil } }

    /// The start over every slot, with the fixed slots at their values.
    var startTheta: [Double] {
        var theta = start ?? layout.start
        for (slot, value) in fixed where slot < theta.count { theta[slot] = value }
        return theta
    }

    /// ℓ (+ log π) over the free slots, the fixed ones taken from `startTheta`.
    var objective: ModelObjective {
        ModelObjective(model: model, withPrior: withPrior, free: freeSlots, base: startTheta)
    }

    /// The same in unconstrained coordinates (the fixed slots have none).
    var unconstrainedObjective: UnconstrainedObjective { UnconstrainedObjective(inner: objective) }
}

/// Which method: the plan's choice, or one the script named with its options.
public enum MethodRequest: Sendable {
    case automatic
    case named(FitMethodKind, options: [String: Double])
}
