import Foundation
import Testing

@testable import Symbolic

/// The compiled tape against the reference evaluator, on random per-row expressions
/// (every function of the IR, shared subexpressions, hoisted row-invariant parts).
struct TapeTests {
    @Test("300 random expressions evaluate the same on the tape as by the reference walk, over 700 rows")
    func randomExpressions() {
        let s = ExprStore()
        let columns = (0..<2).map { s.symbol(.column($0)) }
        let params = (0..<2).map { s.symbol(.parameter($0)) }
        var gen = RandomExpressions(store: s, variables: columns + params, rng: SeededGenerator(seed: 99))
        var rng = SeededGenerator(seed: 5)
        let rows = 700
        let data: [Symbol: [Double]] = [
            .column(0): (0..<rows).map { _ in Double.random(in: -2...2, using: &rng) },
            .column(1): (0..<rows).map { _ in Double.random(in: -2...2, using: &rng) },
        ]
        let theta: [Symbol: Double] = [.parameter(0): 0.7, .parameter(1): -1.3]
        var compared = 0
        for _ in 0..<300 {
            let e = gen.make(depth: 4)
            guard e.isRowLevel else { continue }
            let derivative = e.derivative(withRespectTo: .parameter(0))
            let tape = Tape(outputs: [e, derivative])
            let runner = TapeRunner(tape: tape, blockSize: 256)
            runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate(theta) })
            var start = 0
            while start < rows {
                let n = min(256, rows - start)
                for (k, input) in tape.rowInputs.enumerated() {
                    data[input.symbol]!.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress! + start) }
                }
                runner.run(count: n)
                for i in stride(from: 0, to: n, by: 37) {
                    var at = theta
                    for (sym, col) in data { at[sym] = col[start + i] }
                    let expected = e.evaluate(at)
                    guard expected.isFinite else { continue }
                    #expect(
                        close(runner.output(0)[i], expected, relative: 1e-12, absolute: 1e-12),
                        "\(e) at row \(start + i)")
                    let d = derivative.evaluate(at)
                    if d.isFinite {
                        #expect(
                            close(runner.output(1)[i], d, relative: 1e-12, absolute: 1e-12),
                            "∂(\(e)) at row \(start + i)")
                    }
                    compared += 1
                }
                start += n
            }
        }
        #expect(compared > 1000)
    }

    /// The arithmetic runs eight rows at a time with the rest one by one: a ragged block of
    /// 13 rows (one SIMD step, five in the tail) gives what each row gives run alone (a block
    /// of one row never reaches the lanes), exactly: only the sign of a zero and a NaN's payload
    /// may differ (vector and scalar instructions set them differently; no result depends on
    /// them). 0·x = 0 for x = ±∞ or NaN holds in the lanes as the reference walk has it.
    @Test("elementwise arithmetic in lanes of eight equals the row-by-row rule, 0·∞ = 0 in every lane")
    func lanesMatchRows() {
        let s = ExprStore()
        let (x, y) = (s.symbol(.column(0)), s.symbol(.column(1)))
        let a: [Double] = [0, 1.5, -2, .infinity, 0, 3, .nan, 0, 7, -0.0, 2, 0, 5]
        let b: [Double] = [.infinity, 0, 4, 0, .nan, 2, 0, -1, 0.5, .infinity, -3, 0, 1e-300]
        let outputs = [x * y, x + y, x - y, x / y, sqrt(x * x), -x]
        let tape = Tape(outputs: outputs)
        func run(_ start: Int, _ n: Int) -> [[Double]] {
            let runner = TapeRunner(tape: tape, blockSize: 16)
            runner.setScalars([])
            let data: [Symbol: [Double]] = [.column(0): a, .column(1): b]
            for (k, input) in tape.rowInputs.enumerated() {
                data[input.symbol]!.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress! + start) }
            }
            runner.run(count: n)
            return outputs.indices.map { k in (0..<n).map { runner.output(k)[$0] } }
        }
        let block = run(0, a.count)
        for i in a.indices {
            let alone = run(i, 1)
            for k in outputs.indices {
                let (v, w) = (block[k][i], alone[k][0])
                #expect(v == w || (v.isNaN && w.isNaN), "output \(k), row \(i)")
            }
        }
        for i in [0, 3, 4, 6] { #expect(block[0][i] == 0, "0·x at row \(i)") }
    }

    @Test("σ(x), σ(−x), softplus(±x) share one exp(−|x|) and stay exact far in the tails")
    func sharedLogistic() {
        let s = ExprStore()
        let x = s.symbol(.column(0), name: "x")
        let outputs = [sigmoid(x), sigmoid(-x), softplus(x), softplus(-x)]
        let tape = Tape(outputs: outputs)
        #expect(tape.instructions.filter { $0.op == .expNegAbs }.count == 1)
        let runner = TapeRunner(tape: tape, blockSize: 8)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate([:]) })
        let values = [-800.0, -30, -1, 0, 1, 30, 800, 1e-20]
        values.withUnsafeBufferPointer { runner.bind(0, to: $0.baseAddress!) }
        runner.run(count: values.count)
        for (i, v) in values.enumerated() {
            for (k, f) in outputs.enumerated() {
                #expect(
                    close(runner.output(k)[i], f.evaluate([.column(0): v]), relative: 1e-15, absolute: 0),
                    "\(f) at \(v)")
            }
        }
    }

    /// A nonlinear mean's second derivatives hold exp(−2c·x) beside exp(−c·x): the tape squares
    /// the one it has instead of calling exp again, and the result is within a few ulps of the
    /// exp (the square's rounding doubles the exp's relative error, then adds its own half ulp).
    @Test("exp(2z) beside exp(z) is compiled as exp(z)², to within 4 ulps of exp(2z)")
    func doubledExponentialIsSquared() {
        let s = ExprStore()
        let (x, c) = (s.symbol(.column(0)), s.symbol(.parameter(0)))
        let single = s.apply(.exp, [-(c * x)])
        let double = s.apply(.exp, [s.constant(-2) * c * x])
        let alone = Tape(outputs: [double])
        #expect(alone.instructions.filter { $0.op == .exp }.count == 1)
        let tape = Tape(outputs: [single, double])
        #expect(tape.instructions.filter { $0.op == .exp }.count == 1)
        #expect(tape.instructions.contains { $0.op == .square })
        let rows: [Double] = (0..<40).map { Double($0) * 0.37 - 5 }
        let runner = TapeRunner(tape: tape, blockSize: 64)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate([.parameter(0): 0.8]) })
        rows.withUnsafeBufferPointer { runner.bind(0, to: $0.baseAddress!) }
        runner.run(count: rows.count)
        for (i, xi) in rows.enumerated() {
            let exact = Foundation.exp(-2 * 0.8 * xi)
            #expect(abs(runner.output(1)[i] - exact) <= 4 * exact.ulp, "row \(i)")
        }
    }

    /// −2·a·σ⁻³·x·r: the sign, a and σ⁻³ are multiplied once per run (one scalar input), so
    /// each row costs two products and no negation, and the values are the reference walk's to
    /// rounding (the products are associated differently).
    @Test("a product's row-invariant factors are multiplied once, as one scalar input")
    func invariantFactorsAreHoisted() {
        let s = ExprStore()
        let (x, r) = (s.symbol(.column(0)), s.symbol(.column(1)))
        let (a, sigma) = (s.symbol(.parameter(0)), s.symbol(.parameter(1)))
        let e = s.constant(-2) * a * s.pow(sigma, s.constant(-3)) * x * r
        let tape = Tape(outputs: [e])
        #expect(tape.instructions.map(\.op) == [.mul, .mul])
        let xs: [Double] = [0.5, -1.25, 3, 0, 7.5]
        let rs: [Double] = [2, 0.1, -4, .infinity, 1e-3]
        let theta: [Symbol: Double] = [.parameter(0): 1.7, .parameter(1): 0.3]
        let runner = TapeRunner(tape: tape, blockSize: 8)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate(theta) })
        let data: [Symbol: [Double]] = [.column(0): xs, .column(1): rs]
        for (k, input) in tape.rowInputs.enumerated() {
            data[input.symbol]!.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress!) }
        }
        runner.run(count: xs.count)
        for i in xs.indices {
            let expected = e.evaluate(theta.merging([.column(0): xs[i], .column(1): rs[i]]) { a, _ in a })
            #expect(close(runner.output(0)[i], expected, relative: 1e-15, absolute: 0), "row \(i)")
        }
    }

    /// Whole powers by squaring, as a Student-t's derivatives have them: r³ and r⁴ from the r²
    /// the tape holds, with no call to pow; a negative power stays pow's and a quotient stays a
    /// division (each correctly rounded, which NIST's ill-conditioned problems need). Values
    /// against libm's pow and plain division, to a few ulps.
    @Test("whole positive powers are squared and multiplied; negative powers and quotients are not")
    func powersBySquaring() {
        let s = ExprStore()
        let (r, x) = (s.symbol(.column(0)), s.symbol(.column(1)))
        let d = s.constant(1) + s.pow(r, s.constant(2))
        let outputs = [
            s.pow(r, s.constant(3)), s.pow(r, s.constant(4)), s.pow(r, s.constant(-5)), x / d, r * x / d,
        ]
        let tape = Tape(outputs: outputs)
        #expect(tape.instructions.filter { $0.op == .pow }.count == 1)  // r⁻⁵
        #expect(tape.instructions.filter { $0.op == .square }.count == 2)  // r², (r²)²
        #expect(tape.instructions.filter { $0.op == .div }.count == 2)
        let rs: [Double] = [0.5, -1.25, 3, 1e-3, -7.5, 2, 1e10, -0.8, 4.25]
        let xs: [Double] = [2, 0.1, -4, 9, 1e-3, -2, 5, 0.3, 1]
        let runner = TapeRunner(tape: tape, blockSize: 16)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate([:]) })
        let data: [Symbol: [Double]] = [.column(0): rs, .column(1): xs]
        for (k, input) in tape.rowInputs.enumerated() {
            data[input.symbol]!.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress!) }
        }
        runner.run(count: rs.count)
        for i in rs.indices {
            let (ri, xi) = (rs[i], xs[i])
            let expected = [
                Foundation.pow(ri, 3), Foundation.pow(ri, 4), Foundation.pow(ri, -5), xi / (1 + ri * ri),
                ri * xi / (1 + ri * ri),
            ]
            for (k, e) in expected.enumerated() {
                #expect(abs(runner.output(k)[i] - e) <= 8 * e.ulp, "output \(k), row \(i)")
            }
        }
    }
}
