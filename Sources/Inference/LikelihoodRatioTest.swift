import Foundation

/// The likelihood-ratio test of a restricted model against a larger one that
/// nests it: LR = 2(ℓ̂_full − ℓ̂_restricted), asymptotically χ²(df) with df the
/// number of restrictions.
///
/// When m of the restrictions put a parameter on the boundary of its domain (a
/// variance of 0, a Student-t's ν = ∞), the null distribution is the χ̄² mixture
/// Σⱼ C(m, j)·2⁻ᵐ·χ²(df − m + j) (Self & Liang 1987, for boundary parameters that
/// are asymptotically independent; for m = 1 it is ½χ²(df − 1) + ½χ²(df), and
/// χ²(0) is the point mass at 0).
public struct LikelihoodRatioTest: Sendable, Equatable {
    public let statistic: Double
    public let degreesOfFreedom: Int
    /// Restrictions that put a parameter on its domain's boundary.
    public let boundaryRestrictions: Int
    public let p: Double

    public init(restricted: Double, full: Double, degreesOfFreedom df: Int, boundaryRestrictions m: Int = 0) {
        // A full model whose ℓ̂ is below the restricted one's by rounding gives LR = 0, not a negative number.
        statistic = max(0, 2 * (full - restricted))
        degreesOfFreedom = df
        boundaryRestrictions = min(max(0, m), df)
        p = LikelihoodRatioTest.pValue(statistic, df: df, boundary: boundaryRestrictions)
    }

    /// The weights C(m, j)/2ᵐ of χ²(df − m + j), j = 0…m.
    public static func mixtureWeights(boundary m: Int) -> [Double] {
        var weights: [Double] = []
        var c = 1.0
        for j in 0...m {
            weights.append(c / Foundation.pow(2, Double(m)))
            c = c * Double(m - j) / Double(j + 1)
        }
        return weights
    }

    static func pValue(_ x: Double, df: Int, boundary m: Int) -> Double {
        guard m > 0 else { return Probability.chiSquaredUpperTail(x, df: Double(df)) }
        var p = 0.0
        for (j, w) in mixtureWeights(boundary: m).enumerated() {
            p += w * Probability.chiSquaredUpperTail(x, df: Double(df - m + j))
        }
        return min(1, p)
    }
}
