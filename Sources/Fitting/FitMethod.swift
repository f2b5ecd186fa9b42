import LinearAlgebra
import Solvers

/// One way of finding the MLE: whether it applies to a problem (and why not),
/// and how it solves it. The plan tries the automatic ones in order.
protocol FitMethod: Sendable {
    /// Shown in the report and the plan: "Newton's method (exact Hessian, line search)".
    var title: String { get }
    /// Whether the method can be tried on this problem; nil if it can, else why not.
    func refusal(_ problem: FitProblem) -> String?
    /// Solves the problem. Throws `.refused` when, having tried, the method finds it
    /// does not apply after all (a root outside the domain); any other FitError ends the fit.
    func solve(_ problem: FitProblem) throws -> Solution
}

/// How the estimate was found, before inference.
public struct Solution {
    public var estimate: [Double]
    /// The method's title and why it was chosen.
    public var method: String
    public var reason: String
    /// Closed-form expressions, "p̂ = Σflips/n = 0.7".
    public var closedForms: [String] = []
    public var iterations: Int?
    public var gradientNorm: Double?
    /// Whether the estimate is a maximum to the precision asked for (false only for
    /// gradient ascent that ran out of steps; other non-convergence is an error).
    public var converged = true
    public var notes: [String] = []
    /// Slots whose estimate is on the boundary of their domain, with the explanation.
    public var boundary: [Int: String] = [:]
    /// Least squares knows the covariance of its coefficients from the QR factor.
    public var knownCovariance: (slots: [Int], matrix: Matrix)?
    public var warnings: [String] = []
    /// ℓ and max |∇ℓ| per iteration, for traces and plots.
    public var history: [Iteration] = []
    /// The optima reached from many starts (`starts:`), when asked for.
    public var multiStart: MultiStartSummary?

    init(estimate: [Double], method: String, reason: String) {
        self.estimate = estimate
        self.method = method
        self.reason = reason
    }
}

/// Which method the plan chose and why, and the ones it passed over.
public struct Plan: Sendable {
    public var method: String
    public var reason: String
    /// Methods tried or considered first, each with why it did not apply.
    public var refused: [(method: String, reason: String)]
}
