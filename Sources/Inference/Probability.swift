import CGSL
import Foundation

/// Tail probabilities and quantiles for tests and intervals, through GSL's CDFs.
///
/// These are the inference stage's own thin wrappers (the language's `cdf`/`ccdf`
/// builtins are a separate concern). Upper tails use GSL's Q functions, which
/// compute P(X > x) directly, so a p-value of 1e-40 keeps its digits instead of
/// being lost as 1 − P in rounding.
public enum Probability {
    static let once: Void = { mle_gsl_init() }()

    /// P(Z > z) for a standard normal Z.
    public static func normalUpperTail(_ z: Double) -> Double {
        _ = once
        if z.isNaN { return .nan }
        return gsl_cdf_ugaussian_Q(z)
    }

    /// The two-sided p-value of a z statistic: P(|Z| ≥ |z|) = 2·Q(|z|).
    public static func twoSided(z: Double) -> Double {
        if z.isNaN { return .nan }
        return min(1, 2 * normalUpperTail(abs(z)))
    }

    /// z with P(Z ≤ z) = p (the standard normal quantile).
    public static func normalQuantile(_ p: Double) -> Double {
        _ = once
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// P(X > x) for X ~ χ²(df); df = 0 is the point mass at 0 (P = 0 for x > 0), as a
    /// χ̄² mixture needs. x ≤ 0 gives 1.
    public static func chiSquaredUpperTail(_ x: Double, df: Double) -> Double {
        _ = once
        if x.isNaN || df.isNaN || df < 0 { return .nan }
        if x <= 0 { return 1 }
        if df == 0 { return 0 }
        return gsl_cdf_chisq_Q(x, df)
    }

    /// x with P(X ≤ x) = p for X ~ χ²(df) (3.841458820694124 for p = 0.95, df = 1).
    public static func chiSquaredQuantile(_ p: Double, df: Double) -> Double {
        _ = once
        return gsl_cdf_chisq_Pinv(p, df)
    }

    /// x with P(X ≤ x) = p for X ~ Beta(a, b).
    public static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double {
        _ = once
        return gsl_cdf_beta_Pinv(p, a, b)
    }

    /// The exact (Clopper–Pearson) interval for a binomial proportion with `successes`
    /// of `trials`: the p whose one-sided tail probabilities are (1 − level)/2, from the
    /// Beta quantiles [B((1−level)/2; x, n−x+1), B((1+level)/2; x+1, n−x)], with 0 when
    /// x = 0 and 1 when x = n (3 of 3 at 95%: [0.025^(1/3), 1] = [0.2924017738, 1]).
    public static func clopperPearson(successes x: Double, trials n: Double, level: Double = 0.95) -> (
        Double, Double
    ) {
        let alpha = (1 - level) / 2
        let lower = x <= 0 ? 0 : betaQuantile(alpha, x, n - x + 1)
        let upper = x >= n ? 1 : betaQuantile(1 - alpha, x + 1, n - x)
        return (lower, upper)
    }
}
