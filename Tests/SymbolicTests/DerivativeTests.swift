import Foundation
import Testing

@testable import Symbolic

struct DerivativeTests {
    @Test("every function's derivative matches central differences, in each argument")
    func functions() {
        let s = ExprStore()
        let vars = (0..<3).map { s.symbol(.variable($0)) }
        for f in Function.allCases where !f.isTerminalDerivative {
            for point in FunctionSamples.points(f) {
                let e = s.apply(f, Array(vars.prefix(point.count)))
                let at = Dictionary(uniqueKeysWithValues: point.enumerated().map { (Symbol.variable($0), $1) })
                for i in point.indices {
                    let d = e.derivative(withRespectTo: .variable(i))
                    let numeric = centralDifference(e, .variable(i), at: at)
                    #expect(close(d.evaluate(at), numeric, relative: 1e-6, absolute: 1e-9), "∂\(f)/∂x\(i) at \(point)")
                }
            }
        }
    }

    @Test("derivatives of 400 random expressions match central differences")
    func randomExpressions() {
        let s = ExprStore()
        let vars = (0..<3).map { s.symbol(.variable($0)) }
        var gen = RandomExpressions(store: s, variables: vars, rng: SeededGenerator(seed: 2026))
        var pointRNG = SeededGenerator(seed: 7)
        var checked = 0
        for _ in 0..<400 {
            let e = gen.make(depth: 4)
            let at: [Symbol: Double] = Dictionary(
                uniqueKeysWithValues: (0..<3).map {
                    (Symbol.variable($0), Double.random(in: -1.5...1.5, using: &pointRNG))
                })
            let value = e.evaluate(at)
            guard value.isFinite, abs(value) < 1e6 else { continue }
            for v in 0..<3 {
                let exact = e.derivative(withRespectTo: .variable(v)).evaluate(at)
                let numeric = centralDifference(e, .variable(v), at: at)
                #expect(close(exact, numeric, relative: 1e-5, absolute: 1e-6), "∂/∂v\(v) of \(e) at \(at)")
                checked += 1
            }
            // Second derivatives through the first.
            let d1 = e.derivative(withRespectTo: .variable(0))
            let exact2 = d1.derivative(withRespectTo: .variable(1)).evaluate(at)
            let numeric2 = centralDifference(d1, .variable(1), at: at)
            #expect(close(exact2, numeric2, relative: 1e-4, absolute: 1e-5), "∂²/∂v0∂v1 of \(e)")
        }
        #expect(checked > 600)
    }

    @Test("hash-consing shares subexpressions: equal structure is one node")
    func sharing() {
        let s = ExprStore()
        let x = s.symbol(.variable(0))
        let y = s.symbol(.variable(1))
        #expect(x + y == y + x)
        #expect(x * y * 2 == 2 * (y * x))
        #expect(x - x == s.zero)
        #expect(x * x == x.squared)
        #expect(x / x == s.one)
        #expect((x + y).squared.derivative(withRespectTo: .variable(0)) == 2 * (x + y))
        let before = s.nodeCount
        _ = (x + y) * (x + y)
        #expect(s.nodeCount == before)
    }

    @Test("construction folds identities valid everywhere")
    func identities() {
        let s = ExprStore()
        let x = s.symbol(.variable(0))
        #expect(log(exp(x)) == x)
        #expect(exp(log(x)) == x)
        #expect(log(sigmoid(x)) == -softplus(-x))
        #expect(log(1 - sigmoid(x)) == -softplus(x))
        #expect(sigmoid(x).apply(.logit) == x)
        #expect(exp(x).pow(2) == exp(2 * x))
        #expect(s.constant(2) * 3 == s.constant(6))
        #expect(log(s.constant(1)) == s.zero)
    }
}

struct NormalCDFTests {
    @Test("log Φ against scipy.stats.norm.logcdf (scipy 1.17.1), from the far left tail to the right")
    func logPhi() {
        let reference: [(Double, Double)] = [
            (-40, -804.6084420137539), (-10, -53.23128515051248), (-1, -1.8410216450092634),
            (0, -0.6931471805599453), (1.5, -0.06914345561223399), (10, -7.61985302416047e-24),
        ]
        for (x, expected) in reference {
            #expect(close(Function.logPhi(x), expected, relative: 1e-13, absolute: 0), "log Φ(\(x))")
        }
        // The series and erfc branches meet smoothly at −30.
        #expect(close(Function.logPhi(-30.000001), Function.logPhi(-29.999999), relative: 1e-6, absolute: 0))
    }
}
