import Diagnostics

/// A column's values as a factor (R's `factor`): the distinct values, its levels,
/// in a fixed order, and each row's level as a code.
///
/// **Order.** A factor made from data (`Column.factor()`, `init(name:values:)`,
/// `init(name:numbers:)`) has its levels sorted as R's `sort()` sorts them in
/// the C locale: text by its UTF-8 bytes, which is Unicode code point order
/// (`"B" < "a" < "é"`), numbers by value (`2 < 10`). `withBaseline(_:)` moves
/// one level to the front, as R's `relevel`; `ordered(as:)` takes an order given
/// in full, as `factor(x, levels = …)`.
///
/// **Codes** are 1-based positions in `levels` (R's `as.integer(f)`): row i has
/// the level `levels[codes[i] - 1]`. So a vector param indexed by a factor,
/// `μ[d.class]`, reads component `codes[i]` in row i, and with the data's own
/// order component k belongs to the k-th level in sorted order.
///
/// **Treatment coding** (R's default contrasts): the first level is the
/// baseline, and each other level k has an indicator column, 1 in the rows at
/// that level and 0 elsewhere, labelled by the factor's name and the level
/// (`woolB`), so in a linear predictor with an intercept each coefficient is
/// that level's difference from the baseline.
public struct Factor: Sendable, Equatable {
    /// The column the levels come from ("tension"); labels are this name followed by a level.
    public let name: String
    /// The levels in coding order: the first is the baseline. Distinct.
    public let levels: [String]
    /// Each row's level, as a 1-based position in `levels`.
    public let codes: [Int]

    /// A factor with these levels and codes (each code in 1...levels.count).
    public init(name: String, levels: [String], codes: [Int]) {
        self.name = name
        self.levels = levels
        self.codes = codes
    }

    /// The factor of these texts, its levels sorted by their UTF-8 bytes.
    ///
    /// Texts that Swift counts as equal (canonically equivalent Unicode, such as
    /// "é" written as one code point or as "e" and a combining accent) are one
    /// level, spelt as first met.
    public init(name: String, values: [String]) {
        var firstSeen: [String: String] = [:]
        for v in values where firstSeen[v] == nil { firstSeen[v] = v }
        let sorted = firstSeen.values.sorted(by: Factor.precedes)
        self.init(name: name, sortedLevels: sorted, rows: values)
    }

    /// The factor of these numbers (none NaN), its levels sorted by value and
    /// written as the shortest decimal that reads back as the number ("4", "0.5").
    public init(name: String, numbers: [Double]) {
        let distinct = Set(numbers.map { $0 == 0 ? 0 : $0 }).sorted()
        let labels = distinct.map(NumberFormat.shortest)
        var code: [Double: Int] = [:]
        for (k, x) in distinct.enumerated() { code[x] = k + 1 }
        self.init(name: name, levels: labels, codes: numbers.map { code[$0 == 0 ? 0 : $0] ?? 1 })
    }

    private init(name: String, sortedLevels: [String], rows: [String]) {
        var code: [String: Int] = [:]
        for (k, level) in sortedLevels.enumerated() { code[level] = k + 1 }
        self.init(name: name, levels: sortedLevels, codes: rows.map { code[$0] ?? 1 })
    }

    /// C-locale order: by UTF-8 bytes (the order of Unicode code points).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// The number of rows.
    public var count: Int { codes.count }

    /// The baseline level (the first), or nil for a factor with no levels.
    public var baseline: String? { levels.first }

    /// The 1-based code of a level, or nil if it is not one.
    public func code(of level: String) -> Int? {
        levels.firstIndex(of: level).map { $0 + 1 }
    }

    /// The level of the 0-based `row`.
    public func level(atRow row: Int) -> String {
        levels[codes[row] - 1]
    }

    /// How many rows each level has, in level order.
    public var rowCounts: [Int] {
        var counts = [Int](repeating: 0, count: levels.count)
        for c in codes { counts[c - 1] += 1 }
        return counts
    }

    /// The same factor with `level` first (the baseline) and the others in their order,
    /// as R's `relevel`; an error if it is not a level.
    public func withBaseline(_ level: String) -> Result<Factor, FactorError> {
        guard let k = code(of: level) else {
            return .failure(.notALevel(level, factor: name, levels: levels))
        }
        return ordered(as: [level] + levels.enumerated().filter { $0.offset != k - 1 }.map(\.element))
    }

    /// The same rows with the levels in this order, as R's `factor(x, levels = order)`.
    /// Every level a row has must be listed, once; a listed level may have no rows.
    public func ordered(as order: [String]) -> Result<Factor, FactorError> {
        var code: [String: Int] = [:]
        for (k, level) in order.enumerated() {
            if code[level] != nil { return .failure(.listedTwice(level, factor: name)) }
            code[level] = k + 1
        }
        var codes: [Int] = []
        codes.reserveCapacity(count)
        for (row, c) in self.codes.enumerated() {
            guard let new = code[levels[c - 1]] else {
                return .failure(.notListed(levels[c - 1], row: row + 1, factor: name))
            }
            codes.append(new)
        }
        return .success(Factor(name: name, levels: order, codes: codes))
    }

    /// A factor whose rows are this factor's levels, one each (what `levels(f)` gives).
    public var levelsAsFactor: Factor {
        Factor(name: name, levels: levels, codes: levels.indices.map { $0 + 1 })
    }
}
