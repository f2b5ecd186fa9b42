import Foundation
import Testing

/// The null model line's likelihood-ratio test: nested by its formulas where they show an
/// intercept (no pass over the rows), else decided numerically, and absent when the full
/// model cannot express a constant.
@Suite struct NullModelTests {
    static let x = "[0.5, 1.2, -0.3, 2.0, 0.1, -1.1, 0.8, 1.5, -0.6, 0.3]"
    static let y = "[1, 0, 1, 1, 0, 0, 1, 1, 0, 1]"

    /// Whether the script ran, and the null model line's test (statistic, df, p), if any.
    static func nullModel(_ model: String, params: String) -> (ok: Bool, test: (Double, Int, Double)?) {
        let (ok, t) = InterpreterFixture.run(
            "data x = \(x)\ndata y = \(y)\ndata t = [1, 2, 1, 3, 2, 1, 2, 4, 1, 2]\n\(params)\nmodel \(model)\nfit")
        return (ok, t.fits.last?.nullModel?.test.map { ($0.statistic, $0.degreesOfFreedom, $0.p) })
    }

    @Test("with an intercept: LR = 2(ℓ̂ − ℓ̂₀) on one df, ℓ̂₀ in closed form")
    func intercept() throws {
        let (ok, t) = InterpreterFixture.run(
            "data x = \(Self.x)\ndata y = \(Self.y)\nparam a\nparam b\nmodel m: y ~ Bernoulli(sigmoid(a + b * x))\nfit m\nprint m.loglik"
        )
        #expect(ok)
        let null = try #require(t.fits.last?.nullModel)
        // 6 ones in 10 rows: ℓ̂₀ = 6·log 0.6 + 4·log 0.4.
        let l0 = 6 * log(0.6) + 4 * log(0.4)
        #expect(abs(null.logLikelihood - l0) <= 1e-12 * abs(l0))
        let test = try #require(null.test)
        let l1 = try #require(t.values.last?.first.flatMap { if case .number(let v) = $0 { v } else { nil } })
        #expect(test.degreesOfFreedom == 1)
        // The statistic is formed from the two ℓ̂ as printed: the same doubles.
        #expect(test.statistic == 2 * (l1 - null.logLikelihood))
    }

    @Test("without an intercept, or with a row-level offset, the test is decided numerically: not nested")
    func notNested() {
        // σ(b·x) is ½ for every row only at b = 0: p₀ = 0.6 is not reachable.
        let none = Self.nullModel("y ~ Bernoulli(sigmoid(b * x))", params: "param b")
        #expect(none.ok)
        #expect(none.test == nil)
        // exp(a + b·x + log t) is a constant λ₀ for no a, b: t varies by row.
        let offset = Self.nullModel("y ~ Poisson(exp(a + b * x + log(t)))", params: "param a\nparam b")
        #expect(offset.ok)
        #expect(offset.test == nil)
    }

    @Test("a Normal's mean with an intercept is nested; its σ is kept")
    func normalMean() {
        let normal = Self.nullModel("x ~ Normal(a + b * t, σ)", params: "param a\nparam b\nparam σ > 0")
        #expect(normal.ok)
        #expect(normal.test?.1 == 1)
    }
}
