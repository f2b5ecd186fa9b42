import Foundation
import LinearAlgebra
import Testing

@testable import Fitting
@testable import Model
@testable import Symbolic

/// The Fitting stage through its own API: a model built directly in the IR (no
/// language, no interpreter), then `Fitter.fit`. Each test says which method the
/// plan must pick and why, and checks the numbers against a closed form worked by
/// hand or a reference computed independently (Scripts/data/reference/scripts/fitting_tests.py).
struct FittingTests {
    /// A model under construction: params with their constraints, data columns, terms.
    struct Builder {
        let store = ExprStore()
        var entries: [ParameterLayout.Entry] = []
        var columns: [Symbol: [Double]] = [:]
        var terms: [LikelihoodTerm] = []
        var descriptions: [String] = []

        mutating func param(_ name: String, lower: Double? = nil, upper: Double? = nil) -> Expr {
            let slot = entries.reduce(0) { $0 + $1.size }
            let start = ParameterLayout.defaultStart(lower: lower, upper: upper)
            entries.append(.init(name: name, offset: slot, length: nil, lower: lower, upper: upper, start: [start]))
            let s = store.symbol(.parameter(slot), name: name)
            if let lower, lower >= 0 { store.positive.insert(.parameter(slot)) }
            return s
        }

        mutating func column(_ name: String, _ values: [Double]) -> Expr {
            let symbol = Symbol.column(columns.count)
            columns[symbol] = values
            if values.allSatisfy({ $0 > 0 }) { store.positive.insert(symbol) }
            return store.symbol(symbol, name: name)
        }

        mutating func term(_ family: any Distribution, _ y: Expr, _ args: [Expr], rows: Int, _ text: String) {
            terms.append(
                LikelihoodTerm(family: family, response: y, arguments: args, weight: nil, censored: nil, rows: rows))
            descriptions.append(text)
        }

        func model() throws -> StatisticalModel {
            let layout = ParameterLayout(entries: entries)
            let likelihood = try LogLikelihood(
                store: store, terms: terms, priors: store.zero, columns: columns, predictors: [],
                parameterCount: layout.count)
            return StatisticalModel(
                name: "m", store: store, layout: layout, terms: terms, likelihood: likelihood, priors: [],
                predictorDescriptions: [:], termDescriptions: descriptions)
        }
    }

    /// A coin with `heads` heads in `flips` flips: y ~ Bernoulli(p), p in (0, 1).
    func coin(heads: Int, flips: Int) throws -> StatisticalModel {
        var b = Builder()
        let p = b.param("p", lower: 0, upper: 1)
        let y = b.column("y", (0..<flips).map { $0 < heads ? 1 : 0 })
        b.term(Bernoulli(), y, [p], rows: flips, "y ~ Bernoulli(p)")
        return try b.model()
    }

    /// The error a fit must end with: its kind checked, returned for further checks (nil, and an
    /// issue recorded, if the fit succeeds).
    @discardableResult
    func failure(_ problem: FitProblem, _ kind: FitError.Kind) -> FitError? {
        do {
            _ = try Fitter.fit(problem)
            Issue.record("the fit succeeded; expected \(kind)")
        } catch let e as FitError {
            #expect(e.kind == kind)
            return e
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    /// Relative agreement |a − b| ≤ relative·max(1, |b|).
    func close(_ a: Double, _ b: Double, _ relative: Double) -> Bool { abs(a - b) <= relative * max(1, abs(b)) }

    @Test("the coin: the plan passes over least squares and solves the score equation, p̂ = 7/10")
    func coinClosedForm() throws {
        let outcome = try Fitter.fit(FitProblem(model: coin(heads: 7, flips: 10)))
        #expect(outcome.plan.method == FittingMessage.closedFormTitle)
        #expect(outcome.plan.refused.map(\.method) == [FittingMessage.leastSquaresTitle])
        #expect(outcome.plan.refused[0].reason.contains("not a single Normal term"))
        // p̂ = 0.7 is one division: exact to an ulp. se = √(p̂(1 − p̂)/n) = √0.021 from the 1×1 information.
        #expect(close(outcome.estimate[0], 0.7, 4e-16))
        #expect(close(outcome.standardError(slot: 0) ?? .nan, 0.021.squareRoot(), 1e-15))
        #expect(close(outcome.logLikelihood, 7 * log(0.7) + 3 * log(0.3), 1e-15))
        #expect(outcome.solution.converged && outcome.boundary.isEmpty)
    }

    @Test("a Gaussian with a constant mean: no data in the mean, so the closed form: μ̂ the mean, σ̂² = RSS/n")
    func gaussianLeastSquares() throws {
        var b = Builder()
        let mu = b.param("μ")
        let sigma = b.param("σ", lower: 0)
        let xs = [4.8, 5.2, 3.9, 6.1, 5.0]
        let x = b.column("x", xs)
        b.term(Normal(), x, [mu, sigma], rows: xs.count, "x ~ Normal(μ, σ)")
        let outcome = try Fitter.fit(FitProblem(model: b.model()))
        #expect(outcome.plan.method == FittingMessage.closedFormTitle)
        #expect(outcome.plan.refused.first?.reason.contains(FittingMessage.meanHasNoData) == true)
        let mean = xs.reduce(0, +) / 5
        let rss = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        // Sums of five numbers of order 5 and a square root: a few ulps.
        #expect(close(outcome.estimate[0], mean, 1e-14))
        #expect(close(outcome.estimate[1], (rss / 5).squareRoot(), 1e-14))
        // se(μ̂) = σ̂/√n, se(σ̂) = σ̂/√(2n) at the MLE.
        #expect(close(outcome.standardError(slot: 0) ?? .nan, (rss / 5).squareRoot() / 5.0.squareRoot(), 1e-13))
        #expect(close(outcome.standardError(slot: 1) ?? .nan, (rss / 5).squareRoot() / 10.0.squareRoot(), 1e-13))
    }

    @Test("a mean linear in its coefficients is least squares: b̂ = Sxy/Sxx = 1.1, â = ȳ − b̂x̄ = 0, σ̂² = RSS/n")
    func straightLine() throws {
        var b = Builder()
        let a = b.param("a")
        let slope = b.param("b")
        let sigma = b.param("σ", lower: 0)
        let x = b.column("x", [1, 2, 3, 4])
        let y = b.column("y", [1, 3, 2, 5])
        b.term(Normal(), y, [a + slope * x, sigma], rows: 4, "y ~ Normal(a + b*x, σ)")
        let outcome = try Fitter.fit(FitProblem(model: b.model()))
        #expect(outcome.plan.method == FittingMessage.leastSquaresTitle)
        // Worked by hand: x̄ = 2.5, ȳ = 2.75, Sxy = 5.5, Sxx = 5, RSS = 2.7. The design is
        // well conditioned (κ ≈ 7), so the QR solution is good to ~1e-15; â = 0 absolutely.
        #expect(abs(outcome.estimate[0]) < 1e-14)
        #expect(close(outcome.estimate[1], 1.1, 1e-14))
        #expect(close(outcome.estimate[2], (2.7 / 4).squareRoot(), 1e-14))
        // se(b̂) = σ̂/√Sxx at the MLE (σ̂² = RSS/n, not the unbiased RSS/(n − 2)).
        #expect(close(outcome.standardError(slot: 1) ?? .nan, (2.7 / 4 / 5).squareRoot(), 1e-13))
    }

    @Test("a logistic regression has no closed form: Newton, against numpy's Newton")
    func logisticNewton() throws {
        var b = Builder()
        let a = b.param("a")
        let beta = b.param("β")
        let x = b.column("x", [1, 2, 3, 4, 5, 6])
        let y = b.column("y", [0, 0, 1, 0, 1, 1])
        b.term(Bernoulli(), y, [sigmoid(a + beta * x)], rows: 6, "y ~ Bernoulli(sigmoid(a + β*x))")
        let outcome = try Fitter.fit(FitProblem(model: b.model()))
        #expect(outcome.plan.method == FittingMessage.newtonTitle)
        #expect(outcome.plan.refused.count == 2)
        #expect(outcome.plan.reason.hasPrefix("no closed form"))
        // Reference: fitting_tests.py. Newton stops on a decrement below 1e-16·|ℓ|, so the
        // coefficients agree to ~1e-9 relative at worst (observed ~1e-15); SEs alike.
        #expect(close(outcome.estimate[0], -4.249096550479971, 1e-9))
        #expect(close(outcome.estimate[1], 1.2140275858514202, 1e-9))
        #expect(close(outcome.standardError(slot: 0) ?? .nan, 3.3878502206095225, 1e-9))
        #expect(close(outcome.standardError(slot: 1) ?? .nan, 0.9125855598847554, 1e-9))
        #expect(close(outcome.logLikelihood, -2.4779868350496126, 1e-13))
        let report = outcome.report
        #expect(report.rows.map(\.name) == ["a", "β"])
        #expect(report.covariance?.count == 2 && report.iterations != nil)
    }

    @Test("3 heads in 3 flips: p̂ = 1 on the boundary, with no standard error")
    func boundary() throws {
        let outcome = try Fitter.fit(FitProblem(model: coin(heads: 3, flips: 3)))
        #expect(outcome.estimate[0] == 1)
        #expect(outcome.boundary[0] != nil)
        #expect(outcome.standardError(slot: 0) == nil)
        #expect(outcome.report.rows[0].note == FittingMessage.onTheBoundary)
    }

    @Test("one observation of a Normal: σ → 0 and ℓ → ∞, so the MLE does not exist")
    func unbounded() throws {
        var b = Builder()
        let mu = b.param("μ")
        let sigma = b.param("σ", lower: 0)
        b.term(Normal(), b.column("x", [2.5]), [mu, sigma], rows: 1, "x ~ Normal(μ, σ)")
        failure(FitProblem(model: try b.model()), .unbounded)
    }

    @Test("complete separation in a Binomial logistic model is named, not returned as a number")
    func binomialSeparation() throws {
        var b = Builder()
        let a = b.param("a")
        let c = b.param("b")
        let k = b.column("k", [0, 10])
        let n = b.column("N", [10, 10])
        let z = b.column("z", [0, 1])
        b.term(Binomial(), k, [n, sigmoid(a + c * z)], rows: 2, "k ~ Binomial(N, sigmoid(a + b*z))")
        let e = failure(FitProblem(model: try b.model()), .separation)
        #expect(e?.message.contains("y = N") == true)
    }

    @Test("a mean a + b with no data in it is not identifiable")
    func notIdentifiable() throws {
        var b = Builder()
        let a = b.param("a")
        let c = b.param("b")
        let sigma = b.param("σ", lower: 0)
        b.term(Normal(), b.column("y", [1, 2, 4]), [a + c, sigma], rows: 3, "y ~ Normal(a + b, σ)")
        failure(FitProblem(model: try b.model()), .notIdentifiable)
    }

    @Test("methods named by the script: closed refuses with the reasons, gradient checks its options")
    func namedMethods() throws {
        var b = Builder()
        let a = b.param("a")
        let beta = b.param("β")
        let x = b.column("x", [1, 2, 3, 4, 5, 6])
        let y = b.column("y", [0, 0, 1, 0, 1, 1])
        b.term(Bernoulli(), y, [sigmoid(a + beta * x)], rows: 6, "y ~ Bernoulli(sigmoid(a + β*x))")
        let model = try b.model()
        let closed = failure(FitProblem(model: model, request: .named(.closed, options: [:])), .invalidRequest)
        #expect(closed?.message.hasPrefix("there is no closed form") == true)
        failure(
            FitProblem(model: model, request: .named(.gradient, options: ["lr": -1, "steps": 10])), .invalidRequest)
        // Gradient ascent with a small step converges to Newton's answer (the ℓ error is
        // quadratic in the step error, so it matches first).
        var trace: [Int] = []
        var problem = FitProblem(model: model, request: .named(.gradient, options: ["lr": 0.05, "steps": 20000]))
        problem.onIteration = { trace.append($0.number) }
        let ascent = try Fitter.fit(problem)
        #expect(close(ascent.logLikelihood, -2.4779868350496126, 1e-9))
        #expect(trace.first == 0 && trace.last == 20000 && trace.count < 100)
    }
}
