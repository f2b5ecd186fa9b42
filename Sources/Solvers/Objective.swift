import LinearAlgebra

/// What a solver sees: a function to maximise, with its exact derivatives.
public protocol Objective {
    var dimension: Int { get }
    /// f(x), with ∇f (order ≥ 1) and ∇²f (order 2); an empty gradient/Hessian when not asked for.
    func evaluate(_ x: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix)
}

/// One iteration, for traces: `fit … trace` prints ℓ and ‖∇ℓ‖ per iteration.
public struct Iteration: Sendable {
    public let number: Int
    public let value: Double
    public let gradientNorm: Double
    public let stepSize: Double

    public init(number: Int, value: Double, gradientNorm: Double, stepSize: Double) {
        self.number = number
        self.value = value
        self.gradientNorm = gradientNorm
        self.stepSize = stepSize
    }
}

/// How an iterative solver ended.
public struct SolverResult: Sendable {
    public enum Status: Sendable, Equatable {
        case converged
        /// The iteration limit was reached before the convergence test passed.
        case iterationLimit
        /// No step along the Newton or gradient direction increased f.
        case stalled
        /// f or its derivatives stopped being finite.
        case notFinite
        /// Plain gradient ascent ran its fixed number of steps (no convergence test).
        case completedSteps
        /// A stop was asked for (`Interrupt.requested`: Ctrl-C in the REPL) before the solver finished.
        case interrupted
    }

    public let x: [Double]
    public let value: Double
    public let gradient: [Double]
    public let iterations: Int
    public let status: Status
    public let history: [Iteration]

    public var gradientNorm: Double { gradient.map(abs).max() ?? 0 }

    public init(
        x: [Double], value: Double, gradient: [Double], iterations: Int, status: Status, history: [Iteration]
    ) {
        self.x = x
        self.value = value
        self.gradient = gradient
        self.iterations = iterations
        self.status = status
        self.history = history
    }
}

extension Array where Element == Double {
    var maxNorm: Double { map(abs).max() ?? 0 }
}
