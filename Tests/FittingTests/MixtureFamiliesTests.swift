import Foundation
import LinearAlgebra
import SeededRandom
import Testing

@testable import Fitting
@testable import Model
@testable import Symbolic

/// Mixtures over the newer families (LogNormal, Weibull, NegativeBinomial, StudentT), K
/// components with a simplex of weights (`param π : simplex[K]`), and EM from several
/// seeded starts listing the distinct local maxima.
struct MixtureFamiliesTests {
    let check = MixtureTests()

    @Test("EM never lowers ℓ: LogNormal, Weibull, NegativeBinomial and StudentT components")
    func monotoneOnNewFamilies() throws {
        var rng = SplitMix64(seed: 21)
        let positive = (0..<300).map { _ in
            rng.uniform() < 0.4 ? exp(0.2 * rng.normal()) : exp(1.5 + 0.3 * rng.normal())
        }

        var lognormal = MixtureFixture()
        let p = lognormal.param("p", lower: 0, upper: 1)
        let m1 = lognormal.param("m1", start: 0.5)
        let s1 = lognormal.param("s1", lower: 0, start: 1)
        let m2 = lognormal.param("m2", start: 1)
        let s2 = lognormal.param("s2", lower: 0, start: 1)
        lognormal.mixture([LogNormal(), LogNormal()], lognormal.column("y", positive), [p, m1, s1, m2, s2], rows: 300)
        try check.expectMonotone(try lognormal.model(), "lognormal")

        var weibull = MixtureFixture()
        let q = weibull.param("q", lower: 0, upper: 1)
        let k1 = weibull.param("k1", lower: 0, start: 2)
        let l1 = weibull.param("λ1", lower: 0, start: 1)
        let k2 = weibull.param("k2", lower: 0, start: 2)
        let l2 = weibull.param("λ2", lower: 0, start: 4)
        weibull.mixture([Weibull(), Weibull()], weibull.column("t", positive), [q, k1, l1, k2, l2], rows: 300)
        try check.expectMonotone(try weibull.model(), "weibull (Newton M-step)")

        // Overdispersed counts: Poisson(λ) with λ ~ Gamma, in two groups (means 2 and 12).
        let counts = (0..<400).map { _ -> Double in
            let mean = rng.uniform() < 0.5 ? 2.0 : 12.0
            let lambda = mean * (0..<4).map { _ in -log(rng.uniform()) }.reduce(0, +) / 4
            return MixtureFixture.poisson(lambda, &rng)
        }
        var nb = MixtureFixture()
        let w = nb.param("w", lower: 0, upper: 1)
        let mu1 = nb.param("μ1", lower: 0, start: 1)
        let t1 = nb.param("θ1", lower: 0, start: 1)
        let mu2 = nb.param("μ2", lower: 0, start: 8)
        let t2 = nb.param("θ2", lower: 0, start: 1)
        nb.mixture(
            [NegativeBinomial(), NegativeBinomial()], nb.column("k", counts), [w, mu1, t1, mu2, t2], rows: 400)
        try check.expectMonotone(try nb.model(), "negative binomial")

        // t₃ draws: z/√(χ²₃/3), the χ² a sum of three squared Normals.
        let heavy = (0..<300).map { _ -> Double in
            let chi = (0..<3).map { _ -> Double in
                let z = rng.normal()
                return z * z
            }.reduce(0, +)
            let t = rng.normal() / (chi / 3).squareRoot()
            return rng.uniform() < 0.5 ? -3 + 0.5 * t : 3 + t
        }
        var student = MixtureFixture()
        let ps = student.param("p", lower: 0, upper: 1)
        let c1 = student.param("μ1", start: -1)
        let d1 = student.param("σ1", lower: 0, start: 1)
        let c2 = student.param("μ2", start: 1)
        let d2 = student.param("σ2", lower: 0, start: 1)
        let nu = student.store.constant(3)
        student.mixture(
            [StudentT(), StudentT()], student.column("x", heavy), [ps, c1, d1, nu, c2, d2, nu], rows: 300)
        try check.expectMonotone(try student.model(), "student t")
    }

    /// Three Normals with a simplex of weights π over `y`.
    static func three(_ y: [Double], pi: [Double], mu: [Double], sigma: Double) throws -> StatisticalModel {
        var f = MixtureFixture()
        let weights = f.simplex("π", start: pi)
        var args = weights
        for k in 0..<3 {
            args.append(f.param("μ\(k + 1)", start: mu[k]))
            args.append(f.param("σ\(k + 1)", lower: 0, start: sigma))
        }
        f.mixture([Normal(), Normal(), Normal()], f.column("y", y), args, rows: y.count, simplex: true)
        return try f.model()
    }

    static func threeGroups(seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<600).map { _ -> Double in
            let u = rng.uniform()
            return u < 0.2 ? -4 + 0.5 * rng.normal() : u < 0.7 ? 0.8 * rng.normal() : 5 + rng.normal()
        }
    }

    @Test("a simplex of weights: the M-step's π̂ₖ = Σᵢ rᵢₖ/n and the weighted means, against the E-step by hand")
    func simplexMStepByHand() throws {
        let y = MixtureFamiliesTests.threeGroups(seed: 4)
        let start = [0.3, 0.3, 0.4]
        let model = try MixtureFamiliesTests.three(y, pi: start, mu: [-3, 1, 4], sigma: 1.5)
        let data = try CompleteData(model: model, withPrior: false)
        let mStep = MStep(data, model.layout)
        #expect(mStep.isClosedForm)
        let theta = model.layout.start
        _ = data.expectation(theta)
        let next = try #require(mStep.closedForm())
        // rᵢₖ = πₖφₖ(yᵢ)/Σⱼ πⱼφⱼ(yᵢ), written out.
        var n = [0.0, 0.0, 0.0]
        var sy = [0.0, 0.0, 0.0]
        for x in y {
            let f = (0..<3).map { k in
                start[k] * exp(-(x - theta[3 + 2 * k]) * (x - theta[3 + 2 * k]) / (2 * 1.5 * 1.5))
            }
            let total = f.reduce(0, +)
            for k in 0..<3 {
                n[k] += f[k] / total
                sy[k] += x * f[k] / total
            }
        }
        // 600 rows of order-1 terms: the two sums differ by rounding, ~600·ε relative.
        for k in 0..<3 {
            #expect(near(next[k], n[k] / 600, 1e-12), "π\(k + 1): \(next[k]) vs \(n[k] / 600)")
            #expect(near(next[3 + 2 * k], sy[k] / n[k], 1e-11), "μ\(k + 1)")
        }
        #expect(abs(next[0] + next[1] + next[2] - 1) <= 1e-15)
    }

    @Test("three components with a simplex of weights: EM never lowers ℓ, and lands on Newton's maximum")
    func simplexFit() throws {
        let y = MixtureFamiliesTests.threeGroups(seed: 9)
        let model = try MixtureFamiliesTests.three(y, pi: [0.3, 0.3, 0.4], mu: [-3, 1, 4], sigma: 1.5)
        try check.expectMonotone(model, "three Normals, simplex weights")
        let outcome = try Fitter.fit(FitProblem(model: model))
        let theta = outcome.estimate
        #expect(abs(theta[0] + theta[1] + theta[2] - 1) <= 1e-14)
        // At the maximum on the simplex, ∂ℓ/∂πₖ is the same for every k (the Lagrange
        // multiplier, here n), and every other partial derivative is 0 — to rounding in a sum of
        // 600 rows whose terms are at most ~10: 1e-8 is the polish stops at 1e-8 in its coordinates, up to 1/πₖ or 1/σₖ here.
        let g = model.evaluate(theta, order: 1, withPrior: false).gradient
        for k in 0..<3 { #expect(abs(g[k] - 600) <= 1e-6, "∂ℓ/∂π\(k + 1) = \(g[k])") }
        for j in 3..<9 { #expect(abs(g[j]) <= 1e-6, "∂ℓ/∂θ\(j) = \(g[j])") }
        let newton = try Fitter.fit(FitProblem(model: model, request: .named(.newton, options: [:])))
        for (a, b) in zip(theta, newton.estimate) { #expect(abs(a - b) <= 1e-7 * max(1, abs(b))) }
    }

    @Test("EM from several seeded starts: one maximum found by all, reproducible, and the clustering of maxima")
    func starts() throws {
        let y = MixtureFixture.normals(300, p: 0.35, (0, 1), (4, 0.7), seed: 2)
        let model = try MixtureFixture.normalMixture(y, start: [0.5, -1, 2, 5, 2])
        let one = try Fitter.fit(FitProblem(model: model))
        let many = try Fitter.fit(FitProblem(model: model, request: .named(.em, options: ["starts": 6, "seed": 3])))
        for (a, b) in zip(one.estimate, many.estimate) { #expect(abs(a - b) <= 1e-9 * max(1, abs(b))) }
        let notes = many.solution.notes
        #expect(notes.contains { $0.contains("EM from 6 starts") && $0.contains("reached 1 local maximum") })
        #expect(notes.contains { $0.hasPrefix("local maximum 1 of 1:") && $0.contains("from 6 starts") })
        let again = try Fitter.fit(FitProblem(model: model, request: .named(.em, options: ["starts": 6, "seed": 3])))
        #expect(again.solution.notes == notes)

        var optima: [EMStarts.Optimum] = []
        EMStarts.record([0.3, 1], -10, start: 1, into: &optima)
        EMStarts.record([0.3 + 1e-9, 1], -10 - 1e-10, start: 2, into: &optima)
        EMStarts.record([0.6, 1], -10, start: 3, into: &optima)
        EMStarts.record([0.3, 1], -12, start: 4, into: &optima)
        #expect(optima.map(\.starts) == [[1, 2], [3], [4]])
    }

    @Test("a component resting on two rows for its two own parameters is warned about as a likely spurious maximum")
    func spurious() throws {
        // 60 rows about 0 and two at 9 and 9.6: a component there holds ~2 rows (its μ̂ = 9.3,
        // σ̂ = 0.3 by hand), fewer than its own parameters (μ2, σ2) plus one.
        var y = MixtureFixture.normals(60, p: 1, (0, 1), (0, 1), seed: 8)
        y += [9, 9.6]
        let model = try MixtureFixture.normalMixture(y, start: [0.5, 0, 1, 9, 1])
        let outcome = try Fitter.fit(FitProblem(model: model))
        #expect(abs(outcome.estimate[3] - 9.3) <= 1e-6)
        #expect(abs(outcome.estimate[4] - 0.3) <= 1e-6)
        #expect(
            outcome.warnings.contains {
                $0.hasPrefix("component 2 of the mixture, Normal(μ2, σ2), rests on 2 rows' worth")
                    && $0.contains("spurious")
            }, "\(outcome.warnings)")
        let plain = try Fitter.fit(
            FitProblem(
                model: try MixtureFixture.normalMixture(
                    MixtureFixture.normals(300, p: 0.4, (0, 1), (4, 1), seed: 3), start: [0.5, -1, 1, 5, 1])))
        #expect(plain.warnings.isEmpty)
    }

    @Test("starts and seed must be whole numbers in range")
    func startOptions() {
        #expect(throws: FitError.self) { try EMMethod(options: ["starts": 0]) }
        #expect(throws: FitError.self) { try EMMethod(options: ["starts": 2.5]) }
        #expect(throws: FitError.self) { try EMMethod(options: ["seed": -1]) }
    }
}
