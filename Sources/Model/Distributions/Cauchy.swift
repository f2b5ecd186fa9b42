import CGSL
import Foundation
import Symbolic

/// Cauchy(μ, σ): location μ and scale σ > 0. Its likelihood can have several local
/// maxima (one near each cluster of data), so a fit reports the maximum Newton's
/// method reaches from its start and says that others may exist.
public struct Cauchy: Distribution {
    public init() {}
    public let name = "Cauchy"
    public let parameters = [
        DistributionParameter(name: "μ", domain: .real), DistributionParameter(name: "σ", domain: .positive),
    ]
    public let support = Support.real
    public let mayBeMultimodal = true

    /// The median and half the interquartile range (the quartiles of Cauchy(μ, σ) are μ ± σ).
    public func startingValues(_ y: [Double]) -> [Double?] {
        let s = y.sorted()
        guard s.count >= 2 else { return [] }
        func quantile(_ p: Double) -> Double {
            let h = p * Double(s.count - 1)
            let (i, f) = (Int(h), h - Double(Int(h)))
            return i + 1 < s.count ? s[i] + f * (s[i + 1] - s[i]) : s[i]
        }
        let halfIQR = (quantile(0.75) - quantile(0.25)) / 2
        return [quantile(0.5), halfIQR > 0 ? halfIQR : nil]
    }

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        a[0] + gsl_ran_cauchy(rng.generator, a[1])
    }

    /// −log π − log σ − log(1 + z²), z = (y − μ)/σ
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        -Foundation.log(Double.pi) - log(a[1]) - log1p(((y - a[0]) / a[1]).squared)
    }

    /// log P(Y ≤ y) = log(½ + atan(z)/π), stable in the left tail.
    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { ((y - a[0]) / a[1]).apply(.logCauchyCDF) }

    /// log P(Y > y) = log F(−z), by symmetry.
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { ((a[0] - y) / a[1]).apply(.logCauchyCDF) }
}
