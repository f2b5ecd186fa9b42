import Checker
import Testing

/// `Mixture(π1, D1, D2)`: its weights and components checked as the distributions they
/// are, with the mixture's own mistakes named.
struct MixtureCheckerTests {
    typealias F = CheckerFixture
    static let params = "data y = [1, 2, 8]\nparam p in (0, 1)\nparam μ1\nparam σ1 > 0\nparam μ2\nparam σ2 > 0\n"

    @Test func aMixtureOfTwoNormalsChecks() {
        #expect(F.check(MixtureCheckerTests.params + "model y ~ Mixture(p, Normal(μ1, σ1), Normal(μ2, σ2))") == [])
        #expect(
            F.environment(MixtureCheckerTests.params + "model y ~ Mixture(p, Normal(μ1, σ1), Normal(μ2, σ2))")
                .modelParams[""] == ["p", "μ1", "σ1", "μ2", "σ2"])
        // Shared params and a number for the weight are fine; so is sampling from a mixture.
        #expect(F.check(MixtureCheckerTests.params + "model y ~ Mixture(0.3, Normal(μ1, σ1), Normal(μ2, σ1))") == [])
        #expect(F.check("data z = sample(Mixture(0.3, Normal(0, 1), Poisson(3)), 10, seed: 1)") == [])
    }

    @Test func theMixturesOwnMistakes() {
        let m = MixtureCheckerTests.params
        #expect(
            F.check(m + "model y ~ Mixture(p, Normal(μ1, σ1))").first?.hasPrefix(
                "7:11: a mixture needs its weights and at least two components, but 2 arguments were given") == true)
        #expect(
            F.check(m + "model y ~ Mixture(p, Normal(μ1, σ1), μ2)").first?.hasPrefix(
                "7:38: component 2 of the mixture must be a distribution, such as Normal(μ2, σ2), but it is μ2") == true
        )
        #expect(
            F.check(m + "model y ~ Mixture(Normal(μ1, σ1), Normal(μ2, σ2), Normal(μ2, σ2))").first?.hasPrefix(
                "7:19: the first argument of Mixture is the weights, but it is the distribution Normal(μ1, σ1)") == true
        )
        #expect(
            F.check(m + "model y ~ Mixture(p, Mixture(p, Normal(μ1, σ1), Normal(μ2, σ2)), Normal(μ2, σ2))") == [
                "7:22: a component of a mixture cannot itself be a mixture: list every component in one Mixture(π, D1, …, DK)"
            ])
        #expect(
            F.check(m + "model y ~ Mixture(p, Normal(μ1, σ1), Normal(μ2, σ2), Normal(μ2, σ2))").first?.hasPrefix(
                "7:19: with 3 components the weights are a simplex of 3") == true)
        #expect(
            F.check(m + "model y ~ Mixture(p, Beta(1, 2), Poisson(3))").first?.hasPrefix(
                "7:11: the components' data do not overlap (Beta: a number strictly between 0 and 1; Poisson: a whole number ≥ 0)"
            ) == true)
        #expect(
            F.check(m + "prior μ1 ~ Mixture(p, Normal(0, 1), Normal(1, 1))") == ["7:12: a prior cannot be a mixture"])
    }

    @Test func aSimplexOfWeights() {
        let m = MixtureCheckerTests.params + "param μ3\n"
        let three = "model y ~ Mixture(π, Normal(μ1, σ1), Normal(μ2, σ2), Normal(μ3, σ2))"
        #expect(F.check(m + "param π : simplex[3]\n" + three) == [])
        #expect(F.check(m + "model y ~ Mixture([0.2, 0.3, 0.5], Normal(μ1, σ1), Normal(μ2, σ2), Normal(μ3, σ2))") == [])
        #expect(
            F.check(m + "param π : vector[3]\n" + three) == [
                "9:19: the weights of a mixture are ≥ 0 and sum to 1, but 'π' is a vector param, which nothing keeps so: declare 'param π : simplex[3]'"
            ])
        #expect(
            F.check(m + "param π : simplex[2]\n" + three).first?.hasPrefix(
                "9:19: the mixture has 3 components but its weights have 2") == true)
        #expect(
            F.check(m + "param q : simplex[2]\nmodel y ~ Mixture(p, Categorical(q), Poisson(3))").first?.hasPrefix(
                "9:22: Categorical cannot be a component of a mixture") == true)
    }

    @Test func componentsAreCheckedAsDistributions() {
        let m = MixtureCheckerTests.params
        #expect(
            F.check(m + "model y ~ Mixture(p, Normal(μ1), Normal(μ2, σ2))") == [
                "7:22: Normal takes 2 arguments (μ, σ), but 1 was given"
            ])
        #expect(F.check(m + "model y ~ Mixture(p, Norml(μ1, σ1), Normal(μ2, σ2))").count == 1)
        // A component's σ from an unconstrained param: the family's own warning.
        let warned = F.check(m + "param s\nmodel y ~ Mixture(p, Normal(μ1, s), Normal(μ2, σ2))")
        #expect(warned.first?.contains("warning:") == true && warned.first?.contains("σ") == true)
        // The weight must lie in [0, 1], as Mixture's π₁.
        let weight = F.check(m + "param q\nmodel y ~ Mixture(q, Normal(μ1, σ1), Normal(μ2, σ2))")
        #expect(weight.first?.contains("π₁") == true)
    }
}
