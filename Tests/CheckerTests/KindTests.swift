import Checker
import Diagnostics
import Testing

/// Kinds: data, params, lets and models each go only where they make sense.
@Suite struct KindTests {
    typealias F = CheckerFixture

    @Test func dataCannotDependOnAParam() {
        let help = "data is fixed before fitting; use 'let y = ...' for a formula in params"
        #expect(F.check("param p\ndata y = p + 1") == ["2:10: data 'y' cannot depend on param 'p' [\(help)]"])
        // Also through a let, pointing at the let's name where it is used.
        #expect(
            F.check("param p\nlet q = p * 2\ndata z = 1 + q") == [
                "3:14: data 'z' cannot depend on param 'p' [data is fixed before fitting; use 'let z = ...' for a formula in params]"
            ])
        // A let may use params.
        #expect(F.check("param p\nlet q = p * 2").isEmpty)
    }

    @Test func aParamCannotBeOnTheLeftOfTilde() {
        #expect(
            F.check("param p\nmodel p ~ Normal(0, 1)") == [
                "2:7: the left of '~' must be data, but 'p' is a param [to give a param a prior, write 'prior p ~ ...']"
            ])
        #expect(
            F.check("data y = [1]\nparam p\nmodel y - p ~ Normal(0, 1)") == [
                "3:11: the left of '~' must be data, but 'p' is a param [to give a param a prior, write 'prior p ~ ...']"
            ])
    }

    @Test func aPriorGoesOnAParam() {
        #expect(
            F.check("data y = [1, 2]\nprior y ~ Normal(0, 1)") == ["2:7: a prior is put on a param, but 'y' is data"])
        #expect(F.check("let k = 1\nprior k ~ Normal(0, 1)") == ["2:7: a prior is put on a param, but 'k' is a let"])
        #expect(F.check("param p\nprior q ~ Normal(0, 1)") == ["2:7: undefined name 'q'"])
        #expect(F.check("param p\nprior p ~ Normal(0, 1)").isEmpty)
        #expect(F.check("param p\nprior p ~ Normal(p, 1)") == ["2:18: a prior's argument cannot depend on param 'p'"])
        #expect(
            F.check("param p\nprior p ~ Normal([1, 2], 1)") == [
                "2:18: a prior's argument must be a number, but it is a vector of 2"
            ])
        #expect(F.check("param p\nprior p ~ Normal(0)") == ["2:11: Normal takes 2 arguments (μ, σ), but 1 was given"])
    }

    @Test func aModelNameIsNotAValue() {
        let m = "data y = [1, 2]\nparam μ\nmodel m: y ~ Normal(μ, 1)\n"
        #expect(F.check(m + "print m + 1") == ["4:7: 'm' is a model, not a value [to fit it, write 'fit m']"])
        #expect(F.check(m + "data z = m") == ["4:10: 'm' is a model, not a value [to fit it, write 'fit m']"])
        #expect(
            F.check("data x = 1\nmodel x: y ~ Normal(0, 1)") == ["2:7: 'x' is data, so it cannot also name a model"])
        // Several lines may add terms to one named model.
        #expect(F.check(m + "model m: y ~ Normal(μ, 2)\nfit m").isEmpty)
    }

    @Test(arguments: ["loglik", "aic", "bic", "n"])
    func fitResultsExistOnlyAfterFit(name: String) {
        #expect(
            F.check(F.model + "print \(name)") == [
                "4:7: '\(name)' has a value only after 'fit' [add a 'fit' statement before this line]"
            ])
        #expect(F.check(F.model + "fit\nprint \(name)").isEmpty)
    }

    @Test func aScriptsOwnNameTakesPrecedenceOverAFitResult() {
        #expect(F.check("let n = 3\nprint n").isEmpty)
    }

    @Test func distributionsAreNotValues() {
        #expect(
            F.check("let n = Normal(0, 1)") == [
                "1:9: 'n' would be a Normal distribution; distributions are used in 'model', 'prior' and sample(...)"
            ])
        #expect(
            F.check("data s = Normal(0, 1)") == [
                "1:10: data 's' is a Normal distribution, not data [to draw from it, write sample(Normal(...), n, seed: 1)]"
            ])
        #expect(
            F.check("print Normal(0, 1) + 1") == [
                "1:7: a Normal distribution cannot be used in arithmetic [to draw from it, use sample(...)]"
            ])
    }

    @Test func onlyNumbersGoIntoArithmetic() {
        #expect(F.check("print 1 + \"a\"") == ["1:11: a string cannot be used in arithmetic"])
        #expect(F.check("print -\"a\"") == ["1:8: a string cannot be used in arithmetic"])
        #expect(F.check("print (1 ± 2) + 1") == ["1:7: an interval (a ± b) cannot be used in arithmetic"])
        #expect(
            F.check("print 1 ± [1, 2]") == ["1:11: the half-width of '±' must be a number, but it is a vector of 2"])
        #expect(F.check("print [1, 2] ± 1") == ["1:7: the centre of '±' must be a number, but it is a vector of 2"])
        #expect(F.check("print mean(\"a\")") == ["1:12: a string cannot be used in arithmetic"])
        #expect(F.check("print [1, \"a\"]") == ["1:11: a vector holds numbers, but element 2 is a string"])
    }
}
