import Foundation

/// The Wald test of θ = 0: z = θ̂/se, two-sided p = 2·Q(|z|).
public struct WaldTest: Sendable, Equatable {
    public let z: Double
    public let p: Double

    public init(estimate: Double, standardError se: Double) {
        z = estimate / se
        p = Probability.twoSided(z: z)
    }
}
