import Foundation
import Inference
import Testing

@testable import Fitting
@testable import Model
@testable import Symbolic

/// Nesting decided from the likelihood terms, and the expected information, through the
/// Fitting stage's API (models built in the IR directly).
struct ComparisonTests {
    typealias Builder = FittingTests.Builder

    func close(_ a: Double, _ b: Double, _ relative: Double) -> Bool { abs(a - b) <= relative * max(1, abs(b)) }

    let x = [1.0, 2, 3, 4, 5, 6, 7, 8]
    let y = [0.0, 0, 1, 0, 1, 0, 1, 1]

    /// y ~ Bernoulli(σ(linear)), the linear part made from params named `names` by `body`.
    func logistic(_ names: [String], response: [Double]? = nil, _ body: ([Expr], Expr) -> Expr) throws -> FitOutcome {
        var b = Builder()
        let params = names.map { b.param($0) }
        let column = b.column("x", x)
        let yy = b.column("y", response ?? y)
        b.term(Bernoulli(), yy, [body(params, column).apply(.sigmoid)], rows: x.count, "y ~ Bernoulli(σ(…))")
        return try Fitter.fit(FitProblem(model: b.model()))
    }

    @Test("an intercept-only logistic model is nested in the one with a slope, whatever the params are called")
    func nested() throws {
        let small = try logistic(["a"]) { p, _ in p[0] }
        let large = try logistic(["b0", "b1"]) { p, x in p[0] + p[1] * x }
        #expect(
            Nesting.relation(small, large)
                == .nested(restricted: 0, degreesOfFreedom: 1, boundary: 0, fixedAt: ["b1 = 0"]))
        #expect(
            Nesting.relation(large, small)
                == .nested(restricted: 1, degreesOfFreedom: 1, boundary: 0, fixedAt: ["b1 = 0"]))
        // The same model with other names is a reparametrisation, not a nesting.
        let again = try logistic(["c0", "c1"]) { p, x in p[0] + p[1] * x }
        #expect(Nesting.relation(large, again) == .equivalent)
    }

    @Test("a slope in x and a slope in x² are not nested; different responses or rows are different data")
    func notNested() throws {
        let linear = try logistic(["b0", "b1"]) { p, x in p[0] + p[1] * x }
        let square = try logistic(["c0", "c1"]) { p, x in p[0] + p[1] * x * x }
        guard case .notNested(let why) = Nesting.relation(linear, square) else {
            Issue.record("expected not nested")
            return
        }
        #expect(why.contains("neither is a special case"))
        let other = try logistic(["b0", "b1"], response: [1, 0, 1, 0, 1, 0, 1, 1]) { p, x in p[0] + p[1] * x }
        guard case .differentData(let reason) = Nesting.relation(linear, other) else {
            Issue.record("expected different data")
            return
        }
        #expect(reason.contains("no term of"))
        let coin = try Fitter.fit(FitProblem(model: FittingTests().coin(heads: 3, flips: 5)))
        guard case .differentData(let rows) = Nesting.relation(linear, coin) else {
            Issue.record("expected different data")
            return
        }
        #expect(rows.contains("8 rows") && rows.contains("5"))
    }

    @Test("the Exponential is the Gamma with shape 1: nested, at an interior value, so plain χ²(1)")
    func specialCase() throws {
        let xs = [0.3, 1.9, 0.7, 2.4, 0.2, 1.1, 3.5, 0.9]
        var e = Builder()
        let rate = e.param("λ", lower: 0)
        e.term(Exponential(), e.column("x", xs), [rate], rows: xs.count, "x ~ Exponential(λ)")
        var g = Builder()
        let shape = g.param("α", lower: 0)
        let grate = g.param("β", lower: 0)
        g.term(GammaDistribution(), g.column("x", xs), [shape, grate], rows: xs.count, "x ~ Gamma(α, β)")
        let small = try Fitter.fit(FitProblem(model: e.model()))
        let large = try Fitter.fit(FitProblem(model: g.model()))
        guard case .nested(0, 1, 0, let fixed) = Nesting.relation(small, large) else {
            Issue.record("expected the Exponential nested in the Gamma, got \(Nesting.relation(small, large))")
            return
        }
        #expect(fixed == ["α = 1"])
    }

    @Test(
        "the expected information of a canonical-link model equals the observed; a nonlinear mean's does not (BoxBOD)")
    func expectedInformation() throws {
        let outcome = try logistic(["b0", "b1"]) { p, x in p[0] + p[1] * x }
        let expected = try #require(outcome.model.expectedInformation(at: outcome.estimate))
        let observed = try #require(outcome.information)
        for i in 0..<4 {
            #expect(abs(expected.elements[i] - observed.elements[i]) <= 1e-12 * abs(observed.elements[0]))
        }
        #expect(outcome.expectedStandardErrors == nil)

        // NIST BoxBOD by maximum likelihood (inference.py boxbod.*: analytic derivatives in numpy).
        var b = Builder()
        b.entries.append(.init(name: "b1", offset: 0, length: nil, lower: nil, upper: nil, start: [100]))
        b.entries.append(.init(name: "b2", offset: 1, length: nil, lower: nil, upper: nil, start: [0.75]))
        b.entries.append(.init(name: "σ", offset: 2, length: nil, lower: 0, upper: nil, start: [10]))
        let (b1, b2, s) = (b.store.symbol(.parameter(0)), b.store.symbol(.parameter(1)), b.store.symbol(.parameter(2)))
        b.store.positive.insert(.parameter(2))
        let bx = b.column("x", [1, 2, 3, 5, 7, 10])
        let by = b.column("y", [109, 149, 149, 191, 213, 224])
        b.term(Normal(), by, [b1 * (1 - exp(-b2 * bx)), s], rows: 6, "y ~ Normal(b1(1 − exp(−b2 x)), σ)")
        let bod = try Fitter.fit(FitProblem(model: b.model()))
        // The MLE converges to ~1e-13 relative; the standard errors follow to ~1e-11.
        #expect(close(bod.standardError(slot: 0) ?? .nan, 10.789623111550375, 1e-10))
        let ses = try #require(bod.expectedStandardErrors)
        #expect(close(ses[0] ?? .nan, 10.087419400587567, 1e-10))
        #expect(close(ses[1] ?? .nan, 0.08537282728258246, 1e-10))
        #expect(close(ses[2] ?? .nan, 4.027697295939208, 1e-10))
    }
}
