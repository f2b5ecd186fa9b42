import Foundation
import Inference
import Testing

@testable import Fitting
@testable import Model
@testable import Symbolic

/// Fits with fixed slots, profile-likelihood intervals, restarts, multi-start, through the
/// Fitting stage's own API. References: closed forms worked in the comments, and
/// Scripts/data/reference/scripts/inference.py (keys named in each test).
struct ProfileTests {
    typealias Builder = FittingTests.Builder

    func close(_ a: Double, _ b: Double, _ relative: Double) -> Bool { abs(a - b) <= relative * max(1, abs(b)) }

    func normal(_ xs: [Double]) throws -> StatisticalModel {
        var b = Builder()
        let mu = b.param("μ")
        let sigma = b.param("σ", lower: 0)
        let x = b.column("x", xs)
        b.term(Normal(), x, [mu, sigma], rows: xs.count, "x ~ Normal(μ, σ)")
        return try b.model()
    }

    func cauchy(_ xs: [Double], start: Double) throws -> StatisticalModel {
        var b = Builder()
        var entry = ParameterLayout.Entry(name: "μ", offset: 0, length: nil, lower: nil, upper: nil, start: [start])
        entry.startGiven = true
        b.entries.append(entry)
        let mu = b.store.symbol(.parameter(0), name: "μ")
        let x = b.column("x", xs)
        b.term(Cauchy(), x, [mu, b.store.one], rows: xs.count, "x ~ Cauchy(μ, 1)")
        return try b.model()
    }

    @Test("a fixed slot is held while the others are fitted; the exact methods decline")
    func fixedSlots() throws {
        let xs = [4.8, 5.2, 3.9, 6.1, 5.0]
        var problem = FitProblem(model: try normal(xs))
        problem.fixed = [0: 4]
        #expect(LeastSquaresMethod().refusal(problem)?.contains(FittingMessage.heldFixed) == true)
        #expect(ClosedFormMethod().refusal(problem) == FittingMessage.heldFixed)
        let solution = try NewtonMethod(reason: "").solve(problem)
        // With μ = 4, σ̂² = Σ(x − 4)²/n = (0.64 + 1.44 + 0.01 + 4.41 + 1)/5 = 1.5.
        #expect(solution.estimate[0] == 4)
        #expect(close(solution.estimate[1], 1.5.squareRoot(), 1e-12))
    }

    @Test("a Normal's profiles: μ in closed form, σ against brentq (inference.py gauss.profile.*)")
    func normalProfiles() throws {
        let xs = [4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1]
        let outcome = try Fitter.fit(FitProblem(model: try normal(xs)))
        let mu = try #require(outcome.profiles[0])
        let sigma = try #require(outcome.profiles[1])
        // Brent closes on each end to 1e-10 of its bracket (≈ half a standard error ≈ 0.1 here).
        #expect(close(mu.interval.0, 4.577763192493579, 1e-11) && close(mu.interval.1, 5.44223680750642, 1e-11))
        #expect(close(sigma.interval.0, 0.43080997371735186, 1e-11))
        #expect(close(sigma.interval.1, 1.0546934624895192, 1e-11))
        #expect(!mu.isAsymmetric && sigma.isAsymmetric)
        // The estimate is a point with r = 0; the ends have r = ∓√χ²₁(0.95).
        #expect(mu.points.contains { $0.value == 5.01 && $0.signedRoot == 0 })
        let ends = mu.points.filter { abs(abs($0.signedRoot) - 1.959963984540054) < 1e-9 }
        #expect(ends.count == 2)
    }

    /// At 10⁶ rows r is linear in the parameter to ~10⁻³ of itself: the Wald end misses the
    /// cutoff by ~10⁻⁴, and one Newton step from there (ℓ's quadratic model at the Wald end giving
    /// the restricted maximum and dℓ_p/dψ) lands within rounding of it: one restricted fit an
    /// end, with no bracket and no Brent fits.
    @Test(
        "a Gamma's shape at 10⁶ rows: each end is one restricted fit, aimed from the Wald end at the closed-form root")
    func newtonEnds() throws {
        let n = 1_000_000
        let ys = (0..<n).map { i in 0.2 + Double((i * 7919) % 10007) / 2500 }
        var b = Builder()
        let alpha = b.param("α", lower: 0)
        let beta = b.param("β", lower: 0)
        let y = b.column("y", ys)
        b.term(GammaDistribution(), y, [alpha, beta], rows: n, "y ~ Gamma(α, β)")
        let outcome = try Fitter.fit(FitProblem(model: try b.model()))
        let profile = try #require(outcome.profiles[0])
        // β̂(α) = α·n/Σy, so ℓ_p(α) = n·α·log(α·n/Σy) − n·lgamma(α) + (α − 1)·Σlog y − n·α, and
        // each end is a root of 2(ℓ_p(α̂) − ℓ_p(α)) = χ²₁(0.95), found here by bisection.
        let (count, sum, logSum) = (Double(n), ys.reduce(0, +), ys.map { log($0) }.reduce(0, +))
        let lp = { (a: Double) in count * a * log(a * count / sum) - count * lgamma(a) + (a - 1) * logSum - count * a }
        let hat = outcome.estimate[0]
        let q = 3.841458820694124
        func root(_ inside: Double, _ outside: Double) -> Double {
            var (lo, hi) = (inside, outside)
            for _ in 0..<200 {
                let mid = (lo + hi) / 2
                if 2 * (lp(hat) - lp(mid)) < q { lo = mid } else { hi = mid }
            }
            return (lo + hi) / 2
        }
        let (lower, upper) = (root(hat, hat * 0.9), root(hat, hat * 1.1))
        // The ends are placed to ~10⁻⁹ of a standard error (ℓ̂ ~ 10⁶ rounds to ~10⁻¹⁰); α's
        // standard error is ~10⁻³ of α̂, so 10⁻¹⁰ relative is comfortable.
        #expect(close(profile.interval.0, lower, 1e-10) && close(profile.interval.1, upper, 1e-10))
        // The estimate and, per side, the one point aimed at the cutoff.
        #expect(profile.points.count == 3)
    }

    /// NIST NumAcc3 (10⁶ + 0.2 with standard error 0.003): ψ's spacing, 1.2·10⁻¹⁰, is coarser than
    /// the root's precision, so a Newton step cannot land on the cutoff; the secant's overshoot
    /// then brackets it, and the profile is closed on both sides.
    @Test("a profile whose parameter's spacing is coarser than r's precision still closes (NIST NumAcc3)")
    func coarseSpacingProfile() throws {
        let xs = [1_000_000.2] + (0..<500).flatMap { _ in [1_000_000.1, 1_000_000.3] }
        let outcome = try Fitter.fit(FitProblem(model: try normal(xs)))
        let mu = try #require(outcome.profiles[0])
        guard case .crossing(let lower) = mu.lower, case .crossing(let upper) = mu.upper else {
            Issue.record("the profile of μ is not closed: \(mu.lower), \(mu.upper)")
            return
        }
        // With σ profiled out, 2(ℓ̂ − ℓ_p(μ)) = n·log(1 + (μ − μ̂)²/σ̂²): the ends are μ̂ ± σ̂·√(e^(q/n) − 1),
        // here to within a few spacings (1.2·10⁻¹⁰ each) of 10⁶.
        let n = Double(xs.count)
        let (hat, half) = (outcome.estimate[0], outcome.estimate[1] * expm1(3.841458820694124 / n).squareRoot())
        #expect(abs(lower - (hat - half)) <= 1e-9 && abs(upper - (hat + half)) <= 1e-9)
    }

    @Test(
        "on the boundary the profile interval is one-sided: 3 of 3 gives [exp(−χ²₁/6), 1], 0 of 2 [0, 1 − exp(−χ²₁/4)]")
    func boundaryProfiles() throws {
        let q = 3.841458820694124
        let three = try Fitter.fit(FitProblem(model: FittingTests().coin(heads: 3, flips: 3))).profiles[0]
        #expect(three?.upper == .boundary(1))
        #expect(close(three?.lower.value ?? .nan, exp(-q / 6), 1e-12))
        let none = try Fitter.fit(FitProblem(model: FittingTests().coin(heads: 0, flips: 2))).profiles[0]
        #expect(none?.lower == .boundary(0))
        #expect(close(none?.upper.value ?? .nan, 1 - exp(-q / 4), 1e-12))
    }

    @Test("a Student-t on light-tailed data: ν's profile is open above, μ's and σ's closed (inference.py studentt8.*)")
    func openProfile() throws {
        var b = Builder()
        let mu = b.param("μ")
        let sigma = b.param("σ", lower: 0)
        b.entries.append(.init(name: "ν", offset: 2, length: nil, lower: 0, upper: nil, start: [5]))
        let nu = b.store.symbol(.parameter(2), name: "ν")
        b.store.positive.insert(.parameter(2))
        let xs = [-2.1, -0.5, -0.2, 0, 0.1, 0.4, 0.6, 3.0]
        b.term(StudentT(), b.column("x", xs), [mu, sigma, nu], rows: xs.count, "x ~ StudentT(μ, σ, ν)")
        let outcome = try Fitter.fit(FitProblem(model: b.model()))
        #expect(close(outcome.logLikelihood, -12.26811336429558, 1e-10))
        #expect(outcome.profiles[2]?.upper == .open(.infinity))
        // The lower ends against scipy's Nelder–Mead + BFGS profiles (good to ~1e-12 there).
        let m = try #require(outcome.profiles[0]?.interval)
        let s = try #require(outcome.profiles[1]?.interval)
        #expect(close(m.0, -0.5269155889824721, 1e-10) && close(s.0, 0.08629812311040917, 1e-10))
        // At the upper ends the restricted fits want ν = ∞ (the Normal): the ends are the Normal
        // profile's, in closed form x̄ + √(exp(−2ℓ_c/n − 1 − log 2π) − σ̂²) for μ and a root of
        // −n log σ − nσ̂²/(2σ²) − (n/2)·log 2π = ℓ_c for σ (ℓ_c = ℓ̂ − χ²₁/2; scipy agrees to 1e-15).
        // The profiler holds a runaway ν at e¹⁸, where ℓ is short of its limit by ~n/ν ≈ 1e-7 (the
        // family's lgamma terms lose their digits further out): the ends are good to ~3e-7.
        #expect(close(m.1, 0.6919266368442614, 5e-7) && close(s.1, 1.786034621133884, 5e-7))
    }

    @Test("a profile that meets a higher ℓ restarts the fit from there, and says so")
    func restart() throws {
        // Cauchy(μ, 1) on [0, 0.1, 0.2, 3.9, 4]: a local maximum near 3.41 and the global one near
        // 0.28, with a valley only 0.07 deep between. Started at 4, Newton stops at the local one;
        // stepping down, the profile crosses the valley and meets the higher slope.
        let outcome = try Fitter.fit(FitProblem(model: cauchy([0, 0.1, 0.2, 3.9, 4], start: 4)))
        #expect(outcome.notes.contains { $0.contains("the fit was restarted from there") })
        #expect(outcome.plan.reason == FittingMessage.restartReason)
        // The global mode: ℓ′(μ) = Σ 2(x − μ)/(1 + (x − μ)²) = 0, solved by bisection below to 1e-13.
        var (lo, hi) = (0.0, 1.0)
        let xs = [0, 0.1, 0.2, 3.9, 4]
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            let d = xs.map { 2 * ($0 - mid) / (1 + ($0 - mid) * ($0 - mid)) }.reduce(0, +)
            if d > 0 { lo = mid } else { hi = mid }
        }
        #expect(abs(outcome.estimate[0] - lo) < 1e-9)
    }

    @Test("multi-start finds both modes of a bimodal Cauchy, reproducibly, and keeps the best (inference.py cauchy.*)")
    func multiStart() throws {
        let xs = [-0.8, -0.3, 0.1, 0.4, 0.7, 1.1, 9.6, 9.9, 10.2, 10.5]
        let model = try cauchy(xs, start: 10)
        let problem = FitProblem(model: model, request: .named(.newton, options: ["starts": 20, "seed": 1]))
        let outcome = try Fitter.fit(problem)
        let summary = try #require(outcome.solution.multiStart)
        #expect(summary.optima.count == 2)
        #expect(summary.optima.map(\.count).reduce(0, +) == 20)
        #expect(!summary.firstStartReachedBest)
        #expect(close(outcome.estimate[0], 0.37178328883089246, 1e-10))
        #expect(close(summary.optima[1].estimate[0], 9.837447477713859, 1e-10))
        #expect(close(summary.optima[1].logLikelihood, -39.22109924873749, 1e-12))
        // The same seed, the same starts.
        let again = try #require(try Fitter.fit(problem).solution.multiStart)
        #expect(again.optima.map(\.count) == summary.optima.map(\.count))
        // starts must be a whole number from 1 to 10000.
        let bad = FitProblem(model: model, request: .named(.newton, options: ["starts": 0.5]))
        FittingTests().failure(bad, .invalidRequest)
    }

    @Test("starts are spread over each domain: an interval uniformly, a bound log-uniformly, ℝ around the estimate")
    func startPlacement() {
        #expect(MultiStart.place(0.25, lower: 0, upper: 1, centre: 0.5, se: nil) == 0.25)
        #expect(close(MultiStart.place(1, lower: 0, upper: nil, centre: 2, se: nil), 200, 1e-14))
        #expect(close(MultiStart.place(0, lower: 0, upper: nil, centre: 2, se: nil), 0.02, 1e-14))
        // R = max(10·|θ̂|, 20·se, 1) = max(10, 4, 1) = 10 about θ̂ = 1.
        #expect(close(MultiStart.place(1, lower: nil, upper: nil, centre: 1, se: 0.2), 11, 1e-14))
    }

    @Test("more than 50 parameters are not profiled unless asked; a profile curve can be evaluated anywhere")
    func manyParameters() throws {
        // 51 Poisson rates, one count each (λ̂ᵢ = yᵢ in closed form).
        var b = Builder()
        for i in 0..<51 {
            let lambda = b.param("λ\(i)", lower: 0)
            b.term(Poisson(), b.store.constant(Double(i % 5 + 1)), [lambda], rows: 1, "y ~ Poisson(λ)")
        }
        let model = try b.model()
        let automatic = try Fitter.fit(FitProblem(model: model))
        #expect(automatic.profiles.isEmpty && automatic.profileNote?.contains("up to 50") == true)
        // (`.all` profiles them anyway: 51 profiles of ~20 restricted fits each, too slow for a unit test.)
        // 3 heads in 5: 2(ℓ̂ − ℓ(p)) with ℓ(p) = 3 log p + 2 log(1 − p) at each point of the curve.
        let coin = try Fitter.fit(FitProblem(model: FittingTests().coin(heads: 3, flips: 5)))
        let curve = try Fitter.profileCurve(coin, slot: 0, at: [0.9, 0.2, 0.5])
        #expect(curve.map(\.value) == [0.2, 0.5, 0.9])
        let l = { (p: Double) in 3 * log(p) + 2 * log(1 - p) }
        for p in curve {
            #expect(abs(p.signedRoot * p.signedRoot - 2 * (l(0.6) - l(p.value))) < 1e-12)
            #expect((p.signedRoot < 0) == (p.value < 0.6))
        }
    }
}
