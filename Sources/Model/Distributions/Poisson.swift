import CGSL

/// Poisson(λ): counts with mean λ > 0.
public struct Poisson: Distribution {
    public init() {}
    public let name = "Poisson"
    public let parameters = [DistributionParameter(name: "λ", domain: .positive)]
    public let support = Support.count

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        Double(gsl_ran_poisson(rng.generator, a[0]))
    }
}
