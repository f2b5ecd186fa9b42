import Checker
import Diagnostics
import Testing

/// compare, profile() and pvalue(): what the checker settles before anything runs.
@Suite struct InferenceCheckTests {
    typealias F = CheckerFixture
    static let two =
        "data y = [1, 2, 4]\nparam μ\nparam σ > 0\nmodel m1: y ~ Normal(μ, σ)\nmodel m2: y ~ Normal(μ, 1)\n"

    @Test func compareNeedsFittedModels() {
        #expect(F.check(InferenceCheckTests.two + "fit m1\nfit m2\ncompare m1, m2").isEmpty)
        #expect(
            F.check(InferenceCheckTests.two + "fit m1\ncompare m1, m2") == [
                "7:13: model 'm2' has not been fitted, and compare reads the models' fits [add 'fit m2' before this line]"
            ])
        #expect(
            F.check(InferenceCheckTests.two + "fit m1\ncompare m1") == [
                "7:1: compare needs two or more fitted models [name them: compare m0, m1]"
            ])
        #expect(
            F.check(InferenceCheckTests.two + "fit m1\nfit m2\ncompare m1, m1, m2") == ["8:13: 'm1' is given twice"])
        #expect(
            F.check(InferenceCheckTests.two + "fit m1\nfit m2\ncompare m1, y") == ["8:13: 'y' is data, not a model"])
    }

    @Test func profileTakesAParamAndALevel() {
        let fitted = InferenceCheckTests.two + "fit m1\n"
        #expect(F.check(fitted + "print profile(μ), profile(σ, level: 0.99), profile(m1.μ), pvalue(μ)").isEmpty)
        #expect(
            F.check(fitted + "print profile(μ, level: 1.5)") == [
                "7:25: a confidence level must be between 0 and 1 (exclusive), but it is 1.5"
            ])
        #expect(
            F.check(fitted + "print profile(μ, at: 2)") == [
                "7:18: profile() has no option 'at' [its option is 'level:', a confidence level between 0 and 1 (default 0.95)]"
            ])
        #expect(
            F.check(fitted + "print profile(2 * μ)") == [
                "7:15: profile() needs a param or a component of one (b1, w[2], m1.b1); a formula has no profile of its own"
            ])
        #expect(
            F.check(InferenceCheckTests.two + "print profile(μ)") == [
                "6:7: 'profile' has a value only after 'fit' [add a 'fit' statement before this line]"
            ])
    }
}
