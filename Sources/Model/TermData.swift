import Foundation
import LinearAlgebra
import Symbolic

/// A term's data, evaluated per row once: the response (checked against the
/// family's support), and the data atoms its statistics are sums of.
struct TermData {
    let term: LikelihoodTerm
    let columns: [Symbol: [Double]]

    /// The support is checked once, when the likelihood is built; later per-row evaluations skip it.
    init(_ term: LikelihoodTerm, columns: [Symbol: [Double]], checkingSupport: Bool = true) throws(LikelihoodError) {
        self.term = term
        self.columns = columns
        if checkingSupport { try checkSupport() }
    }

    /// Evaluates data-only per-row expressions into columns, through a tape.
    func evaluate(_ expressions: [Expr]) -> [[Double]] {
        if expressions.isEmpty { return [] }
        let tape = Tape(outputs: expressions)
        let runner = TapeRunner(tape: tape)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate([:]) })
        var out = expressions.map { _ in [Double](repeating: 0, count: term.rows) }
        var start = 0
        while start < term.rows {
            let n = min(runner.blockSize, term.rows - start)
            for (k, input) in tape.rowInputs.enumerated() {
                columns[input.symbol]?.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress! + start) }
            }
            runner.run(count: n)
            for k in expressions.indices {
                let o = runner.output(k)
                for i in 0..<n { out[k][start + i] = o[i] }
            }
            start += n
        }
        return out
    }

    /// Every response value must be in the family's support (the first offending row is named).
    func checkSupport() throws(LikelihoodError) {
        let family = term.family
        var needed = [term.response]
        var countArgument: Int?
        if case .countUpTo(let k) = family.support, !term.arguments[k].dependsOnParameters {
            countArgument = needed.count
            needed.append(term.arguments[k])
        }
        let values = evaluate(needed)
        for i in 0..<term.rows {
            let y = values[0][i]
            let args = countArgument.map { c in (0..<family.parameters.count).map { $0 == 0 ? values[c][i] : 0 } } ?? []
            if !family.support.contains(y, arguments: args) {
                throw .outsideSupport(family: family.name, support: family.support, row: i + 1, value: y)
            }
        }
    }

    /// The statistics' values: Σᵢ Πₖ (uₖ − cₖ)^pₖ with cₖ the atoms' means (centred), and the
    /// raw sums Σᵢ Πₖ uₖ^pₖ for showing.
    func computeStatistics(
        _ form: StatisticalForm, count: Symbol, into values: inout [Symbol: Double],
        raw: inout [Symbol: Double]
    ) {
        values[count] = Double(term.rows)
        raw[count] = Double(term.rows)
        let atomColumns = evaluate(form.atoms + (form.constantPart.map { [$0] } ?? []))
        var pilots: [Double] = []
        for (k, pilot) in form.pilots.enumerated() {
            guard let pilot else {
                pilots.append(0)
                continue
            }
            let c = Summation.mean(atomColumns[k])
            pilots.append(c)
            values[pilot] = c
        }
        for stat in form.statistics {
            if stat.isConstantPart {
                let s = Summation.sum(atomColumns[form.atoms.count])
                values[stat.symbol] = s
                raw[stat.symbol] = s
                continue
            }
            values[stat.symbol] = Summation.sum(
                (0..<term.rows).map { i in
                    stat.powers.reduce(1.0) {
                        $0 * Foundation.pow(atomColumns[$1.atom][i] - pilots[$1.atom], Double($1.power))
                    }
                })
            raw[stat.symbol] = Summation.sum(
                (0..<term.rows).map { i in
                    stat.powers.reduce(1.0) { $0 * Foundation.pow(atomColumns[$1.atom][i], Double($1.power)) }
                })
        }
    }
}
