import Checker
import Diagnostics
import Testing

/// fit (methods and options), show, derive, assert, and the calls that read a fit.
@Suite struct StatementTests {
    typealias F = CheckerFixture

    @Test func fitMethods() {
        #expect(
            F.check(F.model + "fit using newtn") == ["4:11: unknown fitting method 'newtn' [did you mean 'newton'?]"])
        #expect(
            F.check(F.model + "fit using foo") == [
                "4:11: unknown fitting method 'foo' [the methods are closed, newton, lm, lbfgs, gradient(lr: …, steps: …) and em(tol: …, steps: …, starts: …, seed: …)]"
            ])
        for method in ["closed", "newton", "closed()", "gradient(lr: 0.01, steps: 500)"] {
            #expect(F.check(F.model + "fit using \(method)").isEmpty, "\(method)")
        }
    }

    @Test func fitOptions() {
        #expect(
            F.check(F.model + "fit using gradient(lr: 0.1, steps: 10, tol: 1)") == [
                "4:40: 'gradient' has no option 'tol' [its options are lr, steps]"
            ])
        #expect(
            F.check(F.model + "fit using closed(steps: 10)") == [
                "4:18: 'closed' has no option 'steps' ['closed' takes no options]"
            ])
        #expect(
            F.check(F.model + "fit using gradient(0.1, steps: 10)") == [
                "4:20: options of 'gradient' are named, e.g. lr: 0.01",
                "4:11: gradient ascent needs 'lr:' [write: fit using gradient(lr: 0.01, steps: 500)]",
            ])
        #expect(
            F.check(F.model + "fit using gradient(lr: 0.1)") == [
                "4:11: gradient ascent needs 'steps:' [write: fit using gradient(lr: 0.01, steps: 500)]"
            ])
        #expect(
            F.check(F.model + "fit using gradient") == [
                "4:11: gradient ascent needs 'lr:' [write: fit using gradient(lr: 0.01, steps: 500)]",
                "4:11: gradient ascent needs 'steps:' [write: fit using gradient(lr: 0.01, steps: 500)]",
            ])
        #expect(
            F.check(F.model + "fit using gradient(lr: [1, 2], steps: μ)") == [
                "4:24: 'lr' must be a number, but it is a vector of 2",
                "4:39: an option cannot depend on param 'μ'",
            ])
    }

    @Test func whichModelToFit() {
        #expect(F.check("fit") == ["1:1: there is no model to fit [state one first, e.g. 'model y ~ Normal(μ, σ)']"])
        #expect(F.check(F.model + "fit nosuch") == ["4:5: there is no model named 'nosuch'"])
        #expect(
            F.check("data y = [1, 2]\nparam μ\nmodel m1: y ~ Normal(μ, 1)\nfit m2") == [
                "4:5: there is no model named 'm2' [did you mean 'm1'?]"
            ])
        #expect(F.check(F.model + "fit y") == ["4:5: 'y' is data, not a model"])
        #expect(F.check(F.model + "fit\nfit").isEmpty)
        #expect(F.environment(F.model + "fit").hasFit)
    }

    /// A `fit` with no model has no place in the file to point at.
    @Test func fitWithoutAModelPointsAtTheFit() {
        #expect(F.diagnostics("data y = [1]\nfit").first?.span?.position == "2:1")

    }

    @Test func showAndDerive() {
        #expect(F.check(F.model + "show logilk") == ["4:6: cannot show 'logilk' [did you mean 'loglik'?]"])
        #expect(
            F.check(F.model + "show foo") == [
                "4:6: cannot show 'foo' [you can show loglik, score, hessian, stats, tape, model, params, plan, em]"
            ])
        for target in ["loglik", "score", "hessian", "stats", "tape", "model", "params", "plan", "em"] {
            #expect(F.check(F.model + "show \(target)").isEmpty, "\(target)")
        }
        #expect(F.check(F.model + "show stats y") == ["4:12: 'y' is data, not a model"])
        #expect(F.check("derive nosuch") == ["1:8: there is no model named 'nosuch'"])
        #expect(F.check(F.model + "derive").isEmpty)
    }

    @Test func asserts() {
        #expect(F.check("assert 1 within 2") == ["1:17: 'within' goes with '≈': write 'assert a ≈ b within t'"])
        #expect(F.check("assert 1 < 2 within 2") == ["1:21: 'within' goes with '≈': write 'assert a ≈ b within t'"])
        #expect(F.check("assert \"a\"") == ["1:8: an assert needs a condition, such as 'x ≈ 3' or 'x > 0'"])
        #expect(F.check("assert 1 ≈ 1 within -1") == ["1:21: a tolerance must be ≥ 0, but it is -1"])
        #expect(
            F.check("assert 1 ≈ 1 within [1, 2]") == ["1:21: a tolerance must be a number, but it is a vector of 2"])
        #expect(F.check("param p\nassert 1 ≈ 1 within p") == ["2:21: a tolerance cannot depend on param 'p'"])
        #expect(F.check("assert 1 ≈ 1 within 0\nassert 1 ≈ 1 ± 0.5\nassert 1 < 2\nassert [1, 2] ≈ [1, 2]").isEmpty)
        #expect(
            F.check("assert [1, 2] ≈ [1, 2, 3]") == [
                "1:8: shapes do not match: a vector of 2 and a vector of 3 [element-wise operations need equal shapes, or a number on one side]"
            ])
    }

    @Test func sampleCalls() {
        #expect(F.check("data s = sample(Normal(5, 2), 200, seed: 42)").isEmpty)
        #expect(
            F.check("print sample(1, 2)") == [
                "1:14: sample() draws from a distribution such as Normal(0, 1), but this is a number"
            ])
        #expect(
            F.check("print sample(Normal(0, 1), 2, 3, 4)") == [
                "1:7: sample() takes a distribution and a count: sample(Normal(0, 1), 100, seed: 1)"
            ])
        #expect(
            F.check("print sample(Normal(0, 1), -1)") == ["1:28: a sample size is a whole number ≥ 0, but it is -1"])
        #expect(
            F.check("print sample(Normal(0, 1), 1.5)") == ["1:28: a sample size is a whole number ≥ 0, but it is 1.5"])
        #expect(
            F.check("print sample(Normal(0, 1), 2, sed: 1)") == [
                "1:31: sample() has no option 'sed' [its option is seed:]"
            ])
        #expect(
            F.check("param p\nprint sample(Normal(p, 1), 2)") == [
                "2:21: a sampled distribution cannot depend on param 'p'"
            ])
        #expect(
            F.check("print sample(Normal(0, 1), 2, seed: [1, 2])") == [
                "1:37: a seed must be a number, but it is a vector of 2"
            ])
    }

    @Test func standardErrors() {
        #expect(F.check(F.model + "fit\nprint se(μ), se(2 * μ)").isEmpty)
        #expect(
            F.check(F.model + "print se(μ)") == [
                "4:7: se() has a value only after 'fit' [add a 'fit' statement before this line]"
            ])
        #expect(
            F.check(F.model + "fit\nprint se(1)") == [
                "5:10: se() needs a param or a formula in params; this does not depend on any"
            ])
        #expect(
            F.check(F.model + "fit\nprint se(μ, μ)") == [
                "5:7: se() takes one param (or a formula in params), e.g. se(p)"
            ])
        #expect(
            F.check(F.model + "fit\nprint se(\"a\")") == [
                "5:10: se() needs a param or a formula in params; this does not depend on any",
                "5:10: se() takes a number or a vector, but this is a string",
            ])
    }

    @Test func valuesAtAPoint() {
        #expect(F.check(F.model + "print loglik(μ: 1), score(μ: 1), hessian(μ: 1)").isEmpty)
        #expect(
            F.check(F.model + "print loglik()") == [
                "4:7: loglik() needs a point, e.g. loglik(μ: 0.5), or a 'fit' before it"
            ])
        #expect(F.check(F.model + "fit\nprint loglik()").isEmpty)
        #expect(
            F.check("print loglik(p: 1)") == [
                "1:7: there is no model to evaluate [state one first, e.g. 'model y ~ Normal(μ, σ)']",
                "1:14: 'p' is not a param of the model",
            ])
        #expect(
            F.check(F.model + "print loglik(1)") == [
                "4:14: give the point by name, e.g. loglik(μ: 0.5)",
                "4:7: loglik() needs a value for param 'μ'",
            ])
        #expect(F.check(F.model + "print score(μ: 1, μ: 2)") == ["4:19: 'μ' is given twice"])
        #expect(
            F.check(F.model + "print loglik(μ: [1, 2])") == ["4:17: param 'μ' is a number, but this is a vector of 2"])
        #expect(
            F.check("data y = [1, 2]\nparam μ\nparam σ > 0\nmodel y ~ Normal(μ, σ)\nprint loglik(μ: 1)") == [
                "5:7: loglik() needs a value for param 'σ'"
            ])
        let w = "data y = [1, 2]\nparam w: vector[2]\nmodel y ~ Normal(w[1], w[2]^2)\n"
        #expect(F.check(w + "print hessian(w: [1, 2, 3])") == ["4:18: param 'w' has 2 components, but 3 were given"])
        #expect(F.check(w + "print hessian(w: 1)") == ["4:18: param 'w' is a vector; give it as [a, b, ...]"])
    }
}
