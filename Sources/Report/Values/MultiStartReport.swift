/// The optima a multi-start fit reached, best first: ℓ̂, how many starts reached
/// each, and the estimate there; and the starts that failed, by reason.
public struct MultiStartReport: Sendable {
    public struct Optimum: Sendable {
        public let logLikelihood: Double
        public let count: Int
        /// In the rows' order.
        public let estimate: [Double]
        public let onBoundary: Bool
        /// Whether the runs ending here converged (gradient ascent stops where its steps run out).
        public let converged: Bool
        public init(logLikelihood: Double, count: Int, estimate: [Double], onBoundary: Bool, converged: Bool = true) {
            self.logLikelihood = logLikelihood
            self.count = count
            self.estimate = estimate
            self.onBoundary = onBoundary
            self.converged = converged
        }
    }

    public struct Failure: Sendable {
        public let reason: String
        public let count: Int
        public init(reason: String, count: Int) {
            self.reason = reason
            self.count = count
        }
    }

    public let starts: Int
    public let seed: UInt64
    public let optima: [Optimum]
    public let failures: [Failure]
    /// Whether the declared start reached the best optimum.
    public let firstStartReachedBest: Bool

    public init(starts: Int, seed: UInt64, optima: [Optimum], failures: [Failure], firstStartReachedBest: Bool) {
        self.starts = starts
        self.seed = seed
        self.optima = optima
        self.failures = failures
        self.firstStartReachedBest = firstStartReachedBest
    }
}
