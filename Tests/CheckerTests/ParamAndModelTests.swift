import Checker
import Diagnostics
import Testing

/// Params (lengths, constraints, start values) and model statements (distributions, rows, domains).
@Suite struct ParamAndModelTests {
    typealias F = CheckerFixture

    @Test func vectorLengths() {
        let whole = "a vector param's length must be a whole number ≥ 1, but it is"
        #expect(F.check("param w: vector[0]") == ["1:17: \(whole) 0"])
        #expect(F.check("param w: vector[1.5]") == ["1:17: \(whole) 1.5"])
        #expect(F.check("param w: vector[2000000]") == ["1:17: \(whole) 2000000"])
        #expect(F.check("param w: vector[K]") == ["1:17: undefined name 'K'"])
        #expect(F.check("data K = 2\nparam w: vector[K]").isEmpty)
        #expect(
            F.check("data K = [2, 3]\nparam w: vector[K]") == [
                "2:17: a vector param's length must be a number, but it is a vector of 2"
            ])
        #expect(F.check("param q\nparam w: vector[q]") == ["2:17: a vector param's length cannot depend on param 'q'"])
    }

    @Test func constraints() {
        #expect(F.check("param p in (1, 0)") == ["1:9: the interval's lower bound 1 must be below its upper bound 0"])
        #expect(
            F.check("param p in (0.5, 0.5)") == [
                "1:9: the interval's lower bound 0.5 must be below its upper bound 0.5"
            ])
        #expect(F.check("param q\nparam p > q") == ["2:11: a constraint's bound cannot depend on param 'q'"])
        #expect(F.check("param p > [1, 2]") == ["1:11: a constraint's bound must be a number, but it is a vector of 2"])
        #expect(F.check("param p in (a, 1)") == ["1:13: undefined name 'a'"])
        #expect(F.check("data lo = 0\nparam p in (lo, lo + 1) = 0.5").isEmpty)
    }

    @Test func startValues() {
        #expect(F.check("param p in (0, 1) = 2") == ["1:21: param 'p' must be < 1, but its start value is 2"])
        #expect(F.check("param p in (0, 1) = 0") == ["1:21: param 'p' must be > 0, but its start value is 0"])
        #expect(F.check("param p in (0, 1) = 1") == ["1:21: param 'p' must be < 1, but its start value is 1"])
        #expect(F.check("param σ > 0 = -1") == ["1:15: param 'σ' must be > 0, but its start value is -1"])
        #expect(F.check("param σ < 0 = 1") == ["1:15: param 'σ' must be < 0, but its start value is 1"])
        #expect(
            F.check("param w: vector[2] = [1, 2, 3]") == ["1:22: param 'w' has 2 components, but its start value has 3"]
        )
        #expect(
            F.check("param w: vector[2] in (0, 1) = [0.5, 1.5]") == [
                "1:32: param 'w' must be < 1, but its start value is 1.5"
            ])
        #expect(
            F.check("param p = [1, 2]") == [
                "1:11: param 'p' needs a number as its start value, but it is a vector of 2"
            ])
        #expect(F.check("param p = \"a\"") == ["1:11: param 'p' needs a number as its start value, but it is a string"])
        #expect(F.check("param q\nparam p = q") == ["2:11: a start value cannot depend on param 'q'"])
        #expect(
            F.check("param p in (0, 1) = 0.5\nparam σ > 0 = 2\nparam w: vector[2] = [0, 0]\nparam v: vector[3] = 1")
                .isEmpty)
    }

    @Test func distributionArityAndNames() {
        let m = "data y = [1, 2]\nparam μ\n"
        #expect(F.check(m + "model y ~ Normal(μ)") == ["3:11: Normal takes 2 arguments (μ, σ), but 1 was given"])
        #expect(F.check(m + "model y ~ Normal(μ, 1, 2)") == ["3:11: Normal takes 2 arguments (μ, σ), but 3 were given"])
        #expect(F.check(m + "model y ~ Poisson()") == ["3:11: Poisson takes 1 argument (λ), but 0 were given"])
        #expect(F.check(m + "model y ~ Norma(μ, 1)") == ["3:11: unknown distribution 'Norma' [did you mean 'Normal'?]"])
        #expect(
            F.check(m + "model y ~ Foo(μ, 1)") == [
                "3:11: unknown distribution 'Foo' [the distributions are Normal, Bernoulli, Binomial, Poisson, Exponential, Beta, Gamma, LogNormal, StudentT, Weibull, NegativeBinomial, Geometric, Laplace, Cauchy, Uniform, ChiSquared, Categorical, Dirichlet, Mixture]"
            ])
        #expect(
            F.check(m + "model y ~ Normal(mean: μ, sd: 1)") == [
                "3:18: a distribution's arguments are positional [write Normal(μ, σ)]"
            ])
        // The same rules hold for a distribution named in an expression.
        #expect(F.check("print sample(Normal(1), 3)") == ["1:14: Normal takes 2 arguments (μ, σ), but 1 was given"])
    }

    @Test func perRowLengths() {
        let m = "data y = [1, 2]\nparam μ\n"
        #expect(
            F.check(m + "model y ~ Normal([1, 2, 3], 1)") == [
                "3:18: Normal's μ has 3 values, but the modelled data has 2 rows"
            ])
        #expect(
            F.check(m + "model y ~ Normal(μ, [1, 2, 3])") == [
                "3:21: Normal's σ has 3 values, but the modelled data has 2 rows"
            ])
        #expect(
            F.check(m + "model y ~ Normal(μ, 1) weight [1, 2, 3]") == [
                "3:31: a weight has 3 values, but the modelled data has 2 rows"
            ])
        #expect(
            F.check(m + "model y ~ Normal(μ, 1) censored [0, 1, 1]") == [
                "3:33: a censoring indicator has 3 values, but the modelled data has 2 rows"
            ])
        #expect(
            F.check(m + "model y ~ Normal(μ, 1) censored μ") == [
                "3:33: a censoring indicator cannot depend on param 'μ'"
            ])
        #expect(F.check(m + "model y ~ Normal(μ, 1) weight [2, 1] censored [0, 1]").isEmpty)
        #expect(
            F.check(m + "model y ~ Normal(\"a\", 1)") == [
                "3:18: Normal's μ must be a number or a vector with one value per row, but it is a string"
            ])
        #expect(
            F.check(m + "model y ~ Normal([[1, 2], [3, 4]], 1)") == [
                "3:18: Normal's μ must be a number or a vector with one value per row, but it is a 2×2 matrix"
            ])
    }

    @Test func theModelledDataIsAVector() {
        #expect(
            F.check("data m = [[1, 2], [3, 4]]\nparam p\nmodel m ~ Normal(p, 1)") == [
                "3:7: the modelled data must be a vector (one value per row), but it is a 2×2 matrix"
            ])
        #expect(
            F.check("data y = \"a\"\nparam p\nmodel y ~ Normal(p, 1)") == [
                "3:7: the modelled data must be a vector (one value per row), but it is a string"
            ])
        #expect(F.check("param p\nmodel 3 ~ Normal(p, 1)").isEmpty)
    }

    @Test func domainWarningsPointAtTheDeclaration() {
        let ds = F.diagnostics("data y = [1, 2]\nparam μ\nparam σ\nmodel y ~ Normal(μ, σ)")
        #expect(ds.count == 1)
        #expect(ds.first?.severity == .warning)
        #expect(
            ds.first?.message
                == "param 'σ' is used as Normal's σ, which must be > 0, but it is declared without that constraint")
        #expect(ds.first?.span?.position == "3:7")
        #expect(ds.first?.help == "declare it as 'param σ > 0'")
        #expect(ds.first?.notes.map(\.message) == ["used as Normal's σ here"])
        #expect(ds.first?.notes.first?.span?.position == "4:21")
        #expect(
            F.check("data y = [1, 0]\nparam p in (-1, 1)\nmodel y ~ Bernoulli(p)") == [
                "2:7: warning: param 'p' is used as Bernoulli's p, which must be in [0, 1], but it is declared without that constraint [declare it as 'param p in (0, 1)']"
            ])
        #expect(
            F.check("data y = [1, 0]\nparam λ > -1\nmodel y ~ Poisson(λ)") == [
                "2:7: warning: param 'λ' is used as Poisson's λ, which must be > 0, but it is declared without that constraint [declare it as 'param λ > 0']"
            ])
        // Declared constraints that ensure the domain, or arguments that are not bare params, are not warned about.
        #expect(F.check("data y = [1, 0]\nparam p in (0, 1)\nmodel y ~ Bernoulli(p)").isEmpty)
        #expect(F.check("data y = [1, 0]\nparam λ >= 0\nmodel y ~ Poisson(λ)").isEmpty)
        #expect(F.check("data y = [1, 0]\nparam η\nmodel y ~ Bernoulli(sigmoid(η))").isEmpty)
        #expect(F.check("data y = [1, 2]\nparam a\nparam b > 0\nmodel y ~ Beta(a, b)").count == 1)
    }

    @Test func modelParamsAreRecorded() {
        let env = F.environment(
            "data y = [1, 2]\ndata z = [3, 4]\nparam a\nparam b > 0\nparam c\nmodel m: y ~ Normal(a, b)\nmodel m: z ~ Normal(c, 1)"
        )
        #expect(env.modelParams["m"] == ["a", "b", "c"])
        #expect(env.models == ["m"])
    }

    /// The same data on the left of `~` again re-declares the model: its params are the new line's.
    @Test func redeclaringAModelReplacesItsParams() {
        let env = F.environment(
            "data y = [1, 2]\nparam a\nparam b > 0\nparam c\nmodel m: y ~ Normal(a, b)\nmodel m: y ~ Normal(c, 1)")
        #expect(env.modelParams["m"] == ["c"])
        #expect(env.models == ["m"])
    }
}
