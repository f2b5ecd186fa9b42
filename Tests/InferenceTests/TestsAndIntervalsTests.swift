import Foundation
import Testing

@testable import Inference

/// Tail probabilities, tests, criteria and root finding against scipy
/// (Scripts/data/reference/scripts/inference.py, keys tail.*) or worked by hand.
struct TestsAndIntervalsTests {
    /// Relative agreement; GSL's CDFs are accurate to a few ulps in the tails (they are
    /// computed from the Q functions directly), so 1e-13 relative is ample.
    func close(_ a: Double, _ b: Double, _ relative: Double = 1e-13) -> Bool {
        abs(a - b) <= relative * abs(b)
    }

    @Test("two-sided normal p-values keep their digits in the tail (scipy 2·norm.sf)")
    func normalTails() {
        #expect(close(Probability.twoSided(z: 2.5345807159168969), 0.011258198716613778))
        #expect(close(Probability.twoSided(z: -2.5345807159168969), 0.011258198716613778))
        // 1 − P would give 0 here; 2·Q(12.5) = 7.47e-36.
        #expect(close(Probability.twoSided(z: 12.5), 7.465128597755428e-36, 1e-12))
        #expect(Probability.twoSided(z: 0) == 1)
        let t = WaldTest(estimate: 18.866298717204142, standardError: 7.443558427981655)
        #expect(close(t.z, 2.534580590686624, 1e-14))
        #expect(close(t.p, 0.011258202740762264, 1e-12))  // statsmodels' Logit pvalues[0]
    }

    @Test("χ² upper tails and quantiles (scipy chi2.sf, chi2.ppf)")
    func chiSquared() {
        #expect(close(Probability.chiSquaredUpperTail(3.841458820694124, df: 1), 0.04999999999999989, 1e-12))
        #expect(close(Probability.chiSquaredUpperTail(33.170622804590806, df: 2), 6.267448547838376e-08, 1e-12))
        #expect(close(Probability.chiSquaredUpperTail(400, df: 3), 2.2138865931011112e-86, 1e-11))
        #expect(close(Probability.chiSquaredQuantile(0.95, df: 1), 3.841458820694124, 1e-14))
        #expect(close(Probability.chiSquaredQuantile(0.99, df: 1), 6.6348966010212145, 1e-14))
        // χ²(0) is the point mass at 0, as the χ̄² mixture needs.
        #expect(Probability.chiSquaredUpperTail(2, df: 0) == 0)
        #expect(Probability.chiSquaredUpperTail(0, df: 3) == 1)
    }

    @Test("the likelihood-ratio test, with the χ̄² mixture for restrictions on the boundary")
    func likelihoodRatio() {
        let plain = LikelihoodRatioTest(restricted: -21.6148666384289, full: -5.029555236133495, degreesOfFreedom: 2)
        #expect(close(plain.statistic, 33.170622804590806, 1e-13))
        #expect(close(plain.p, 6.267448547838376e-08, 1e-10))
        // df = 2 with both restrictions on the boundary: ¼χ²(0) + ½χ²(1) + ¼χ²(2) (scipy: tail.chibar).
        #expect(LikelihoodRatioTest.mixtureWeights(boundary: 2) == [0.25, 0.5, 0.25])
        let mixed = LikelihoodRatioTest(restricted: 0, full: 1.35, degreesOfFreedom: 2, boundaryRestrictions: 2)
        #expect(close(mixed.p, 0.11498418839261815, 1e-12))
        // One boundary restriction of one: half the χ²(1) p-value.
        let one = LikelihoodRatioTest(
            restricted: -2692.4073998688086, full: -2577.689509814903, degreesOfFreedom: 1, boundaryRestrictions: 1)
        #expect(close(one.p, 0.5 * Probability.chiSquaredUpperTail(one.statistic, df: 1), 1e-15))
        // A full model whose ℓ̂ is below by rounding gives LR = 0 and p = 1.
        #expect(LikelihoodRatioTest(restricted: -1, full: -1 - 1e-13, degreesOfFreedom: 1).p == 1)
    }

    @Test("AICc, Akaike weights and McFadden's R², by their definitions")
    func criteria() {
        // AIC 16.05911047226699 for k = 3, n = 32: + 2·3·4/28 (R: AIC(m) + ..., INFERENCE.md mtcars.aicc).
        #expect(
            close(Criteria.aicc(aic: 16.05911047226699, parameters: 3, observations: 32) ?? .nan, 16.916253329409848))
        #expect(Criteria.aicc(aic: 10, parameters: 3, observations: 4) == nil)
        let (deltas, weights) = Criteria.akaikeWeights([12, 10, 20])
        #expect(deltas == [2, 0, 10])
        let total = Foundation.exp(-1.0) + 1 + Foundation.exp(-5.0)
        #expect(close(weights[0], Foundation.exp(-1.0) / total, 1e-15) && close(weights[1], 1 / total, 1e-15))
        #expect(
            close(Criteria.mcFadden(logLikelihood: -5.029555236133495, null: -21.6148666384289), 0.7673103739075823))
    }

    @Test("Clopper–Pearson intervals (scipy beta.ppf; R binom.test)")
    func clopperPearson() {
        let (lo, hi) = Probability.clopperPearson(successes: 7, trials: 10)
        #expect(close(lo, 0.3475471499400027, 1e-12) && close(hi, 0.9332604888222655, 1e-12))
        let (lo3, hi3) = Probability.clopperPearson(successes: 3, trials: 3)
        #expect(close(lo3, 0.2924017738212866, 1e-12) && hi3 == 1)
        #expect(Probability.clopperPearson(successes: 0, trials: 5).0 == 0)
    }

    @Test("Brent's method finds roots to the tolerance, and refuses a bracket without a sign change")
    func brent() {
        var calls = 0
        let r = RootFinding.brent(
            {
                calls += 1
                return cos($0) - $0
            }, 0, 1, fa: 1, fb: cos(1) - 1, tolerance: 1e-14)
        #expect(abs((r ?? 0) - 0.7390851332151607) < 1e-14)
        #expect(calls < 15)  // superlinear: a dozen evaluations at most, not bisection's ~47
        let cube = RootFinding.brent({ $0 * $0 * $0 - 2 }, 1, 2, fa: -1, fb: 6, tolerance: 1e-15)
        #expect(abs((cube ?? 0) - pow(2, 1.0 / 3)) < 2e-15)
        #expect(RootFinding.brent({ $0 }, 1, 2, fa: 1, fb: 2, tolerance: 1e-12) == nil)
        #expect(RootFinding.brent({ $0 - 1 }, 1, 2, fa: 0, fb: 1, tolerance: 1e-12) == 1)
    }

    /// f known only to ±10⁻⁹ (a profile's signed root when ℓ is ~10⁶): a point with |f| within
    /// that is the root, so Brent stops there instead of closing the bracket to 10⁻¹⁴ on rounding.
    @Test("Brent's method stops at a point where |f| is within the value tolerance")
    func brentValueTolerance() {
        var calls = 0
        let f = { (x: Double) -> Double in
            calls += 1
            return cos(x) - x
        }
        let r = RootFinding.brent(f, 0, 1, fa: 1, fb: cos(1) - 1, tolerance: 1e-14, valueTolerance: 1e-9)
        let root = 0.7390851332151607
        // |f′| ≈ 1.67 at the root, so |f| ≤ 10⁻⁹ puts x within 6·10⁻¹⁰ of it.
        #expect(abs((r ?? 0) - root) < 6e-10)
        let stopped = calls
        calls = 0
        _ = RootFinding.brent(f, 0, 1, fa: 1, fb: cos(1) - 1, tolerance: 1e-14)
        #expect(stopped < calls)
        // An end already within the tolerance is the root, without evaluating f.
        calls = 0
        #expect(RootFinding.brent(f, 0.5, 2, fa: 1e-10, fb: -1, tolerance: 1e-12, valueTolerance: 1e-9) == 0.5)
        #expect(calls == 0)
    }

    @Test("a profile's signed root, ends and asymmetry")
    func profile() {
        #expect(Profile.signedRoot(value: 1, estimate: 2, profile: -3, maximum: -1) == -2)
        #expect(Profile.signedRoot(value: 3, estimate: 2, profile: -3, maximum: -1) == 2)
        // A rise above ℓ̂ by rounding counts as no drop.
        #expect(Profile.signedRoot(value: 3, estimate: 2, profile: -1 + 1e-15, maximum: -1) == 0)
        let p = Profile(
            name: "b", slot: 0, level: 0.95, estimate: 18.87, maximum: -5, lower: .crossing(8.37),
            upper: .crossing(40.55), points: [])
        #expect(p.isAsymmetric && close(p.asymmetry ?? 0, (40.55 - 18.87) / (18.87 - 8.37)))
        let symmetric = Profile(
            name: "μ", slot: 0, level: 0.95, estimate: 5, maximum: -1, lower: .crossing(4), upper: .crossing(6),
            points: [])
        #expect(!symmetric.isAsymmetric)
        let boundary = Profile(
            name: "p", slot: 0, level: 0.95, estimate: 1, maximum: 0, lower: .crossing(0.527), upper: .boundary(1),
            points: [])
        #expect(boundary.asymmetry == nil && !boundary.isAsymmetric && boundary.interval == (0.527, 1))
        #expect(close(Profile.cutoff(level: 0.95), 3.841458820694124, 1e-14))
    }
}
