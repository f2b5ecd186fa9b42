import LinearAlgebra

/// Sums of products of powers of data columns, Σᵢ Πₖ (uᵢₖ − cₖ)^pₖ, for many statistics at
/// once in one pass over the rows: the sufficient statistics of a likelihood (n, Σx, Σx²,
/// Σxy, …) centred at pilots cₖ (near the columns' means, so a variance from Σ(x − c)²
/// does not cancel), and the same sums raw (cₖ = 0) for showing them.
///
/// The rows go in blocks of `blockSize`: each column's block is shifted once, each
/// statistic's products are formed column-wise by repeated multiplication (no `pow`) and
/// summed in four lanes, and each block's sum is added to a compensated (Neumaier) total.
/// Error: a block sum of b terms carries at most ≈ b·ε·Σ|tᵢ| (b = 256: 6·10⁻¹⁴ of the
/// sum of magnitudes, ≈ √b·ε in practice); the compensated totals over blocks add only ε
/// relative, so the result does not drift with the number of rows. This is the function
/// an aggregate query computes: the same products, summed by the database.
public enum OnePassStatistics {
    /// One statistic: Πₖ over its (column, power) pairs.
    public typealias Monomial = [(column: Int, power: Int)]

    static let blockSize = 256

    /// The sums, with each column's first and second moments about its pilot (Σ(u − c),
    /// Σ(u − c)²), which tell whether the pilot was near enough the mean.
    public struct Sums {
        public var centred: [Double]
        public var raw: [Double]
        public var first: [Double]
        public var second: [Double]
    }

    /// (centred, raw) sums of each monomial over `rows` rows of `columns`, with `pilots` the
    /// centring values per column.
    public static func sums(
        _ monomials: [Monomial], columns: [UnsafeBufferPointer<Double>], pilots: [Double], rows: Int
    ) -> (centred: [Double], raw: [Double]) {
        let s = moments(monomials, columns: columns, pilots: pilots, rows: rows)
        return (s.centred, s.raw)
    }

    /// The sums and each column's moments about its pilot, in one pass. The raw sums are
    /// not formed separately where every pilot is 0 (they are the centred ones).
    public static func moments(
        _ monomials: [Monomial], columns: [UnsafeBufferPointer<Double>], pilots: [Double], rows: Int
    ) -> Sums {
        let k = columns.count
        let centredOnly = pilots.allSatisfy { $0 == 0 }
        // Statistics summed: the monomials centred, then raw (unless the same), then Σ(u − c)
        // and Σ(u − c)² per column; each a list of (column, shifted?) factors.
        var factors: [[(column: Int, shifted: Bool)]] = []
        for m in monomials { factors.append(m.flatMap { f in Array(repeating: (f.column, true), count: f.power) }) }
        if !centredOnly {
            for m in monomials {
                factors.append(m.flatMap { f in Array(repeating: (f.column, false), count: f.power) })
            }
        }
        for c in 0..<k { factors.append([(c, true)]) }
        for c in 0..<k { factors.append([(c, true), (c, true)]) }
        // A moment that is also a statistic (Σ(x − c), Σ(x − c)² of a Normal) is summed once.
        var unique: [[(column: Int, shifted: Bool)]] = []
        var position: [String: Int] = [:]
        let slot = factors.map { fs -> Int in
            let key = fs.map { "\($0.column)\($0.shifted ? "s" : "r")" }.joined(separator: ",")
            if let p = position[key] { return p }
            position[key] = unique.count
            unique.append(fs)
            return unique.count - 1
        }
        // Segments of rows (`RowSegments`, cut as soon as there is more than one) summed
        // on every core at once, each into its own compensated totals, then merged in row order:
        // the segments are fixed by the row count alone, so the result is the same on any number
        // of cores (and, up to one segment, the same as one running total).
        nonisolated(unsafe) let columns = columns
        let parts = RowSegments.map(rows, splittingFrom: RowSegments.rows + 1) { range in
            segmentSums(unique, columns: columns, pilots: pilots, rows: range)
        }
        var totals = parts[0].totals
        var corrections = parts[0].corrections
        for part in parts.dropFirst() {
            for s in totals.indices {
                add(part.totals[s], to: &totals[s], &corrections[s])
                corrections[s] += part.corrections[s]
            }
        }
        for s in totals.indices where totals[s].isFinite { totals[s] += corrections[s] }
        totals = slot.map { totals[$0] }
        let m = monomials.count
        let rawStart = centredOnly ? 0 : m
        let momentStart = centredOnly ? m : 2 * m
        return Sums(
            centred: Array(totals[0..<m]), raw: Array(totals[rawStart..<(rawStart + m)]),
            first: Array(totals[momentStart..<(momentStart + k)]),
            second: Array(totals[(momentStart + k)..<(momentStart + 2 * k)]))
    }

    /// Each statistic's compensated total (sum and correction) over `range`, block by block.
    static func segmentSums(
        _ unique: [[(column: Int, shifted: Bool)]], columns: [UnsafeBufferPointer<Double>], pilots: [Double],
        rows range: Range<Int>
    ) -> (totals: [Double], corrections: [Double]) {
        let k = columns.count
        var totals = [Double](repeating: 0, count: unique.count)
        var corrections = [Double](repeating: 0, count: unique.count)
        let b = blockSize
        var shifted = [Double](repeating: 0, count: max(k, 1) * b)
        var product = [Double](repeating: 0, count: b)
        var start = range.lowerBound
        while start < range.upperBound {
            let n = min(b, range.upperBound - start)
            for c in 0..<k {
                let column = columns[c].baseAddress! + start
                let pilot = pilots[c]
                shifted.withUnsafeMutableBufferPointer { s in
                    for i in 0..<n { s[c * b + i] = column[i] - pilot }
                }
            }
            for (s, fs) in unique.enumerated() {
                let blockSum = product.withUnsafeMutableBufferPointer { p in
                    shifted.withUnsafeBufferPointer { sh in
                        OnePassStatistics.blockProductSum(fs, columns, sh, start, n, p)
                    }
                }
                add(blockSum, to: &totals[s], &corrections[s])
            }
            start += n
        }
        return (totals, corrections)
    }

    /// Σ over one block of the product of the factors (a shifted column or a raw one).
    @inline(__always)
    static func blockProductSum(
        _ factors: [(column: Int, shifted: Bool)], _ columns: [UnsafeBufferPointer<Double>],
        _ shifted: UnsafeBufferPointer<Double>, _ start: Int, _ n: Int, _ p: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let b = blockSize
        guard let head = factors.first else { return Double(n) }
        func source(_ f: (column: Int, shifted: Bool)) -> UnsafePointer<Double> {
            f.shifted ? shifted.baseAddress! + f.column * b : columns[f.column].baseAddress! + start
        }
        let first = source(head)
        if factors.count == 1 { return laneSum(first, n) }
        if factors.count == 2 { return laneProductSum(first, source(factors[1]), n) }
        for i in 0..<n { p[i] = first[i] }
        for f in factors.dropFirst() {
            let x = source(f)
            for i in 0..<n { p[i] *= x[i] }
        }
        return laneSum(UnsafePointer(p.baseAddress!), n)
    }

    /// Σ xᵢ over n values in four interleaved lanes (vectorisable; the lanes added at the end).
    @inline(__always)
    static func laneSum(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
        var lanes = SIMD4<Double>(repeating: 0)
        var i = 0
        while i + 4 <= n {
            lanes += SIMD4(x[i], x[i + 1], x[i + 2], x[i + 3])
            i += 4
        }
        var tail = 0.0
        while i < n {
            tail += x[i]
            i += 1
        }
        return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + tail
    }

    /// Σ xᵢ·yᵢ over n values in four interleaved lanes.
    @inline(__always)
    static func laneProductSum(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int) -> Double {
        var lanes = SIMD4<Double>(repeating: 0)
        var i = 0
        while i + 4 <= n {
            lanes += SIMD4(x[i], x[i + 1], x[i + 2], x[i + 3]) * SIMD4(y[i], y[i + 1], y[i + 2], y[i + 3])
            i += 4
        }
        var tail = 0.0
        while i < n {
            tail += x[i] * y[i]
            i += 1
        }
        return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + tail
    }

    /// Neumaier's step: s + x with its rounding error kept in c.
    @inline(__always)
    static func add(_ x: Double, to s: inout Double, _ c: inout Double) {
        let t = s + x
        c += Swift.abs(s) >= Swift.abs(x) ? (s - t) + x : (x - t) + s
        s = t
    }
}
