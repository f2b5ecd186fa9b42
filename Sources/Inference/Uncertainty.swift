import CGSL
import Foundation
import LinearAlgebra

/// Uncertainty from the observed information: standard errors, Wald intervals,
/// the delta method, and information criteria.
public enum Uncertainty {
    /// z such that P(|Z| ≤ z) = level, from GSL's normal quantile (1.959963984540054 for 95%).
    public static func normalQuantile(level: Double = 0.95) -> Double {
        gsl_cdf_ugaussian_Pinv(0.5 + level / 2)
    }

    /// Why −∇²ℓ at the estimate cannot be inverted.
    public struct Identifiability: Error, Sendable {
        /// The smallest eigenvalue of −∇²ℓ (≤ 0, or tiny against the largest).
        public let eigenvalue: Double
        public let largestEigenvalue: Double
        /// The eigenvector along which ℓ is flat (or curves up), over the free parameters.
        public let direction: [Double]
        /// Whether ℓ curves up along it (a saddle or minimum, not a maximum).
        public var isIndefinite: Bool { eigenvalue < -1e-8 * max(1, abs(largestEigenvalue)) }
    }

    /// The covariance (−∇²ℓ)⁻¹ over the parameters `free` (indices into θ), or why there is none.
    ///
    /// −∇²ℓ is first scaled to unit diagonal, D^(−½)·I·D^(−½) (a correlation-like matrix,
    /// blind to the units of each parameter: a slope per year and an intercept differ by
    /// 10⁶ in scale without being any less identifiable). It must be positive definite; it is
    /// judged singular when its smallest eigenvalue is below `precision` times its largest (ℓ is
    /// flat in some direction, to the precision the Hessian is known: not identifiable). The
    /// inverse is unscaled back: Σ = D^(−½)·S⁻¹·D^(−½).
    ///
    /// The default precision, `hessianPrecision(k)`, is what rounding leaves in a k×k scaled
    /// Hessian summed over rows: a nearly flat but unique optimum (NIST's Lanczos problems,
    /// smallest eigenvalue ≈ 10⁻⁸ of the largest) is identifiable; a direction ℓ does not
    /// depend on at all (eigenvalue ≈ ε) is not.
    public static func covariance(hessian h: Matrix, free: [Int], precision: Double? = nil)
        -> Result<Matrix, Identifiability>
    {
        let tolerance = precision ?? hessianPrecision(free.count)
        let k = free.count
        var information = Matrix(rows: k, columns: k)
        for (a, i) in free.enumerated() { for (b, j) in free.enumerated() { information[a, b] = -h[i, j] } }
        let diagonal = (0..<k).map { information[$0, $0] }
        guard diagonal.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            let worst = diagonal.indices.min { diagonal[$0] < diagonal[$1] } ?? 0
            var direction = [Double](repeating: 0, count: k)
            if k > 0 { direction[worst] = 1 }
            return .failure(
                Identifiability(
                    eigenvalue: diagonal.isEmpty ? 0 : diagonal[worst],
                    largestEigenvalue: diagonal.max() ?? 0, direction: direction))
        }
        let scale = diagonal.map { 1 / $0.squareRoot() }
        var scaled = information
        for a in 0..<k { for b in 0..<k { scaled[a, b] *= scale[a] * scale[b] } }
        guard let (values, vectors) = scaled.symmetricEigen() else {
            return .failure(Identifiability(eigenvalue: .nan, largestEigenvalue: .nan, direction: []))
        }
        let largest = values.last ?? 0
        func flat() -> Identifiability {
            let v = vectors.column(0)
            // Back to the parameters' own units: the direction δθ = D^(−½)·v, normalised.
            var raw = zip(v, scale).map { $0 * $1 }
            // An eigenvector's sign is arbitrary (another LAPACK may flip it): make the first
            // component of at least half the largest magnitude positive (not the largest itself,
            // which near-ties like ±0.7071 could pick differently), so the direction reads the
            // same on every machine.
            let largest = raw.map(abs).max() ?? 0
            if let lead = raw.first(where: { abs($0) >= 0.5 * largest }), lead < 0 { raw = raw.map { -$0 } }
            let norm = raw.map { $0 * $0 }.reduce(0, +).squareRoot()
            return Identifiability(
                eigenvalue: values.first ?? 0, largestEigenvalue: largest,
                direction: norm > 0 ? raw.map { $0 / norm } : v)
        }
        if let smallest = values.first, !(smallest > tolerance * abs(largest)) || !smallest.isFinite {
            return .failure(flat())
        }
        guard let inverse = scaled.inverseSPD() else { return .failure(flat()) }
        var covariance = inverse
        for a in 0..<k { for b in 0..<k { covariance[a, b] *= scale[a] * scale[b] } }
        return .success(covariance)
    }

    /// The relative precision of a k×k Hessian scaled to unit diagonal: 1000·k·ε (2·10⁻¹³ for
    /// k = 1; the eigenvalues of a symmetric matrix are perturbed by at most ‖δH‖ ≈ k·ε·‖H‖
    /// per rounding of its entries, and each entry is a sum over rows that may have lost a few
    /// hundred ulps to cancellation).
    public static func hessianPrecision(_ k: Int) -> Double { 1000 * Double(max(1, k)) * Double.ulpOfOne }

    /// Standard error of g(θ̂) by the delta method: √(∇gᵀ·Σ·∇g).
    public static func deltaMethod(gradient g: [Double], covariance: Matrix) -> Double {
        let sg = covariance * g
        return max(0, zip(g, sg).reduce(0) { $0 + $1.0 * $1.1 }).squareRoot()
    }

    /// AIC = −2ℓ + 2k.
    public static func aic(logLikelihood: Double, parameters k: Int) -> Double { -2 * logLikelihood + 2 * Double(k) }

    /// BIC = −2ℓ + k·log n.
    public static func bic(logLikelihood: Double, parameters k: Int, observations n: Int) -> Double {
        -2 * logLikelihood + Double(k) * log(Double(n))
    }

    /// The Wald interval estimate ± z·se.
    public static func wald(_ estimate: Double, _ se: Double, level: Double = 0.95) -> (Double, Double) {
        let z = normalQuantile(level: level)
        return (estimate - z * se, estimate + z * se)
    }
}
