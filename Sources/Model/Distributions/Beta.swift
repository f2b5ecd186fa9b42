import CGSL

/// Beta(a, b) on (0, 1), shapes a, b > 0.
public struct BetaDistribution: Distribution {
    public init() {}
    public let name = "Beta"
    public let parameters = [
        DistributionParameter(name: "a", domain: .positive), DistributionParameter(name: "b", domain: .positive),
    ]
    public let support = Support.openUnitInterval

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        gsl_ran_beta(rng.generator, a[0], a[1])
    }
}
