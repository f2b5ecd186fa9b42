import CGSL
import Foundation
import Symbolic

/// Laplace(μ, b): location μ and scale b > 0, density e^{−|y − μ|/b}/(2b).
///
/// ℓ is not differentiable in μ at the data points (it is piecewise linear in μ), so
/// its maximum is found exactly, not by Newton's method: μ̂ is a sample median and
/// b̂ the mean absolute deviation from it (`locationEstimate`).
public struct Laplace: Distribution {
    public init() {}
    public let name = "Laplace"
    public let parameters = [
        DistributionParameter(name: "μ", domain: .real), DistributionParameter(name: "b", domain: .positive),
    ]
    public let support = Support.real
    public let locationEstimate: LocationEstimate? = .median(location: 0, scale: 1)

    public func draw(_ a: [Double], using rng: RandomSource) -> Double {
        a[0] + gsl_ran_laplace(rng.generator, a[1])
    }

    /// −log(2b) − |y − μ|/b
    public func logDensity(_ y: Expr, _ a: [Expr]) -> Expr {
        -log(2 * a[1]) - (y - a[0]).apply(.abs) / a[1]
    }

    /// log F(z), z = (y − μ)/b: F = ½e^{min(z,0)}·(2 − e^{−max(z,0)}), so
    /// log F = min(z, 0) + log(1 − ½e^{−max(z,0)}), with min, max through |z|. It is
    /// continuously differentiable (the slope is 1 on both sides of 0).
    static func logCDF(_ z: Expr) -> Expr {
        let magnitude = z.apply(.abs)
        return (z - magnitude) / 2 + log1p(-0.5 * exp(-(z + magnitude) / 2))
    }

    public func logCDF(_ y: Expr, _ a: [Expr]) -> Expr? { Laplace.logCDF((y - a[0]) / a[1]) }

    /// log P(Y > y) = log F(−z), by symmetry.
    public func logSurvival(_ y: Expr, _ a: [Expr]) -> Expr? { Laplace.logCDF((a[0] - y) / a[1]) }
}
