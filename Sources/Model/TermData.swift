import Foundation
import LinearAlgebra
import Symbolic

/// A term's data, evaluated per row once: the response (checked against the
/// family's support), and the data atoms its statistics are sums of.
struct TermData {
    let term: LikelihoodTerm
    let columns: [Symbol: [Double]]

    /// Rows that count as observations: those with a non-zero weight (all, unweighted).
    private(set) var observations: Int

    /// The data are checked once, when the likelihood is built (term `index` of the model);
    /// later per-row evaluations skip it.
    init(_ term: LikelihoodTerm, columns: [Symbol: [Double]], checkingSupport: Bool = true, index: Int = 0)
        throws(LikelihoodError)
    {
        self.term = term
        self.columns = columns
        observations = term.rows
        if checkingSupport { try checkData(index) }
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

    /// Row by row, the first offending row named: data arguments in their parameter's domain
    /// (Binomial's N a whole number), the response in the family's support and inside the
    /// truncation bounds, censoring indicators 0 or 1, weights ≥ 0.
    mutating func checkData(_ t: Int) throws(LikelihoodError) {
        let family = term.family
        let dataArguments = term.arguments.indices.filter {
            $0 < family.parameters.count && !term.arguments[$0].dependsOnParameters
        }
        let optional = [term.censored, term.weight, term.lower, term.upper]
        let present = optional.compactMap { $0 }
        let values = evaluate([term.response] + dataArguments.map { term.arguments[$0] } + present)
        var column: [Int?] = []
        var next = 1 + dataArguments.count
        for e in optional {
            column.append(e == nil ? nil : next)
            if e != nil { next += 1 }
        }
        var zeroWeights = 0
        // One buffer for every row's data arguments (not an allocation per row).
        var args = [Double](repeating: .nan, count: family.parameters.count)
        let support = family.support
        for i in 0..<term.rows {
            for (k, a) in dataArguments.enumerated() {
                let x = values[1 + k][i]
                args[a] = x
                if !family.parameters[a].domain.contains(x) {
                    throw .argumentOutsideDomain(term: t, argument: a, row: i + 1, value: x)
                }
            }
            let y = values[0][i]
            if !support.contains(y, arguments: args) {
                throw .outsideSupport(family: family.name, support: support, row: i + 1, value: y)
            }
            if let c = column[0], values[c][i] != 0 && values[c][i] != 1 {
                throw .badIndicator(term: t, row: i + 1, value: values[c][i])
            }
            if let w = column[1] {
                let x = values[w][i]
                if !(x >= 0) || !x.isFinite { throw .negativeWeight(term: t, row: i + 1, value: x) }
                if x == 0 { zeroWeights += 1 }
            }
            if let lo = column[2], !(y >= values[lo][i]) { throw .outsideTruncation(term: t, row: i + 1, value: y) }
            if let hi = column[3], !(y <= values[hi][i]) { throw .outsideTruncation(term: t, row: i + 1, value: y) }
        }
        observations = term.rows - zeroWeights
    }

    /// The statistics' values: Σᵢ Πₖ (uₖ − cₖ)^pₖ with cₖ the atoms' means (centred), and the
    /// raw sums Σᵢ Πₖ uₖ^pₖ for showing; every statistic in one pass (OnePassStatistics), after
    /// one pass for the means. An atom that is a data column is read in place, not copied.
    func computeStatistics(
        _ form: StatisticalForm, count: Symbol, into values: inout [Symbol: Double],
        raw: inout [Symbol: Double]
    ) {
        values[count] = Double(term.rows)
        raw[count] = Double(term.rows)
        let needed = form.atoms + (form.constantPart.map { [$0] } ?? [])
        var direct: [Int: [Double]] = [:]
        var computedIndex: [Int: Int] = [:]
        var computed: [Expr] = []
        for (k, atom) in needed.enumerated() {
            if let s = atom.symbol, let column = columns[s], column.count == term.rows {
                direct[k] = column
            } else {
                computedIndex[k] = computed.count
                computed.append(atom)
            }
        }
        let evaluated = evaluate(computed)
        let atomColumns = needed.indices.map { direct[$0] ?? evaluated[computedIndex[$0] ?? 0] }
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
        let polynomial = form.statistics.filter { !$0.isConstantPart }
        let monomials = polynomial.map { stat in stat.powers.map { (column: $0.atom, power: $0.power) } }
        let sums = TermData.withBuffers(Array(atomColumns.prefix(form.atoms.count))) { buffers in
            OnePassStatistics.sums(monomials, columns: buffers, pilots: pilots, rows: term.rows)
        }
        for (k, stat) in polynomial.enumerated() {
            values[stat.symbol] = sums.centred[k]
            raw[stat.symbol] = sums.raw[k]
        }
        for stat in form.statistics where stat.isConstantPart {
            let s = Summation.sum(atomColumns[form.atoms.count])
            values[stat.symbol] = s
            raw[stat.symbol] = s
        }
    }

    /// Runs `body` with unsafe buffers over each array.
    static func withBuffers<R>(_ arrays: [[Double]], _ body: ([UnsafeBufferPointer<Double>]) -> R) -> R {
        var buffers: [UnsafeBufferPointer<Double>] = []
        func nest(_ k: Int) -> R {
            guard k < arrays.count else { return body(buffers) }
            return arrays[k].withUnsafeBufferPointer { b in
                buffers.append(b)
                return nest(k + 1)
            }
        }
        return nest(0)
    }
}
