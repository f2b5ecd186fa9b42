import LinearAlgebra

/// Sums of products of powers of data columns, Σᵢ Πₖ (uᵢₖ − cₖ)^pₖ, for many statistics at
/// once in one pass over the rows: the sufficient statistics of a likelihood (n, Σx, Σx²,
/// Σxy, …) centred at pilots cₖ (the columns' means, so a variance from Σ(x − c)² does
/// not cancel), and the same sums raw (cₖ = 0) for showing them.
///
/// Each row's powers are built by repeated multiplication (no `pow`), and every sum is
/// compensated (Neumaier), so the result does not depend on the number of rows beyond
/// rounding. This is the function an aggregate query computes: the same products, summed
/// by the database.
public enum OnePassStatistics {
    /// One statistic: Πₖ over its (column, power) pairs.
    public typealias Monomial = [(column: Int, power: Int)]

    /// (centred, raw) sums of each monomial over `rows` rows of `columns`, with `pilots` the
    /// centring values per column.
    public static func sums(
        _ monomials: [Monomial], columns: [UnsafeBufferPointer<Double>], pilots: [Double], rows: Int
    ) -> (centred: [Double], raw: [Double]) {
        let m = monomials.count
        var centred = [Double](repeating: 0, count: m)
        var centredCorrection = [Double](repeating: 0, count: m)
        var raw = [Double](repeating: 0, count: m)
        var rawCorrection = [Double](repeating: 0, count: m)
        let k = columns.count
        // The monomials flattened: factor f of statistic s is column factorColumn[f] taken
        // once, for f in factorStart[s]..<factorStart[s + 1] (a power p is p factors).
        var factorColumn: [Int] = []
        var factorStart = [0]
        for monomial in monomials {
            for (c, p) in monomial { factorColumn += [Int](repeating: c, count: p) }
            factorStart.append(factorColumn.count)
        }
        var shifted = [Double](repeating: 0, count: max(k, 1))
        var plain = [Double](repeating: 0, count: max(k, 1))
        for i in 0..<rows {
            for c in 0..<k {
                plain[c] = columns[c][i]
                shifted[c] = plain[c] - pilots[c]
            }
            for s in 0..<m {
                var a = 1.0
                var b = 1.0
                for f in factorStart[s]..<factorStart[s + 1] {
                    let c = factorColumn[f]
                    a *= shifted[c]
                    b *= plain[c]
                }
                add(a, to: &centred[s], &centredCorrection[s])
                add(b, to: &raw[s], &rawCorrection[s])
            }
        }
        for s in 0..<m {
            if centred[s].isFinite { centred[s] += centredCorrection[s] }
            if raw[s].isFinite { raw[s] += rawCorrection[s] }
        }
        return (centred, raw)
    }

    /// Neumaier's step: s + x with its rounding error kept in c.
    @inline(__always)
    static func add(_ x: Double, to s: inout Double, _ c: inout Double) {
        let t = s + x
        c += Swift.abs(s) >= Swift.abs(x) ? (s - t) + x : (x - t) + s
        s = t
    }
}
