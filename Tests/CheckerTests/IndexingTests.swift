import Checker
import Diagnostics
import Testing

/// Param shapes (`simplex[K]`, `simplex[K, V]`, `matrix[K, p]`), params indexed by data
/// (`μ[d.g]`, `P[d.prev]`), Categorical's arguments and priors over a simplex.
@Suite struct IndexingTests {
    typealias F = CheckerFixture

    @Test func shapesAndTheirDimensions() {
        #expect(F.check("param p : simplex[3]\nparam P : simplex[4, 5]\nparam B : matrix[3, 2]") == [])
        #expect(F.check("param p : simplex[1]") == ["1:19: a simplex needs at least 2 outcomes, but this one has 1"])
        #expect(
            F.check("param B : matrix[0, 2]") == [
                "1:18: a matrix param's dimension must be a whole number from 1 to 1000000, but it is 0"
            ])
        #expect(
            F.check("param p : simplex[3] in (0, 1)") == [
                "1:22: param 'p' is a simplex, which is already constrained (its components are ≥ 0 and sum to 1): drop the constraint"
            ])
        #expect(F.check("param p : simplex[3] = [0.2, 0.3, 0.5]") == [])
        #expect(F.check("param p : simplex[3] = 1.5") == ["1:24: param 'p' must be < 1, but its start value is 1.5"])
    }

    @Test func aParamIndexedByAColumnHasAValuePerRow() {
        let setup = "data d = csv(\"cars.csv\")\nparam μ : vector[3]\nparam P : simplex[3, 3]\n"
        // A numeric column and a text one both index.
        #expect(F.check(setup + "model d.dist ~ Normal(μ[d.speed], 1)") == [])
        #expect(F.check(setup + "model d.dist ~ Normal(μ[d.label], 1)") == [])
        // A row of P per row is Categorical's argument.
        #expect(F.check(setup + "model d.label ~ Categorical(P[d.label])") == [])
        #expect(F.check(setup + "model d.label ~ Categorical(P[2])") == [])
        #expect(
            F.check(setup + "model d.dist ~ Normal(μ[d.speed, 1], 1)") == [
                "4:23: 'μ' has 1 dimension, so it takes one index, but 2 are given"
            ])
        #expect(
            F.check(setup + "data short = [1, 2]\nmodel d.dist ~ Normal(μ[short], 1)") == [
                "5:23: Normal's μ has 2 values, but the modelled data has 3 rows"
            ])
    }

    @Test func categoricalTakesProbabilities() {
        let setup = "data d = csv(\"cars.csv\")\nparam w : vector[3]\nparam p : simplex[3]\n"
        #expect(F.check(setup + "model d.label ~ Categorical(p)") == [])
        let message =
            "Categorical's argument must be a simplex param ('p' with 'param p : simplex[K]'), a row of one picked per row ('P[d.prev]' with 'param P : simplex[K, V]'), or 'softmax(B·x)' with 'param B : matrix[K, ncol(x)]' and x a data matrix"
        #expect(F.check(setup + "model d.label ~ Categorical(w)") == ["4:29: " + message])
        // A text response is an outcome for Categorical only.
        #expect(
            F.check(setup + "model d.label ~ Normal(0, 1)") == [
                "4:7: cars.csv row 1 (line 2), column 'label': expected a number, found 'a' [compare it with a level for a 0/1 vector (d.label == \"c\"), or give it coefficients in a model (b*d.label, w·d.label)]"
            ])
        // factor(…) orders the levels; as an index or an outcome it names them.
        #expect(
            F.check(setup + "model d.label ~ Categorical(p)\nmodel d.dist ~ Normal(w[factor(d.label, ref: \"c\")], 1)")
                == [])
    }

    @Test func softmaxOfInterceptsAndAMatrixProduct() {
        let setup = "data d = csv(\"cars.csv\")\nparam a : vector[3]\nparam B : matrix[3, 2]\n"
        #expect(F.check(setup + "model d.label ~ Categorical(softmax(a + B · d[speed, dist]))") == [])
        #expect(F.check(setup + "model d.label ~ Categorical(softmax(B · d[speed, dist]))") == [])
        #expect(F.check("print softmax([1, 2, 3])") == [])
        #expect(
            F.check("print softmax(2)") == [
                "1:15: softmax needs a vector (or a matrix, row by row), but this is a number"
            ])
    }

    @Test func dirichletIsForSimplexParamsOnly() {
        #expect(F.check("param p : simplex[3]\nprior p ~ Dirichlet(2)") == [])
        #expect(
            F.check("param σ > 0\nprior σ ~ Dirichlet(2)") == [
                "2:7: Dirichlet is a distribution over a simplex: it can be the prior of a simplex param, but 'σ' is not one"
            ])
        #expect(
            F.check("data y = [0.2, 0.5]\nparam a > 0\nmodel y ~ Dirichlet(a)") == [
                "3:11: Dirichlet is a distribution over a simplex, for the prior of a simplex param ('prior p ~ Dirichlet(1)'); it does not model data"
            ])
        #expect(
            F.check("print sample(Dirichlet(2), 3)") == [
                "1:14: sample draws numbers, but a Dirichlet draw is a vector of probabilities"
            ])
    }
}
