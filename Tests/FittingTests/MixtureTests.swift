import Foundation
import LinearAlgebra
import SeededRandom
import Testing

@testable import Fitting
@testable import Model
@testable import Symbolic

/// EM derived from the model: its E-step against responsibilities computed by hand,
/// its closed-form M-step against the weighted formulas, ℓ never falling over the
/// iterations on several generated models, the marginal ℓ and its gradient (Fisher's
/// identity), label switching, and the degenerate cases named.
struct MixtureTests {
    /// Responsibilities, sizes and the M-step's weighted mean and standard deviation,
    /// written out by hand: rᵢ₁ = p·φ₁/(p·φ₁ + (1 − p)·φ₂).
    static func handEM(_ y: [Double], _ t: [Double]) -> (loglik: Double, next: [Double]) {
        func phi(_ x: Double, _ m: Double, _ s: Double) -> Double {
            exp(-(x - m) * (x - m) / (2 * s * s)) / (s * (2 * Double.pi).squareRoot())
        }
        var (n1, n2, s1, s2, ll) = (0.0, 0.0, 0.0, 0.0, 0.0)
        var r = [Double]()
        for x in y {
            let a = t[0] * phi(x, t[1], t[2])
            let b = (1 - t[0]) * phi(x, t[3], t[4])
            r.append(a / (a + b))
            ll += log(a + b)
        }
        for (x, ri) in zip(y, r) {
            n1 += ri
            n2 += 1 - ri
            s1 += ri * x
            s2 += (1 - ri) * x
        }
        let (m1, m2) = (s1 / n1, s2 / n2)
        var (v1, v2) = (0.0, 0.0)
        for (x, ri) in zip(y, r) {
            v1 += ri * (x - m1) * (x - m1)
            v2 += (1 - ri) * (x - m2) * (x - m2)
        }
        return (ll, [n1 / Double(y.count), m1, (v1 / n1).squareRoot(), m2, (v2 / n2).squareRoot()])
    }

    @Test("the E-step's ℓ and the closed-form M-step agree with EM written out by hand")
    func oneStepByHand() throws {
        let y = MixtureFixture.normals(500, p: 0.3, (0, 1), (4, 0.5), seed: 11)
        let start = [0.5, -1, 1.5, 3, 0.8]
        let model = try MixtureFixture.normalMixture(y, start: start)
        let data = try CompleteData(model: model, withPrior: false)
        let mStep = MStep(data, model.layout)
        #expect(mStep.isClosedForm)
        var theta = start
        for _ in 0..<5 {
            let e = data.expectation(theta)
            let (ll, next) = MixtureTests.handEM(y, theta)
            // Both sum 500 rows of terms of order 1 (the tape in log space, the hand loop in
            // densities): their rounding differs by ~500·ε·|ℓ| ≈ 1e-13·|ℓ|.
            #expect(near(e.logLikelihood, ll, 1e-12))
            #expect(near(e.logLikelihood, model.evaluate(theta, order: 0, withPrior: false).value, 1e-12))
            #expect(near(e.sizes[0][0] + e.sizes[0][1], 500, 1e-13))
            let found = try #require(mStep.closedForm())
            // The statistics are centred at ȳ, the hand loop's are not; σ̂'s cancellation
            // (Σr(y − c)² − (Σr(y − c))²/Σr) costs a few digits of 16.
            for (a, b) in zip(found, next) { #expect(near(a, b, 1e-11), "\(found) vs \(next)") }
            theta = found
        }
    }

    @Test("Fisher's identity: ∇Q(θ | θ) is ∇ℓ(θ), the marginal likelihood's gradient")
    func fisherIdentity() throws {
        let y = MixtureFixture.normals(300, p: 0.4, (1, 0.7), (3, 1), seed: 5)
        let model = try MixtureFixture.normalMixture(y, start: [0.5, 0, 1, 4, 1])
        let data = try CompleteData(model: model, withPrior: false)
        let theta = [0.45, 0.8, 0.9, 3.2, 1.1]
        _ = data.expectation(theta)
        let q = data.evaluate(theta, order: 1).gradient
        let l = model.evaluate(theta, order: 1, withPrior: false).gradient
        // Two exact derivatives of the same function, each a sum of 300 rows: rounding only.
        for (a, b) in zip(q, l) { #expect(abs(a - b) <= 1e-10 * max(1, abs(b)), "\(q) vs \(l)") }
    }

    /// ℓ over EM's iterations (the history, before Newton's polish) must never fall.
    func expectMonotone(_ model: StatisticalModel, _ label: String, minimum: Int = 5) throws {
        let outcome = try Fitter.fit(FitProblem(model: model))
        #expect(outcome.plan.method == FittingMessage.emTitle, "\(label)")
        let history = outcome.solution.history
        #expect(history.count >= minimum, "\(label): only \(history.count) iterations")
        for (a, b) in zip(history, history.dropFirst()) {
            // ℓ is a sum of n rows computed afresh each time: it may wobble by its rounding
            // (n·ε·|ℓ| ≤ 1e-13·|ℓ| here) once EM has converged, never by more.
            #expect(b.value >= a.value - 1e-12 * max(1, abs(a.value)), "\(label): \(a.value) → \(b.value)")
        }
    }

    @Test("EM never lowers ℓ: Normal, shared σ, Poisson, censored Exponential, Gamma, a regression")
    func monotone() throws {
        let y = MixtureFixture.normals(400, p: 0.35, (0, 1), (3, 0.6), seed: 1)
        try expectMonotone(try MixtureFixture.normalMixture(y, start: [0.5, -1, 2, 4, 2]), "normal")

        var shared = MixtureFixture()
        let p = shared.param("p", lower: 0, upper: 1)
        let m1 = shared.param("μ1", start: -1)
        let m2 = shared.param("μ2", start: 4)
        let s = shared.param("σ", lower: 0, start: 2)
        let ys = shared.column("y", MixtureFixture.normals(400, p: 0.5, (0, 1), (2.5, 1), seed: 2))
        shared.mixture([Normal(), Normal()], ys, [p, m1, s, m2, s], rows: 400)
        try expectMonotone(try shared.model(), "shared σ")

        var rng = SplitMix64(seed: 3)
        let counts = (0..<500).map { _ in MixtureFixture.poisson(rng.uniform() < 0.4 ? 1.5 : 7, &rng) }
        var poisson = MixtureFixture()
        let w = poisson.param("w", lower: 0, upper: 1)
        let l1 = poisson.param("λ1", lower: 0, start: 0.5)
        let l2 = poisson.param("λ2", lower: 0, start: 10)
        poisson.mixture([Poisson(), Poisson()], poisson.column("k", counts), [w, l1, l2], rows: 500)
        try expectMonotone(try poisson.model(), "poisson")

        let times = (0..<400).map { _ -> Double in -log(rng.uniform()) / (rng.uniform() < 0.6 ? 2 : 0.2) }
        var exponential = MixtureFixture()
        let q = exponential.param("q", lower: 0, upper: 1)
        let r1 = exponential.param("λ1", lower: 0, start: 3)
        let r2 = exponential.param("λ2", lower: 0, start: 0.1)
        let t = exponential.column("t", times.map { min($0, 8) })
        let c = exponential.column("c", times.map { $0 > 8 ? 1 : 0 })
        exponential.mixture([Exponential(), Exponential()], t, [q, r1, r2], rows: 400, censored: c)
        try expectMonotone(try exponential.model(), "censored exponential")

        // Gamma(2, 1) and Gamma(20, 2) as sums of exponentials: no closed form, Newton steps on Q.
        let gammas = (0..<300).map { _ -> Double in
            rng.uniform() < 0.5
                ? -log(rng.uniform()) - log(rng.uniform()) : (0..<20).map { _ in -log(rng.uniform()) / 2 }.reduce(0, +)
        }
        var gamma = MixtureFixture()
        let g = gamma.param("g", lower: 0, upper: 1)
        let a1 = gamma.param("a1", lower: 0, start: 1)
        let b1 = gamma.param("b1", lower: 0, start: 1)
        let a2 = gamma.param("a2", lower: 0, start: 5)
        let b2 = gamma.param("b2", lower: 0, start: 0.5)
        gamma.mixture(
            [GammaDistribution(), GammaDistribution()], gamma.column("z", gammas), [g, a1, b1, a2, b2], rows: 300)
        try expectMonotone(try gamma.model(), "gamma (Newton M-step)")

        // Two regression lines through a data matrix: linear predictors, so Q keeps a per-row part.
        let xs = (0..<200).map { Double($0) / 200 }
        let ys2 = xs.map { x -> Double in
            rng.uniform() < 0.5 ? 1 + 2 * x + 0.1 * rng.normal() : 3 - 2 * x + 0.1 * rng.normal()
        }
        var regression = MixtureFixture()
        let pr = regression.param("p", lower: 0, upper: 1)
        let c1 = regression.param("c1", start: 0.5)
        let e1 = regression.predictor("w1", Matrix(columnVectors: [xs]), start: [1])
        let sd1 = regression.param("σ1", lower: 0)
        let c2 = regression.param("c2", start: 2.5)
        let e2 = regression.predictor("w2", Matrix(columnVectors: [xs]), start: [-1])
        let sd2 = regression.param("σ2", lower: 0)
        regression.mixture(
            [Normal(), Normal()], regression.column("y", ys2), [pr, c1 + e1, sd1, c2 + e2, sd2], rows: 200)
        try expectMonotone(try regression.model(), "regression")
    }

    @Test("components come back in order of their first location, whatever the starts (label switching)")
    func labelSwitching() throws {
        let y = MixtureFixture.normals(400, p: 0.3, (0, 1), (4, 0.5), seed: 8)
        let a = try Fitter.fit(FitProblem(model: MixtureFixture.normalMixture(y, start: [0.5, -1, 1, 5, 1])))
        let b = try Fitter.fit(FitProblem(model: MixtureFixture.normalMixture(y, start: [0.5, 5, 1, -1, 1])))
        #expect(a.estimate[1] < a.estimate[3])
        #expect(b.solution.notes.contains { $0.contains("in order of their location") })
        // The same maximum, found from mirrored starts: equal up to Newton's final rounding.
        for (u, v) in zip(a.estimate, b.estimate) { #expect(near(u, v, 1e-10)) }
        let order = try #require(ComponentOrder.of(a.model))
        let swapped = order.applying([1, 0], to: a.estimate)
        #expect(near(swapped[0], 1 - a.estimate[0], 1e-15) && swapped[1] == a.estimate[3])
        // ℓ is the same for both labellings.
        let l = a.model.evaluate(a.estimate, order: 0, withPrior: false).value
        #expect(near(a.model.evaluate(swapped, order: 0, withPrior: false).value, l, 1e-13))
    }

    @Test("a component collapsing onto one observation is an unbounded likelihood naming the component and the row")
    func collapse() throws {
        let model = try MixtureFixture.normalMixture([1.2, 1.9, 2.3, 2.8, 3.1, 8.0], start: [0.5, 2, 1, 8, 0.5])
        do {
            _ = try Fitter.fit(FitProblem(model: model))
            Issue.record("the fit returned an estimate")
        } catch let e as FitError {
            #expect(e.kind == .unbounded)
            #expect(e.message.contains("component 2") && e.message.contains("y = 8 (row 6)"), "\(e.message)")
            #expect(e.message.contains("σ2 → 0"))
        }
    }

    @Test("a component no row is near is empty, and identical starts begin from a split of the rows")
    func emptyAndIdentical() throws {
        let y = MixtureFixture.normals(200, p: 1, (0, 1), (0, 1), seed: 4)
        do {
            _ = try Fitter.fit(FitProblem(model: MixtureFixture.normalMixture(y, start: [0.5, 0, 1, 60, 1])))
            Issue.record("the fit returned an estimate")
        } catch let e as FitError {
            #expect(e.kind == .notIdentifiable && e.message.contains("component 2") && e.message.contains("empty"))
        }
        let two = MixtureFixture.normals(300, p: 0.5, (0, 1), (5, 1), seed: 6)
        let outcome = try Fitter.fit(FitProblem(model: MixtureFixture.normalMixture(two, start: [0.5, 0, 1, 0, 1])))
        #expect(outcome.solution.notes.contains { $0.contains("split into 2 groups") })
        #expect(abs(outcome.estimate[1]) < 0.3 && abs(outcome.estimate[3] - 5) < 0.3)
    }

    @Test("an E-step over 200,000 rows in chunks on several cores equals the sum written out")
    func chunkedPass() throws {
        let y = MixtureFixture.normals(200_000, p: 0.5, (0, 1), (3, 1), seed: 9)
        let model = try MixtureFixture.normalMixture(y, start: [0.5, 0, 1, 3, 1])
        let data = try CompleteData(model: model, withPrior: false)
        let theta = [0.4, 0.1, 1.1, 2.9, 0.9]
        let e = data.expectation(theta)
        let (ll, _) = MixtureTests.handEM(y, theta)
        // 200,000 rows summed in two different orders: n·ε·|ℓ| ≈ 4e-11·|ℓ| at worst.
        #expect(near(e.logLikelihood, ll, 1e-10))
        #expect(near(e.sizes[0].reduce(0, +), 200_000, 1e-12))
    }

    /// An Exponential mixture with rows censored at 8: its E-step's ℓ against the sum written out,
    /// log(p·λ₁e^(−λ₁t) + (1 − p)·λ₂e^(−λ₂t)) observed, log(p·e^(−λ₁t) + (1 − p)·e^(−λ₂t)) censored.
    static func censored() throws -> (StatisticalModel, [Double], [Double]) {
        var rng = SplitMix64(seed: 12)
        let raw = (0..<300).map { _ -> Double in -log(rng.uniform()) / (rng.uniform() < 0.6 ? 2 : 0.2) }
        var f = MixtureFixture()
        let q = f.param("q", lower: 0, upper: 1, start: 0.5)
        let r1 = f.param("λ1", lower: 0, start: 0.1)
        let r2 = f.param("λ2", lower: 0, start: 3)
        let t = raw.map { min($0, 8) }
        let c = raw.map { $0 > 8 ? 1.0 : 0 }
        f.mixture(
            [Exponential(), Exponential()], f.column("t", t), [q, r1, r2], rows: 300, censored: f.column("c", c))
        return (try f.model(), t, c)
    }

    @Test("a censored row's likelihood is the mixture of the components' survival functions")
    func censoredRows() throws {
        let (model, t, c) = try MixtureTests.censored()
        let data = try CompleteData(model: model, withPrior: false)
        let theta = [0.4, 0.15, 1.8]
        var hand = 0.0
        for (x, censored) in zip(t, c) {
            let (a, b) = (theta[0] * exp(-theta[1] * x), (1 - theta[0]) * exp(-theta[2] * x))
            hand += censored == 1 ? log(a + b) : log(theta[1] * a + theta[2] * b)
        }
        // 300 rows of order 1 summed in two ways: a few hundred ε of |ℓ|.
        #expect(near(data.expectation(theta).logLikelihood, hand, 1e-12))
    }

    @Test("EM's answer is the marginal likelihood's maximum: Newton's method alone reaches the same point")
    func emAgreesWithNewton() throws {
        let y = MixtureFixture.normals(300, p: 0.4, (0, 1), (3.5, 0.7), seed: 13)
        for model in [
            try MixtureFixture.normalMixture(y, start: [0.45, 0.1, 1, 3.4, 0.8]), try MixtureTests.censored().0,
        ] {
            let em = try Fitter.fit(FitProblem(model: model))
            let newton = try Fitter.fit(FitProblem(model: model, request: .named(.newton, options: [:])))
            #expect(em.plan.method == FittingMessage.emTitle)
            // Both polish with the same Newton iteration down to the gradient's rounding noise, so
            // they agree to far below 1e-9 (the estimates' conditioning here is ~1e3).
            #expect(near(em.logLikelihood, newton.logLikelihood, 1e-12))
            for (a, b) in zip(em.estimate, newton.estimate) {
                #expect(near(a, b, 1e-9), "\(em.estimate) vs \(newton.estimate)")
            }
            for i in em.estimate.indices {
                #expect(near(em.standardError(slot: i) ?? .nan, newton.standardError(slot: i) ?? .nan, 1e-8))
            }
        }
    }

    @Test("EM hands over to Newton once it has slowed to a steady rate near its limit (overlapping Poissons)")
    func slowRateHandsOver() throws {
        var rng = SplitMix64(seed: 14)
        let counts = (0..<2000).map { _ in MixtureFixture.poisson(rng.uniform() < 0.4 ? 1.3 : 2.6, &rng) }
        var f = MixtureFixture()
        let w = f.param("w", lower: 0, upper: 1)
        let l1 = f.param("λ1", lower: 0, start: 1)
        let l2 = f.param("λ2", lower: 0, start: 3)
        f.mixture([Poisson(), Poisson()], f.column("k", counts), [w, l1, l2], rows: 2000)
        let outcome = try Fitter.fit(FitProblem(model: try f.model()))
        let note = outcome.solution.notes.first { $0.contains("steady rate") }
        #expect(note != nil, "\(outcome.solution.notes)")
        #expect((outcome.solution.gradientNorm ?? 1) < 1e-6)
    }

    @Test("a component EM empties (a broad fixed one that never helps) is reported with its vanishing weight")
    func weightToZero() throws {
        var f = MixtureFixture()
        let p = f.param("p", lower: 0, upper: 1, start: 0.5)
        let m = f.param("μ", start: 0.2)
        let s = f.param("σ", lower: 0, start: 1.2)
        let y = f.column("y", MixtureFixture.normals(200, p: 1, (0, 1), (0, 1), seed: 15))
        f.mixture([Normal(), Normal()], y, [p, m, s, f.store.constant(0), f.store.constant(20)], rows: 200)
        do {
            _ = try Fitter.fit(FitProblem(model: try f.model()))
            Issue.record("the fit returned an estimate")
        } catch let e as FitError {
            #expect(e.kind == .notIdentifiable)
            #expect(e.message.contains("component 2") && e.message.contains("drives its weight π₂ to 0"), "\(e.message)")
        }
    }
}
