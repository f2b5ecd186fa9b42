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
}
