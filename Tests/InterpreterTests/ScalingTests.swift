import Foundation
import Interpreter
import Testing

/// A chain of lets that doubles its expression at every step (`let aᵢ = aᵢ₋₁ * aᵢ₋₁`)
/// is lowered to the model's DAG once per let and evaluated once per let: a tree-walk
/// of the syntax took 2ⁿ steps (show hessian got 4× slower per let).
@Suite struct InterpreterScalingTests {
    typealias F = InterpreterFixture

    static func chain(_ n: Int, first: String, step: (String) -> String) -> String {
        var text = "let a0 = \(first)\n"
        for i in 1...n { text += "let a\(i) = \(step("a\(i - 1)"))\n" }
        return text
    }

    @Test func aDoublingChainOfFortyLetsIsShownAtOnce() {
        let lets = Self.chain(40, first: "exp(μ) + 1") { "\($0) * \($0)" }
        let (ok, t) = F.run("data y = [1.1, 0.9, 1.2]\nparam μ\n" + lets + "model y ~ Normal(a40, 1)\nshow hessian\n")
        #expect(ok, "\(t.errors)")
        // a₄₀ = (eᵘ + 1)^(2⁴⁰): its second derivative mentions that power, 2⁴⁰ = 1099511627776.
        #expect(t.events.count == 1)
    }

    @Test func aFormulaChainIsEvaluatedOncePerLet() {
        // aᵢ = (aᵢ₋₁ + aᵢ₋₁)/2 = μ at every step; evaluated as written, a₆₀ takes 2⁶⁰ steps.
        let lets = Self.chain(60, first: "μ") { "(\($0) + \($0)) / 2" }
        let setup = "data y = [1.5, 2.5, 3.5]\nparam μ\nmodel y ~ Normal(μ, 1)\nfit\n" + lets
        // μ̂ = ȳ = 2.5 exactly (a sum of three halves, divided by 3, in binary: within an ulp).
        #expect(abs(F.number("a60", setup: setup) - 2.5) <= 4e-16 * 2.5)
    }

    @Test func aModelOverAChainOfLetsFits() {
        // aᵢ = aᵢ₋₁ + μ, so a₂₀₀₀ = 2001·μ and the MLE is ȳ/2001.
        let lets = Self.chain(2000, first: "μ") { "\($0) + μ" }
        let setup = "data y = [2001, 4002, 6003]\nparam μ\n" + lets + "model y ~ Normal(a2000, 1)\nfit\n"
        #expect(abs(F.number("μ", setup: setup) - 2) <= 1e-12)
    }

    @Test func aMeanThatSumsFourThousandParamsIsCheckedAndLowered() {
        // m₀ + m₁ + … + m₃₉₉₉, parsed left-leaning: checked and lowered as one sum (pairwise,
        // each step re-flattened and copied the growing sum: 1,000 params took a minute).
        let k = 4000
        var text = (0..<k).map { "param m\($0)\n" }.joined()
        text += "data y = [1, 2, 3]\nmodel y ~ Normal(" + (0..<k).map { "m\($0)" }.joined(separator: " + ") + ", 1)\n"
        text += "print 1 + 1\n"
        // (A 4,000-deep sum: on the large stack the mle command runs everything on.)
        let source = text
        let (ok, t) = withLargeStack { F.run(source) }
        #expect(ok, "\(t.errors)")
        #expect(t.printed == ["2"])
    }

    @Test func aMeanThatIsAProductOfTwentyFactorsFits() throws {
        // μ̂ solves (μ + 1)(μ + 2)…(μ + 20)/10²⁰ = ȳ = 1 (a Normal mean); the product rises
        // monotonically for μ > −1, so bisection finds the root independently.
        let product = (1...20).map { "(μ + \($0))" }.joined(separator: " * ")
        let setup = "data y = [1.2, 0.8, 1.1, 0.9]\nparam μ\nmodel y ~ Normal(\(product) / 1e20, 1)\nfit\n"
        func f(_ m: Double) -> Double { (1...20).reduce(1.0) { $0 * (m + Double($1)) } / 1e20 - 1 }
        var (lo, hi) = (0.0, 10.0)
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if f(mid) > 0 { hi = mid } else { lo = mid }
        }
        // The slope of the product there is about 0.2 per unit of μ: Newton's |∇ℓ| < 1e-8 puts μ̂ within 1e-7.
        #expect(abs(F.number("μ", setup: setup) - lo) <= 1e-7)
    }
}
