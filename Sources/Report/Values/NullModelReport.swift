/// A regression-shaped fit's null model (its row-varying arguments replaced by one
/// constant each): ℓ̂₀, McFadden's pseudo-R², and the LR test against it when nested.
public struct NullModelReport: Sendable {
    /// The null model's term: "am ~ Bernoulli(p₀)".
    public let description: String
    public let logLikelihood: Double
    public let parameters: Int
    public let mcFadden: Double
    /// LR = 2(ℓ̂ − ℓ̂₀), its degrees of freedom and p, when the null model is nested.
    public var test: (statistic: Double, degreesOfFreedom: Int, p: Double)?

    public init(description: String, logLikelihood: Double, parameters: Int, mcFadden: Double) {
        self.description = description
        self.logLikelihood = logLikelihood
        self.parameters = parameters
        self.mcFadden = mcFadden
    }
}
