import Foundation
import LinearAlgebra
import Testing

@testable import Fitting
import Solvers
@testable import Model
@testable import Symbolic

/// Existence and boundary checks after an iterative fit (ExistenceCheck's ray test,
/// BoundaryCheck), the data-scale check, and least squares on badly scaled designs.
/// Each pathological model must end in the error naming the cause (and the parameter and
/// edge involved), never in a number with a huge standard error; each well-posed model
/// next to it must still fit (no false alarm).
struct ExistenceTests {
    typealias Builder = FittingTests.Builder

    /// The error the fit throws, or nil if it succeeds.
    func failure(_ model: StatisticalModel) -> FitError? {
        do {
            _ = try Fitter.fit(FitProblem(model: model))
            return nil
        } catch let e as FitError {
            return e
        } catch {
            return FitError(.internal, "\(error)")
        }
    }

    /// y ~ Poisson(exp(a + Σⱼ bⱼ·gⱼ)).
    func poissonGroups(_ y: [Double], _ groups: [[Double]]) throws -> StatisticalModel {
        var b = Builder()
        let a = b.param("a")
        var eta = a
        for (j, g) in groups.enumerated() { eta = eta + b.param("b\(j + 1)") * b.column("g\(j + 1)", g) }
        b.term(Poisson(), b.column("y", y), [exp(eta)], rows: y.count, "y ~ Poisson(exp(…))")
        return try b.model()
    }

    @Test("a model with no params: 'fit' evaluates ℓ at the data (it printed ℓ = nan)")
    func nothingToFit() throws {
        var b = Builder()
        let y = b.column("y", [1, 2, 3])
        b.term(Poisson(), y, [y], rows: 3, "y ~ Poisson(y)")
        let outcome = try Fitter.fit(FitProblem(model: b.model()))
        // Σ (y·log y − y − log y!) = (−1) + (2·log 2 − 2 − log 2) + (3·log 3 − 3 − log 6), by hand.
        let exact = -1 + (2 * log(2.0) - 2 - log(2.0)) + (3 * log(3.0) - 3 - log(6.0))
        #expect(abs(outcome.logLikelihood - exact) < 1e-13)
        #expect(outcome.estimate.isEmpty)
        #expect(outcome.plan.method == FittingMessage.nothingToFitTitle)
    }

    @Test("Poisson(exp(b)) with every y = 0: b̂ = −∞, said so (it was b̂ = −41 with SE 4e8)")
    func poissonAllZero() throws {
        var b = Builder()
        let beta = b.param("b")
        b.term(Poisson(), b.column("y", [0, 0, 0]), [exp(beta)], rows: 3, "y ~ Poisson(exp(b))")
        let e = try #require(failure(b.model()))
        #expect(e.kind == .unbounded)
        #expect(e.message.hasPrefix("the maximum likelihood estimate does not exist: ℓ keeps increasing as b → −∞"))
        // ℓ(b) = −3eᵇ rises to its supremum 0.
        #expect(e.message.contains("towards ℓ = 0,"))
    }

    @Test("Poisson with one group of all-zero counts among three: that group's effect alone runs off")
    func poissonZeroGroup() throws {
        let y: [Double] = [3, 5, 4, 2, 6, 1, 0, 0, 0]
        let g2: [Double] = [0, 0, 0, 1, 1, 1, 0, 0, 0]
        let g3: [Double] = [0, 0, 0, 0, 0, 0, 1, 1, 1]
        let e = try #require(failure(poissonGroups(y, [g2, g3])))
        #expect(e.kind == .unbounded)
        #expect(e.message.contains("as b2 → −∞ towards"))
        #expect(!e.message.contains("a → ") && !e.message.contains("b1 → "))
        // The same groups with one count in the third: a finite MLE, log of each group's mean.
        let fitted = try Fitter.fit(FitProblem(model: poissonGroups([3, 5, 4, 2, 6, 1, 0, 1, 0], [g2, g3])))
        #expect(abs(fitted.estimate[0] - log(4)) < 1e-9)
        #expect(abs(fitted.estimate[1] - log(3.0 / 4)) < 1e-9)
        #expect(abs(fitted.estimate[2] - log(1.0 / 12)) < 1e-9)
    }

    @Test("any model whose ℓ keeps rising: Normal(exp(exp(exp(μ))), 1) below e has μ̂ = −∞")
    func nestedExponentials() throws {
        var b = Builder()
        let mu = b.param("μ")
        b.term(Normal(), b.column("y", [0.5, 0.7, 0.2]), [exp(exp(exp(mu))), b.store.one], rows: 3, "y ~ …")
        let e = try #require(failure(b.model()))
        #expect(e.message.contains("as μ → −∞"))
        // Supremum: −Σ(y − e)²/2 − 3·log √(2π).
        let supremum = -[0.5, 0.7, 0.2].reduce(0) { $0 + ($1 - M_E) * ($1 - M_E) } / 2 - 3 * 0.5 * log(2 * Double.pi)
        #expect(e.message.contains("towards ℓ = \(FittingMessage.number(supremum))"))
    }

    @Test("the same with each method named: Levenberg–Marquardt, L-BFGS and Newton all say μ → −∞")
    func nestedExponentialsEachMethod() throws {
        for kind in [FitMethodKind.lm, .lbfgs, .newton] {
            var b = Builder()
            let mu = b.param("μ")
            b.term(Normal(), b.column("y", [0.5, 0.7, 0.2]), [exp(exp(exp(mu))), b.store.one], rows: 3, "y ~ …")
            let problem = FitProblem(model: try b.model(), request: .named(kind, options: [:]))
            do {
                _ = try Fitter.fit(problem)
                Issue.record("\(kind) fitted a model whose MLE is at μ = −∞")
            } catch let e as FitError {
                #expect(e.message.contains("as μ → −∞"), "\(kind): \(e.message)")
            }
        }
    }

    @Test("a well-determined fit with a very flat likelihood is not mistaken for one at infinity")
    func flatButFinite() throws {
        // Poisson(exp(b)) with one event in three: b̂ = log(1/3), se = 1/√(3·e^b̂) = 1.
        var b = Builder()
        let beta = b.param("b")
        b.term(Poisson(), b.column("y", [0, 0, 1]), [exp(beta)], rows: 3, "y ~ Poisson(exp(b))")
        let outcome = try Fitter.fit(FitProblem(model: b.model()))
        #expect(abs(outcome.estimate[0] - log(1.0 / 3)) < 1e-9)
        #expect(abs((outcome.standardError(slot: 0) ?? 0) - 1) < 1e-7)
        // Normal data with a spread of 10⁶ about 10⁹: σ̂ the population sd, through Newton.
        var c = Builder()
        let mu = c.param("μ")
        let sigma = c.param("σ", lower: 0)
        let ys = [1e9, 1e9 + 2e6, 1e9 - 1e6, 1e9 + 5e5]
        c.term(Normal(), c.column("y", ys), [mu * 1, sigma], rows: 4, "y ~ Normal(μ, σ)")
        let fitted = try Fitter.fit(FitProblem(model: c.model(), request: .named(.newton, options: [:])))
        let mean = ys.reduce(0, +) / 4
        #expect(abs(fitted.estimate[0] / mean - 1) < 1e-9)
    }

    @Test("p·q with every y = 1: both on the boundary (p̂ = q̂ = 1), noted, no standard errors")
    func boundaryProduct() throws {
        var b = Builder()
        let p = b.param("p", lower: 0, upper: 1)
        let q = b.param("q", lower: 0, upper: 1)
        b.term(Bernoulli(), b.column("y", [1, 1, 1]), [p * q], rows: 3, "y ~ Bernoulli(p * q)")
        let outcome = try Fitter.fit(FitProblem(model: b.model()))
        #expect(outcome.estimate == [1, 1])
        #expect(outcome.boundary.keys.sorted() == [0, 1])
    }

    @Test("a Gamma on one value: ℓ grows without bound as α and β → ∞ together; both named")
    func gammaOneValue() throws {
        var b = Builder()
        let alpha = b.param("α", lower: 0)
        let beta = b.param("β", lower: 0)
        b.term(GammaDistribution(), b.column("y", [2.5]), [alpha, beta], rows: 1, "y ~ Gamma(α, β)")
        let e = try #require(failure(b.model()))
        #expect(e.kind == .unbounded)
        #expect(e.message.contains("as α → ∞ and β → ∞"))
        #expect(!e.message.contains("with a Normal"))
    }

    @Test("an Exponential rate on all-zero waiting times: λ̂ = n/0, unbounded, no Normal hint")
    func exponentialZeros() throws {
        var b = Builder()
        let lambda = b.param("λ", lower: 0)
        b.term(Exponential(), b.column("x", [0, 0, 0]), [lambda], rows: 3, "x ~ Exponential(λ)")
        let e = try #require(failure(b.model()))
        #expect(e.kind == .unbounded)
        #expect(e.message.contains("λ → ∞") && !e.message.contains("with a Normal"))
    }

    @Test("Binomial logistic with complete separation (0 of 10, then 10 of 10): no MLE")
    func binomialSeparation() throws {
        var b = Builder()
        let a = b.param("a")
        let slope = b.param("b")
        let x = b.column("x", [0, 1])
        let n = b.column("N", [10, 10])
        b.term(Binomial(), b.column("k", [0, 10]), [n, sigmoid(a + slope * x)], rows: 2, "k ~ Binomial(…)")
        let e = try #require(failure(b.model()))
        #expect(e.kind == .separation)
    }

    @Test("Bernoulli quasi-separation in three predictors: no MLE")
    func quasiSeparationThreePredictors() throws {
        var b = Builder()
        let w = (1...3).map { b.param("w\($0)") }
        let x1 = b.column("x1", [0, 1, 2, 3, 3, 4, 5])
        let x2 = b.column("x2", [1, 0, 1, 0, 1, 0, 1])
        let y = b.column("y", [0, 0, 0, 0, 1, 1, 1])
        b.term(Bernoulli(), y, [sigmoid(w[0] + w[1] * x1 + w[2] * x2)], rows: 7, "y ~ Bernoulli(…)")
        let e = try #require(failure(b.model()))
        #expect(e.kind == .separation || e.kind == .unbounded)
        #expect(e.message.contains("does not exist"))
    }

    @Test("least squares on x = 10⁶ + [0, .5, 1, 1.5, 2] is full rank, with the exact answer")
    func regressionOnAnOffset() throws {
        var b = Builder()
        let a = b.param("a")
        let slope = b.param("b")
        let sigma = b.param("σ", lower: 0)
        let x = b.column("x", [1e6, 1e6 + 0.5, 1e6 + 1, 1e6 + 1.5, 1e6 + 2])
        let y = b.column("y", [1.1, 1.9, 3.2, 3.9, 5.1])
        b.term(Normal(), y, [a + slope * x, sigma], rows: 5, "y ~ Normal(a + b * x, σ)")
        let outcome = try Fitter.fit(FitProblem(model: b.model()))
        #expect(outcome.plan.method == FittingMessage.leastSquaresTitle)
        // t = x − (10⁶ + 1) = [−1, −.5, 0, .5, 1]: Stt = 2.5, Sty = 5, b̂ = 2, ȳ = 3.04,
        // â = ȳ − b̂·(10⁶ + 1) = −1999998.96, RSS = Σ(y − ȳ − 2t)² = 0.072, σ̂ = √(RSS/5) = 0.12;
        // se(b̂) = σ̂/√Stt, se(â) = σ̂·√(1/5 + (10⁶ + 1)²/Stt). Conditioning of the centred
        // problem is ≈ 1, so the digits are those of the data: 1e-9 relative.
        let rel = { (u: Double, v: Double) in abs(u - v) <= 1e-9 * abs(v) }
        #expect(rel(outcome.estimate[1], 2))
        #expect(rel(outcome.estimate[0], -1_999_998.96))
        #expect(rel(outcome.estimate[2], 0.12))
        #expect(rel(outcome.standardError(slot: 1) ?? 0, 0.12 / 2.5.squareRoot()))
        #expect(rel(outcome.standardError(slot: 0) ?? 0, 0.12 * (0.2 + 1_000_001.0 * 1_000_001.0 / 2.5).squareRoot()))
    }

    @Test("data whose squares leave the doubles' range (1e200, or all near 1e-200) are refused, named")
    func dataOutOfScale() throws {
        for (values, large) in [([1e200, 2e200, 3e200], true), ([1e-200, 2e-200, 3e-200], false)] {
            var b = Builder()
            let mu = b.param("μ")
            let sigma = b.param("σ", lower: 0)
            b.term(Normal(), b.column("y", values), [mu * 1, sigma], rows: 3, "y ~ Normal(μ, σ)")
            let e = try #require(failure(b.model()))
            #expect(e.message.hasPrefix("the values of y "))
            #expect(e.message.contains(large ? "overflow" : "underflow"))
            #expect(e.help?.contains(large ? "multiply by 1e-200" : "multiply by 1e200") == true)
        }
    }

    // MARK: - The concavity proof that spares the ray test

    /// y ~ Bernoulli(σ(a + b·x)) on `n` rows: x evenly spread over [−2, 2], y = 1 where a
    /// deterministic pseudo-random draw falls below σ(0.3 + 0.8x) (a well-determined fit).
    func logistic(rows n: Int) throws -> StatisticalModel {
        var b = Builder()
        let a = b.param("a")
        let slope = b.param("b")
        let xs = (0..<n).map { -2 + 4 * Double($0) / Double(max(1, n - 1)) }
        let ys = xs.enumerated().map { i, x in
            let u = (Double(i) * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1)
            return u < 1 / (1 + exp(-(0.3 + 0.8 * x))) ? 1.0 : 0.0
        }
        let x = b.column("x", xs)
        b.term(Bernoulli(), b.column("y", ys), [(a + slope * x).apply(.sigmoid)], rows: n, "y ~ Bernoulli(σ(a + b·x))")
        return try b.model()
    }

    /// The objective and converged trust-region Newton result of `model` from its start.
    func converged(_ model: StatisticalModel) -> (UnconstrainedObjective, SolverResult) {
        let objective = UnconstrainedObjective(inner: ModelObjective(model: model, withPrior: false))
        return (objective, TrustRegionNewton().maximize(objective, from: objective.start))
    }

    @Test("a logistic regression on 2,000 rows: its maximum is proved to exist, and the fit reads ℓ alone (order 0) never")
    func concaveProof() throws {
        let model = try logistic(rows: 2000)
        let (objective, result) = converged(model)
        #expect(result.status == .converged)
        #expect(ConcaveExistence.proves(objective, result))
        // The ray test, which the proof replaces, agrees.
        #expect(ExistenceCheck.runOff(objective, start: objective.start, result: result) == nil)
        let fresh = try logistic(rows: 2000)
        _ = try Fitter.fit(FitProblem(model: fresh))
        #expect(fresh.likelihood.counters.snapshot.rowPasses[0] == 0)
    }

    @Test("no proof where it does not apply: the MLE at infinity, a mean not affine in the params, a constrained param")
    func noConcaveProof() throws {
        // Poisson(exp(b)) with every y = 0: the solver stops where the information has vanished.
        var b = Builder()
        let beta = b.param("b")
        b.term(Poisson(), b.column("y", [0, 0, 0]), [exp(beta)], rows: 3, "y ~ Poisson(exp(b))")
        let (atInfinity, stopped) = converged(try b.model())
        #expect(!ConcaveExistence.proves(atInfinity, stopped))
        // t = a·c·x is not affine in (a, c).
        var n = Builder()
        let a = n.param("a")
        let c = n.param("c")
        let x = n.column("x", [1, 2, 3, 4, 5, 6])
        n.term(Poisson(), n.column("k", [1, 3, 2, 6, 8, 9]), [exp(a * c * x)], rows: 6, "k ~ Poisson(exp(a·c·x))")
        let (product, productResult) = converged(try n.model())
        #expect(!ConcaveExistence.proves(product, productResult))
        // λ > 0 is fitted as log λ: ℓ in the coordinate is not the canonical form.
        var r = Builder()
        let lambda = r.param("λ", lower: 0)
        r.term(Poisson(), r.column("k", [1, 3, 2, 6]), [lambda], rows: 4, "k ~ Poisson(λ)")
        let (rate, rateResult) = converged(try r.model())
        #expect(!ConcaveExistence.proves(rate, rateResult))
    }

    @Test("the proof needs the information to outweigh the design: on 6 rows δ exceeds 1 and the ray test runs")
    func concaveProofNeedsInformation() throws {
        let model = try logistic(rows: 6)
        let (objective, result) = converged(model)
        #expect(result.status == .converged)
        #expect(!ConcaveExistence.proves(objective, result))
    }
}
