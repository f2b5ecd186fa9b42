import Diagnostics
import Foundation
import Interpreter
import Testing

/// Numerical stability: no overflow, underflow to nonsense, or cancellation where it can be avoided.
@Suite struct StabilityTests {
    typealias F = InterpreterFixture

    /// softplus(x) = log(1 + eˣ). For x = 1000, eˣ overflows but the answer is x + log1p(e⁻ˣ) = 1000 exactly.
    /// For x = −1000 the answer e⁻¹⁰⁰⁰ ≈ 5e−435 is below the smallest double: 0, never negative or NaN.
    @Test func softplusAtTheExtremes() {
        #expect(F.number("softplus(1000)") == 1000)
        #expect(F.number("softplus(-1000)") == 0)
        #expect(F.number("softplus(40)") == 40)  // 40 + e⁻⁴⁰ rounds to 40
        // log(1 + y) = y − y²/2 + …; for y = e⁻⁷⁰⁰ (≈ 9.86e−305) that is y to double precision.
        let y = exp(-700.0)
        #expect(abs(F.number("softplus(-700)") / y - 1) < 1e-15)
        // For x = −30, y = e⁻³⁰: log(1 + y) = y − y²/2 (the next term, y³/3, is 1e−40 relative).
        let y30 = exp(-30.0)
        #expect(abs(F.number("softplus(-30)") / (y30 - y30 * y30 / 2) - 1) < 1e-15)
    }

    /// logsumexp([a, a]) = a + log 2, whether eᵃ overflows (a = 1000) or underflows (a = −1000).
    @Test func logsumexpAtTheExtremes() {
        #expect(F.number("logsumexp([1000, 1000])") == 1000 + BuiltinTests.ln2)
        #expect(F.number("logsumexp([-1000, -1000])") == -1000 + BuiltinTests.ln2)
        #expect(F.number("logsumexp(1000, 1000)") == 1000 + BuiltinTests.ln2)
        // log(e¹⁰⁰⁰ + e⁰) = 1000 + log(1 + e⁻¹⁰⁰⁰) = 1000.
        #expect(F.number("logsumexp([1000, 0])") == 1000)
        #expect(F.number("logsumexp([-1/0, 3])") == 3)
    }

    /// σ(x) = 1/(1 + e⁻ˣ): σ(800) = 1; σ(−800) = e⁻⁸⁰⁰/(1 + e⁻⁸⁰⁰) underflows to 0; σ(−700) = e⁻⁷⁰⁰ to double precision.
    @Test func sigmoidAtTheExtremes() {
        #expect(F.number("sigmoid(800)") == 1)
        #expect(F.number("sigmoid(-800)") == 0)
        #expect(abs(F.number("sigmoid(-700)") / exp(-700.0) - 1) < 1e-15)
        // 1 − σ(x) = σ(−x): for x = 40, σ(−40) = e⁻⁴⁰/(1 + e⁻⁴⁰) ≈ 4.248354255291589e−18, not 0.
        #expect(abs(F.number("sigmoid(-40)") / (exp(-40.0) / (1 + exp(-40.0))) - 1) < 1e-15)
        // logit(σ(−700)) = −700: log p − log1p(−p) keeps the tiny probability.
        #expect(F.close(F.number("logit(sigmoid(-700))"), -700, relative: 1e-14))
    }

    /// The mean and sample variance of doubles near 10⁷, from exact integer arithmetic.
    ///
    /// Between 2²³ and 2²⁴ doubles are spaced 2⁻²⁹ apart, so each xᵢ = 10⁷ + kᵢ·2⁻²⁹ with an
    /// integer kᵢ (and xᵢ − 10⁷ is exact, by Sterbenz's lemma). Then exactly
    ///   mean = 10⁷ + (Σkᵢ / n)·2⁻²⁹,
    ///   var  = (n·Σkᵢ² − (Σkᵢ)²) / (n(n − 1)) · 2⁻⁵⁸,
    /// with the integer sums exact in Int64 for these few small kᵢ. A naive Σx²/n − mean²
    /// loses every digit here (x² ≈ 10¹⁴ and the spread is 10⁻¹).
    static func exactMeanAndVariance(_ xs: [Double]) -> (mean: Double, variance: Double) {
        let scale = 536_870_912.0  // 2²⁹
        let ks = xs.map { Int64((($0 - 1e7) * scale).rounded()) }
        for (x, k) in zip(xs, ks) { precondition((x - 1e7) * scale == Double(k), "not on the 2⁻²⁹ grid") }
        let n = Int64(xs.count)
        let s1 = ks.reduce(0, +)
        let s2 = ks.reduce(0) { $0 + $1 * $1 }
        let mean = 1e7 + Double(s1) / Double(n) / scale
        let variance = Double(n * s2 - s1 * s1) / Double(n * (n - 1)) / (scale * scale)
        return (mean, variance)
    }

    @Test(arguments: [
        [10000000.1, 10000000.2, 10000000.3, 10000000.4],
        [10000000.5, 10000000.1, 10000000.9, 10000000.3, 10000000.7],
        // Exactly representable: mean 10⁷ + 5/16, var = var{1, 2, 3, 4}/64 = (5/3)/64 = 5/192.
        [10000000.125, 10000000.25, 10000000.375, 10000000.5],
    ])
    func meanAndVarianceNearTenMillion(xs: [Double]) {
        let setup = "data x = [" + xs.map { "\($0)" }.joined(separator: ", ") + "]"
        let (mean, variance) = Self.exactMeanAndVariance(xs)
        #expect(F.close(F.number("mean(x)", setup: setup), mean, relative: 1e-15))
        let v = F.number("var(x)", setup: setup)
        let sd = F.number("sd(x)", setup: setup)
        #expect(abs(v / variance - 1) < 1e-12, "var \(v) vs exact \(variance)")
        #expect(abs(sd / variance.squareRoot() - 1) < 1e-12, "sd \(sd) vs exact \(variance.squareRoot())")
    }

    @Test func exactlyRepresentableCaseByHand() {
        let setup = "data x = [10000000.125, 10000000.25, 10000000.375, 10000000.5]"
        #expect(F.number("mean(x)", setup: setup) == 10000000.3125)
        #expect(abs(F.number("var(x)", setup: setup) / (5.0 / 192) - 1) < 1e-13)
    }

    /// Sums keep their digits: 1 + 1e16 − 1e16 = 1 when summed as a vector with compensation.
    @Test func compensatedSums() {
        #expect(F.number("sum([1, 1e16, -1e16])") == 1)
        #expect(F.number("sum([1e16, 1, -1e16])") == 1)
        // The mean of the same three is 1/3; its residual "refinement" must not undo the exact sum.
        #expect(F.number("mean([1e16, 1, -1e16])") == 1.0 / 3)

        // Ten thousand copies of 0.1 sum to 1000 (naively, 1000.0000000001588).
        let tenThousand = "[" + Array(repeating: "0.1", count: 10_000).joined(separator: ",") + "]"
        #expect(F.number("sum(\(tenThousand))") == 1000)
    }

    /// Large finite values: the true sum overflows (inf), and the true mean does not (1e308).
    @Test func sumsOfHugeValues() {
        #expect(F.number("sum([1e308, 1e308])") == .infinity)
        #expect(F.number("mean([1e308, 1e308])") == 1e308)

        #expect(F.number("var([1e200, 1e200])") == 0)
    }
}
