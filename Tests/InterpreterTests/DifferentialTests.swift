import Foundation
import Report
import SeededRandom
import Testing

/// A differential test: simple models whose MLE has an exact closed form, generated with
/// a fixed seed over wide ranges of location, scale and size (values near 10⁷ with spreads
/// of 0.1, rates near 10⁵, regressions on x ≈ 10⁸ + t), written as scripts, fitted by the
/// whole pipeline and compared with the formula computed here, independently, in the
/// most accurate way double precision allows (two-pass sums, deviations from the mean).
///
/// Tolerances: the data are written with round-trip precision, so the reference and mle
/// see the same numbers. Estimates agree to 1e-9 relative: the Gaussian cases are
/// conditioned up to |μ|/σ ≈ 10⁸ (DESIGN: σ̂ to ten digits or more there), and the
/// counting families are sums of positive terms (no cancellation at all). Standard
/// errors come from inverting the observed information (or least squares' R factor) and
/// agree to 1e-7 relative.
@Suite struct DifferentialTests {
    struct Expected {
        let name: String
        let estimate: Double
        /// nil: on the boundary (no standard error).
        let standardError: Double?
    }

    struct Case: CustomStringConvertible {
        let family: String
        let script: String
        let expected: [Expected]
        var description: String { family + ":\n" + script }
    }

    static let cases: [Case] = {
        var g = SplitMix64(seed: 20_261_202)
        var all: [Case] = []
        for _ in 0..<30 {
            all.append(normal(&g))
            all.append(poisson(&g))
            all.append(exponential(&g))
            all.append(bernoulli(&g))
            all.append(regression(&g))
        }
        return all
    }()

    @Test("generated models with exact answers: mle agrees with the formula", arguments: DifferentialTests.cases)
    func agreesWithTheExactAnswer(_ c: Case) throws {
        let (ok, transcript) = InterpreterFixture.run(c.script)
        #expect(ok, "\(c)\n\(transcript.errors)")
        let report = try #require(transcript.fits.last, "\(c)")
        for e in c.expected {
            let row = try #require(report.rows.first { $0.name == e.name }, "\(c): no row \(e.name)")
            #expect(
                Self.close(row.estimate, e.estimate, 1e-9), "\(c): \(e.name) = \(row.estimate), exact \(e.estimate)")
            if let se = e.standardError {
                let got = try #require(row.standardError, "\(c): no standard error for \(e.name)")
                #expect(Self.close(got, se, 1e-7), "\(c): se(\(e.name)) = \(got), exact \(se)")
            } else {
                #expect(row.standardError == nil, "\(c): \(e.name) is on the boundary, yet has a standard error")
            }
        }
    }

    static func close(_ x: Double, _ y: Double, _ relative: Double) -> Bool {
        abs(x - y) <= relative * abs(y) || x == y
    }

    // MARK: Generators and their exact answers

    /// 10^u for u uniform in [a, b].
    static func magnitude(_ g: inout SplitMix64, _ a: Double, _ b: Double) -> Double {
        pow(10, a + (b - a) * g.uniform())
    }

    static func size(_ g: inout SplitMix64, _ low: Int, _ high: Int) -> Int {
        low + Int(g.next() % UInt64(high - low + 1))
    }

    static func literal(_ xs: [Double]) -> String {
        "[" + xs.map { "\($0)" }.joined(separator: ", ") + "]"
    }

    /// Σx/n, corrected by a second pass: mean + Σ(x − mean)/n.
    static func mean(_ xs: [Double]) -> Double {
        let first = xs.reduce(0, +) / Double(xs.count)
        return first + xs.reduce(0) { $0 + ($1 - first) } / Double(xs.count)
    }

    /// μ̂ = x̄, σ̂ = √(Σ(x − x̄)²/n); se(μ̂) = σ̂/√n, se(σ̂) = σ̂/√(2n).
    static func normal(_ g: inout SplitMix64) -> Case {
        let n = size(&g, 3, 60)
        let location = (g.uniform() < 0.5 ? -1 : 1) * magnitude(&g, -3, 7)
        let scale = magnitude(&g, -1, 3)
        let xs = (0..<n).map { _ in location + scale * g.normal() }
        let m = mean(xs)
        let s = (xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n)).squareRoot()
        let script = "data x = \(literal(xs))\nparam μ\nparam σ > 0\nmodel x ~ Normal(μ, σ)\nfit\n"
        return Case(
            family: "Normal", script: script,
            expected: [
                Expected(name: "μ", estimate: m, standardError: s / Double(n).squareRoot()),
                Expected(name: "σ", estimate: s, standardError: s / (2 * Double(n)).squareRoot()),
            ])
    }

    /// λ̂ = Σy/n (an exact integer sum), se = √(λ̂/n); rates from 0.5 to 10⁵.
    static func poisson(_ g: inout SplitMix64) -> Case {
        let n = size(&g, 2, 50)
        let rate = magnitude(&g, -0.3, 5)
        var ys = (0..<n).map { _ in max(0, (rate + rate.squareRoot() * g.normal()).rounded()) }
        if ys.allSatisfy({ $0 == 0 }) { ys[0] = 1 }
        let lambda = ys.reduce(0, +) / Double(n)
        let script = "data y = \(literal(ys))\nparam λ > 0\nmodel y ~ Poisson(λ)\nfit\n"
        return Case(
            family: "Poisson", script: script,
            expected: [Expected(name: "λ", estimate: lambda, standardError: (lambda / Double(n)).squareRoot())])
    }

    /// λ̂ = n/Σx, se = λ̂/√n; rates from 10⁻³ to 10³.
    static func exponential(_ g: inout SplitMix64) -> Case {
        let n = size(&g, 2, 50)
        let rate = magnitude(&g, -3, 3)
        let xs = (0..<n).map { _ in -log(1 - g.uniform()) / rate }
        let lambda = Double(n) / xs.reduce(0, +)
        let script = "data x = \(literal(xs))\nparam λ > 0\nmodel x ~ Exponential(λ)\nfit\n"
        return Case(
            family: "Exponential", script: script,
            expected: [Expected(name: "λ", estimate: lambda, standardError: lambda / Double(n).squareRoot())])
    }

    /// p̂ = k/n, se = √(p̂(1 − p̂)/n); k = 0 or n puts p̂ on the boundary (no standard error).
    static func bernoulli(_ g: inout SplitMix64) -> Case {
        let n = size(&g, 1, 60)
        let p = g.uniform()
        let ys = (0..<n).map { _ in g.uniform() < p ? 1.0 : 0.0 }
        let k = ys.reduce(0, +)
        let estimate = k / Double(n)
        let interior = k > 0 && k < Double(n)
        let se = interior ? (estimate * (1 - estimate) / Double(n)).squareRoot() : nil
        let script = "data y = \(literal(ys))\nparam p in (0, 1)\nmodel y ~ Bernoulli(p)\nfit\n"
        return Case(
            family: "Bernoulli", script: script, expected: [Expected(name: "p", estimate: estimate, standardError: se)])
    }

    /// y = a + b·x + ε on x = c + t with c up to 10⁸ (condition number of [1, x] up to 10¹⁶):
    /// b̂ = Sxy/Sxx, â = ȳ − b̂·x̄, σ̂² = Σ((y − ȳ) − b̂(x − x̄))²/n,
    /// se(b̂) = σ̂/√Sxx, se(â) = σ̂·√(1/n + x̄²/Sxx), se(σ̂) = σ̂/√(2n).
    static func regression(_ g: inout SplitMix64) -> Case {
        let n = size(&g, 4, 40)
        let offset = [0, 1e3, 1e6, 1e8][Int(g.next() % 4)]
        let spread = magnitude(&g, -1, 2)
        let xs = (0..<n).map { _ in offset + spread * g.uniform() }
        let slope = (g.uniform() - 0.5) * magnitude(&g, -2, 2)
        let noise = magnitude(&g, -2, 1)
        let ys = xs.map { 3 + slope * ($0 - offset) + noise * g.normal() }
        let (mx, my) = (mean(xs), mean(ys))
        let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let sxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let b = sxy / sxx
        let a = my - b * mx
        let rss = zip(xs, ys).reduce(0) { r, p in
            let e = (p.1 - my) - b * (p.0 - mx)
            return r + e * e
        }
        let sigma = (rss / Double(n)).squareRoot()
        let script =
            "data x = \(literal(xs))\ndata y = \(literal(ys))\nparam a\nparam b\nparam σ > 0\n"
            + "model y ~ Normal(a + b * x, σ)\nfit\n"
        return Case(
            family: "least squares", script: script,
            expected: [
                Expected(name: "a", estimate: a, standardError: sigma * (1 / Double(n) + mx * mx / sxx).squareRoot()),
                Expected(name: "b", estimate: b, standardError: sigma / sxx.squareRoot()),
                Expected(name: "σ", estimate: sigma, standardError: sigma / (2 * Double(n)).squareRoot()),
            ])
    }
}
