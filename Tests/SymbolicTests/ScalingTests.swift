import Foundation
import SeededRandom
import Testing

@testable import Symbolic

/// Symbolic work stays proportional to the size of the shared DAG, not to the size of
/// the tree it would be if written out. Each case here took exponential time (or memory)
/// before: a tree-walk that visits a shared node once per path to it, an expansion that
/// re-expands the rest of a product for every term of its first sum, statistics that
/// enumerate every multi-index. The checks are on results and on node counts — never on
/// timings (a regression shows as a test that does not finish).
struct ScalingTests {
    let s = ExprStore()
    var mu: Expr { s.symbol(.parameter(0), name: "μ") }

    @Test("(μ + 1)(μ + 2)…(μ + 20) expands to its 21 coefficients, equal in value to the product")
    func productOfTwentySums() {
        let product = s.mul((1...20).map { mu + Double($0) })
        let expanded = product.expanded()
        #expect(expanded.terms.count == 21)
        var g = SplitMix64(seed: 9)
        for _ in 0..<20 {
            let m = g.uniform() * 2 - 1
            let exact = (1...20).reduce(1.0) { $0 * (m + Double($1)) }
            let value = expanded.evaluate([.parameter(0): m])
            // 21 terms of size up to 20!·|μ|⁰ ≈ 2.4e18 summing to about that size: 1e-12 is generous.
            #expect(abs(value - exact) <= 1e-12 * abs(exact))
        }
    }

    @Test("a product of 20 sums in 20 different symbols (2²⁰ terms) is left factored, not expanded")
    func expansionPastTheLimitStaysFactored() {
        let sums = (0..<20).map { s.symbol(.parameter($0)) + 1 }
        let product = s.mul(sums)
        #expect(product.expanded() == product)
    }

    @Test("the derivative of a chain aᵢ = aᵢ₋₁·exp(aᵢ₋₁) (a tree of 2ⁿ nodes) is polynomial in n")
    func derivativeOfASharedChain() {
        // Products are kept flat (aᵢ is a product of i + 1 factors), so the product rule
        // costs i² at step i and the whole derivative about n³/3 nodes: bounded by a
        // polynomial, where a tree-walk would take 2ⁿ.
        let small = ExprStore()
        let large = ExprStore()
        func nodes(_ store: ExprStore, _ n: Int) -> Int {
            var a = store.symbol(.parameter(0))
            for _ in 0..<n { a = a * exp(a) }
            _ = a.derivative(withRespectTo: .parameter(0))
            return store.nodeCount
        }
        let (n20, n40) = (nodes(small, 20), nodes(large, 40))
        #expect(n40 < 12 * n20)
        #expect(n40 < 40 * 40 * 40)
    }

    @Test("printing a DAG whose tree is 2⁴⁰ long stops at the budget with '…'")
    func printingIsBounded() {
        var a = mu
        for _ in 0..<40 { a = a * exp(a) }
        let text = a.printed()
        #expect(text.hasSuffix("…"))
        #expect(text.count < PrintBudget.characters + 200)
        #expect(!text.contains(PrintBudget.marker))
        // Small expressions are printed whole.
        #expect((mu * exp(mu)).printed() == "μ·exp(μ)")
    }

    @Test("positivity of a 300-deep shared chain is decided once per node")
    func positivityIsMemoised() {
        s.positive.insert(.parameter(0))
        var a = mu
        for _ in 0..<300 { a = a * exp(a) + a }
        #expect(a.isKnownPositive)
        #expect(log(a * mu).simplified().isSum)
    }

    @Test("statistics of (y − Σⱼ bⱼ·xⱼ)² over 12 columns: the k(k+1)/2 cross sums, not 3¹³ multi-indices")
    func statisticsOfManyColumns() {
        let k = 12
        let y = s.symbol(.column(0), name: "y")
        var mean = s.zero
        for j in 1...k { mean = mean + s.symbol(.parameter(j - 1)) * s.symbol(.column(j), name: "x\(j)") }
        let core = -((y - mean).squared) / 2
        let form = SufficientStatistics.factor(core)
        #expect(form.remainder == nil)
        // Monomials of degree ≤ 2 in the 13 atoms y, x₁…x₁₂ that (y − Σ bⱼxⱼ)² has: y², yxⱼ, xⱼxₗ
        // (j ≤ l), plus the degree-1 and count terms of the pilot-centred Taylor form:
        // 13·14/2 second-order sums and 13 first-order ones.
        #expect(form.statistics.count == 13 * 14 / 2 + 13)
    }
}
