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

    /// Evaluates data-only per-row expressions into columns, through a tape; an expression that
    /// is a data column of the term's length is that column, shared, not copied.
    func evaluate(_ expressions: [Expr]) -> [[Double]] {
        if expressions.isEmpty { return [] }
        let direct = expressions.map { e in
            e.symbol.flatMap { columns[$0] }.flatMap { $0.count == term.rows ? $0 : nil }
        }
        if direct.allSatisfy({ $0 != nil }) { return direct.compactMap { $0 } }
        let rest = expressions.indices.filter { direct[$0] == nil }
        let computed = evaluateThroughTape(rest.map { expressions[$0] })
        var out = direct.map { $0 ?? [] }
        for (k, i) in rest.enumerated() { out[i] = computed[k] }
        return out
    }

    /// Data-only per-row expressions evaluated through a compiled tape, block by block.
    func evaluateThroughTape(_ expressions: [Expr]) -> [[Double]] {
        if expressions.isEmpty { return [] }
        return RowValues.run(Tape(outputs: expressions), rows: term.rows, columns: columns, blockSize: 256)
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
        if dataArguments.isEmpty, present.isEmpty, let row = TermData.firstOutside(values[0], family.support) {
            throw .outsideSupport(family: family.name, support: family.support, row: row + 1, value: values[0][row])
        } else if dataArguments.isEmpty, present.isEmpty {
            return
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

    /// The first row (from 0) of `y` outside `support`, for a support that needs no arguments,
    /// or nil: the response alone, checked block by block with the test chosen once (not per
    /// row), and the offending row looked for only in a block that has one.
    static func firstOutside(_ y: [Double], _ support: Support) -> Int? {
        switch support {
        case .real: return firstNotFinite(y)
        case .positive: return firstFailing(y) { $0 > 0 && $0.isFinite }
        case .nonnegative: return firstFailing(y) { $0 >= 0 && $0.isFinite }
        case .openUnitInterval: return firstFailing(y) { $0 > 0 && $0 < 1 }
        case .binary: return firstFailing(y) { $0 == 0 || $0 == 1 }
        case .count: return firstFailing(y) { $0 >= 0 && $0.isWholeNumber }
        default: return y.firstIndex { !support.contains($0, arguments: []) }
        }
    }

    /// The first row that is ±∞ or NaN: x·0 is 0 for every finite x and NaN otherwise, so
    /// a block whose Σ xᵢ·0 is not 0 has one (four lanes, no branch per row).
    static func firstNotFinite(_ y: [Double]) -> Int? {
        y.withUnsafeBufferPointer { b -> Int? in
            guard let base = b.baseAddress else { return nil }
            var start = 0
            while start < b.count {
                let end = min(b.count, start + 4096)
                var lanes = SIMD4<Double>(repeating: 0)
                var i = start
                while i + 4 <= end {
                    lanes += SIMD4(base[i], base[i + 1], base[i + 2], base[i + 3]) * 0
                    i += 4
                }
                var tail = 0.0
                while i < end {
                    tail += base[i] * 0
                    i += 1
                }
                if lanes.sum() + tail != 0 { return (start..<end).first { !b[$0].isFinite } }
                start = end
            }
            return nil
        }
    }

    @inline(__always)
    static func firstFailing(_ y: [Double], _ inside: (Double) -> Bool) -> Int? {
        y.withUnsafeBufferPointer { b -> Int? in
            var start = 0
            while start < b.count {
                let end = min(b.count, start + 4096)
                var outside = 0
                for i in start..<end { outside &+= inside(b[i]) ? 0 : 1 }
                if outside > 0 { return (start..<end).first { !inside(b[$0]) } }
                start = end
            }
            return nil
        }
    }

    /// The statistics' values: Σᵢ Πₖ (uₖ − cₖ)^pₖ with cₖ near the atoms' means (centred), and
    /// the raw sums Σᵢ Πₖ uₖ^pₖ for showing; every statistic in one pass (OnePassStatistics).
    /// The pilots cₖ are the means of the first block of rows, so no pass is spent on the
    /// means; where one lies more than a standard deviation from its column's mean (sorted
    /// data) the pass is made again about the mean (`recentred`). An atom that is a data
    /// column is read in place, not copied.
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
        let polynomial = form.statistics.filter { !$0.isConstantPart }
        let monomials = polynomial.map { stat in stat.powers.map { (column: $0.atom, power: $0.power) } }
        let centring = Array(atomColumns.prefix(form.atoms.count))
        let piloted = form.atoms.indices.map { k in k < form.pilots.count && form.pilots[k] != nil }
        var pilots = form.atoms.indices.map { k in piloted[k] ? TermData.provisionalPilot(centring[k]) : 0 }
        var sums = TermData.withBuffers(centring) { buffers in
            OnePassStatistics.moments(monomials, columns: buffers, pilots: pilots, rows: term.rows)
        }
        if let better = TermData.recentred(pilots, piloted, sums, rows: term.rows) {
            pilots = better
            sums = TermData.withBuffers(centring) { buffers in
                OnePassStatistics.moments(monomials, columns: buffers, pilots: pilots, rows: term.rows)
            }
        }
        for (k, pilot) in form.pilots.enumerated() {
            if let pilot, k < pilots.count { values[pilot] = pilots[k] }
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

    /// The mean of a column's first `OnePassStatistics.blockSize` values: a pilot near the
    /// mean without a pass over the data.
    static func provisionalPilot(_ column: [Double]) -> Double {
        let head = Array(column.prefix(OnePassStatistics.blockSize))
        let c = Summation.mean(head)
        return c.isFinite ? c : 0
    }

    /// Better pilots (the means), when a pilot c lies far from its column's mean: with
    /// d = Σ(u − c)/n and v = Σ(u − c)²/n − d², a centred sum about c loses about
    /// log₁₀(1 + d²/v) digits to cancellation against one about the mean; re-centred when
    /// d² > v (more than a quarter of a digit lost), or v = 0 with d ≠ 0. nil: keep them.
    static func recentred(_ pilots: [Double], _ piloted: [Bool], _ sums: OnePassStatistics.Sums, rows: Int)
        -> [Double]?
    {
        let n = Double(rows)
        var better = pilots
        var changed = false
        for k in pilots.indices where piloted[k] {
            let d = sums.first[k] / n
            let v = sums.second[k] / n - d * d
            guard d.isFinite, v.isFinite, d != 0, d * d > v else { continue }
            better[k] = pilots[k] + d
            changed = true
        }
        return changed ? better : nil
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
