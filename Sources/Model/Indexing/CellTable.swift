/// A term's rows grouped by the index columns its selectors read: one cell for each
/// combination of codes that occurs (a class; a bigram prev → next), found in one pass.
/// Cells are numbered in order of their codes (the first column slowest), so every
/// later pass over them is deterministic.
struct CellTable: Sendable {
    /// The index columns, as positions in the likelihood's `indexColumns`.
    let columns: [Int]
    /// The cell of each row.
    let cellOfRow: [Int32]
    /// Per column, each cell's code (1-based).
    let codes: [[Int32]]
    /// The rows in each cell.
    let counts: [Double]

    var count: Int { counts.count }

    /// Groups `rows` rows by the codes of `columns`. The combination is keyed in mixed radix
    /// (extents as digits); a direct table when the key space is not much larger than the
    /// data, a dictionary otherwise.
    init(columns: [Int], indexColumns: [IndexColumn], rows: Int) {
        self.columns = columns
        let extents = columns.map { indexColumns[$0].extent }
        let space = extents.reduce(1.0) { $0 * Double($1) }
        var keyOfRow = [Int](repeating: 0, count: rows)
        for (c, column) in columns.enumerated() {
            let codes = indexColumns[column].codes
            for i in 0..<rows { keyOfRow[i] = keyOfRow[i] * extents[c] + Int(codes[i]) - 1 }
        }
        // The keys in increasing order, each once.
        var keys: [Int]
        if space <= Double(max(4 * rows, 1 << 16)) {
            var seen = [Bool](repeating: false, count: Int(space))
            for k in keyOfRow { seen[k] = true }
            keys = seen.indices.filter { seen[$0] }
        } else {
            keys = Array(Set(keyOfRow)).sorted()
        }
        var cellOfKey: [Int: Int32] = [:]
        cellOfKey.reserveCapacity(keys.count)
        for (c, k) in keys.enumerated() { cellOfKey[k] = Int32(c) }
        var cellOfRow = [Int32](repeating: 0, count: rows)
        var counts = [Double](repeating: 0, count: keys.count)
        for i in 0..<rows {
            let c = cellOfKey[keyOfRow[i]] ?? 0
            cellOfRow[i] = c
            counts[Int(c)] += 1
        }
        self.cellOfRow = cellOfRow
        self.counts = counts
        // Each cell's codes back out of its key (last column fastest).
        var codes = extents.map { _ in [Int32](repeating: 0, count: keys.count) }
        for (c, key) in keys.enumerated() {
            var k = key
            for d in extents.indices.reversed() {
                codes[d][c] = Int32(k % extents[d] + 1)
                k /= extents[d]
            }
        }
        self.codes = codes
    }

    /// The θ slot a selector picks in each cell.
    func slots(of selector: Selector) -> [Int32] {
        let position = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        return (0..<count).map { c in
            Int32(selector.slot(code: { Int(codes[position[$0] ?? 0][c]) }) ?? 0)
        }
    }
}
