import CGSL

/// Bernoulli(p): 1 with probability p, else 0.
public struct Bernoulli: Distribution {
    public init() {}
    public let name = "Bernoulli"
    public let parameters = [DistributionParameter(name: "p", domain: .unitInterval)]
    public let support = Support.binary

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        Double(gsl_ran_bernoulli(rng.generator, a[0]))
    }
}
