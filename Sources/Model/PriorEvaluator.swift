import LinearAlgebra
import Symbolic

/// One prior evaluated component by component: its log-density c(x) of one component and
/// c′, c″ compiled into one tape and run over the prior's slots of θ as over rows. A prior
/// per component is separable, so its Hessian is diagonal; a Dirichlet row's normaliser is a
/// constant.
struct PriorEvaluator {
    let prior: PriorTerm
    let tape: Tape

    init(_ prior: PriorTerm, store: ExprStore) {
        self.prior = prior
        // The component as a "column": one row per slot.
        let x = store.symbol(.column(PriorEvaluator.column))
        let c = prior.component(x)
        let d1 = c.derivative(withRespectTo: .column(PriorEvaluator.column))
        let d2 = d1.derivative(withRespectTo: .column(PriorEvaluator.column))
        tape = Tape(outputs: [c, d1, d2])
    }

    static let column = 3_000_000

    func accumulate<H: HessianAccumulator>(
        _ theta: [Double], order: Int, value: inout Double, gradient: inout [Double], hessian: inout H
    ) {
        let runner = TapeRunner(tape: tape, blockSize: 1024)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate([:]) })
        let slots = prior.slots
        value += prior.constant
        var start = slots.lowerBound
        theta.withUnsafeBufferPointer { t in
            while start < slots.upperBound {
                let n = min(1024, slots.upperBound - start)
                for k in tape.rowInputs.indices { runner.bind(k, to: t.baseAddress! + start) }
                runner.run(count: n)
                let (c, d1, d2) = (runner.output(0), runner.output(1), runner.output(2))
                for i in 0..<n {
                    value += c[i]
                    if order >= 1 { gradient[start + i] += d1[i] }
                    if order >= 2 { hessian.add(start + i, start + i, d2[i]) }
                }
                start += n
            }
        }
    }
}
