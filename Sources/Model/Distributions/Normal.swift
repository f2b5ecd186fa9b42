import CGSL

/// Normal(μ, σ): mean μ, standard deviation σ > 0.
public struct Normal: Distribution {
    public init() {}
    public let name = "Normal"
    public let parameters = [
        DistributionParameter(name: "μ", domain: .real), DistributionParameter(name: "σ", domain: .positive),
    ]
    public let support = Support.real

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        a[0] + gsl_ran_gaussian(rng.generator, a[1])
    }
}
