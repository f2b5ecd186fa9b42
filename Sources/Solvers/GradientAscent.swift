import Interrupt

/// Plain gradient ascent, for teaching: x ← x + a·∇f(x), exactly k times from the
/// start (Grammar.md §5.3: on ℓ, the sum, not the mean). No line search, no convergence test.
public struct GradientAscent {
    public let learningRate: Double
    public let steps: Int
    public var onIteration: ((Iteration) -> Void)?
    /// Polled once per step; true stops the ascent with status `.interrupted`.
    public var isInterrupted: () -> Bool = { Interrupt.requested }

    public init(learningRate: Double, steps: Int) {
        self.learningRate = learningRate
        self.steps = steps
    }

    public func maximize(_ f: some Objective, from start: [Double]) -> SolverResult {
        var x = start
        var (value, gradient, _) = f.evaluate(x, order: 1)
        var history = [Iteration(number: 0, value: value, gradientNorm: gradient.maxNorm, stepSize: 0)]
        onIteration?(history[0])
        for k in 1...max(1, steps) where steps > 0 {
            if isInterrupted() {
                return SolverResult(
                    x: x, value: value, gradient: gradient, iterations: k - 1, status: .interrupted, history: history)
            }
            x = zip(x, gradient).map { $0 + learningRate * $1 }
            (value, gradient, _) = f.evaluate(x, order: 1)
            let it = Iteration(number: k, value: value, gradientNorm: gradient.maxNorm, stepSize: learningRate)
            history.append(it)
            onIteration?(it)
            if !value.isFinite || !gradient.allSatisfy(\.isFinite) {
                return SolverResult(
                    x: x, value: value, gradient: gradient, iterations: k, status: .notFinite, history: history)
            }
        }
        return SolverResult(
            x: x, value: value, gradient: gradient, iterations: steps, status: .completedSteps, history: history)
    }
}
