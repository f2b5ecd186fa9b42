import Foundation
import Testing

@testable import Symbolic

/// Every simplification is checked by value at random points in its domain, and the
/// domain-dependent rules are checked to stay put outside it.
struct SimplifierTests {
    @Test("construction rules keep the value: 200 random expressions, canonical form vs a rebuild in reverse order")
    func canonicalFormKeepsValues() {
        let s = ExprStore()
        let vars = (0..<3).map { s.symbol(.variable($0)) }
        var gen = RandomExpressions(store: s, variables: vars, rng: SeededGenerator(seed: 31))
        var rng = SeededGenerator(seed: 8)
        for _ in 0..<200 {
            let a = gen.make(depth: 3)
            let b = gen.make(depth: 3)
            let at = Dictionary(
                uniqueKeysWithValues: (0..<3).map { (Symbol.variable($0), Double.random(in: -1.5...1.5, using: &rng)) })
            // a + b − a = b, a·b/a = b (a ≠ 0), (a + b)² expanded = a² + 2ab + b².
            let va = a.evaluate(at)
            let vb = b.evaluate(at)
            guard va.isFinite, vb.isFinite, abs(va) > 1e-3, abs(va) < 1e3, abs(vb) < 1e3 else { continue }
            #expect(close((a + b - a).evaluate(at), vb, relative: 1e-9, absolute: 1e-9))
            #expect(close((a * b / a).evaluate(at), vb, relative: 1e-9, absolute: 1e-9))
            let square = (a + b).squared.expanded()
            #expect(close(square.evaluate(at), (va + vb) * (va + vb), relative: 1e-9, absolute: 1e-9))
        }
    }

    @Test("log(a·b) = log a + log b and log(aᵏ) = k·log a, only where a and b are known positive")
    func logRules() {
        let s = ExprStore()
        let a = s.symbol(.parameter(0), name: "a")
        let b = s.symbol(.parameter(1), name: "b")
        let u = s.symbol(.parameter(2), name: "u")
        s.positive = [.parameter(0), .parameter(1)]
        #expect(log(a * b).simplified() == log(a) + log(b))
        #expect(log(a.pow(3)).simplified() == 3 * log(a))
        #expect(log(2 * exp(u)).simplified() == Foundation.log(2) + u)
        // u may be negative: log(u·a) and log(u²) stay as they are (log u² = 2·log|u|, not 2·log u).
        #expect(log(u * a).simplified() == log(u * a))
        #expect(log(u.squared).simplified() == log(u.squared))
        for (x, y) in [(0.3, 2.5), (4.0, 0.01), (1e-5, 7.0)] {
            let at: [Symbol: Double] = [.parameter(0): x, .parameter(1): y]
            #expect(close(log(a * b).simplified().evaluate(at), Foundation.log(x * y), relative: 1e-14, absolute: 0))
        }
    }

    @Test("Σ over rows: a row-constant body is n·body, and constants move out")
    func rowSums() {
        let s = ExprStore()
        let x = s.symbol(.column(0), name: "x")
        let p = s.symbol(.parameter(0), name: "p")
        #expect(s.rowSum(p) == s.symbol(.count(0)) * p)
        #expect(s.rowSum(p * x) == p * s.rowSum(x))
        #expect(s.rowSum(x + p) == s.rowSum(x) + s.symbol(.count(0)) * p)
        let rows = RowValues(count: 3, columns: [.column(0): [1, 2, 4]])
        #expect(s.rowSum(p * x.squared).evaluate([.parameter(0): 0.5], rows: rows) == 10.5)
    }
}
