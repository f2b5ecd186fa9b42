import CGSL

/// Binomial(N, p): successes in N independent trials of probability p.
public struct Binomial: Distribution {
    public init() {}
    public let name = "Binomial"
    public let parameters = [
        DistributionParameter(name: "N", domain: .nonnegativeInteger),
        DistributionParameter(name: "p", domain: .unitInterval),
    ]
    public let support = Support.countUpTo(argument: 0)

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        Double(gsl_ran_binomial(rng.generator, a[1], UInt32(clamping: Int(a[0]))))
    }
}
