/// Where each param lives in the flat vector θ the symbolic engine and the
/// solvers see: scalars take one slot, `vector[K]` params K slots, a simplex
/// K·V slots (every component, the constraint kept by the coordinates the
/// optimiser works in), a matrix its rows one after another; in the order the
/// params were declared.
public struct ParameterLayout: Sendable {
    public struct Entry: Sendable {
        public let name: String
        public let offset: Int
        /// nil for a scalar; otherwise the number of slots in θ.
        public let length: Int?
        /// Open bounds of the constraint (nil: unbounded on that side); [0, 1] for a simplex's components.
        public let lower: Double?
        public let upper: Double?
        public let start: [Double]
        /// Names of the components (the data columns they multiply, `woolB`), when known.
        public var labels: [String]?
        /// Whether the script gave the start value (`= v`); else it is the default, which a
        /// method may replace by one read from the data (a Cauchy's median).
        public var startGiven = false
        /// How the slots are arranged: a vector, simplex rows, or matrix rows.
        public let shape: ParamShape
        /// Names of the rows and of the columns of a two-dimensional param (`P[the, cat]`), or of
        /// the components of a one-dimensional one, when they are levels of a text column.
        public var dimensionLabels: [[String]?]

        public init(
            name: String, offset: Int, length: Int?, lower: Double?, upper: Double?, start: [Double],
            labels: [String]? = nil, shape: ParamShape? = nil, dimensionLabels: [[String]?] = []
        ) {
            self.name = name
            self.offset = offset
            self.length = length
            self.lower = lower
            self.upper = upper
            self.start = start
            self.labels = labels
            self.shape = shape ?? (length.map { .vector($0) } ?? .scalar)
            self.dimensionLabels = dimensionLabels
        }

        public var size: Int { length ?? 1 }
        public var slots: Range<Int> { offset..<(offset + size) }

        /// "σ", "w[2]", "w[woolB]" when the component is bound to a named column, "P[2, 3]" or
        /// "P[the, cat]" for a component of a two-dimensional param (rows counted as written:
        /// a matrix whose first row is fixed at 0 starts its slots at row 2).
        public func componentName(_ k: Int) -> String {
            guard length != nil else { return name }
            if let labels, k < labels.count { return "\(name)[\(labels[k])]" }
            let position = shape.position(ofSlot: k)
            let parts = position.enumerated().map { d, i -> String in
                if d < dimensionLabels.count, let names = dimensionLabels[d], i < names.count { return names[i] }
                return String(i + 1)
            }
            return "\(name)[\(parts.joined(separator: ", "))]"
        }

        /// The slot (from 0, within the entry) of the component at 1-based `indices`, or nil if out of range.
        public func slot(at indices: [Int]) -> Int? { shape.slot(at: indices) }

        /// The map to unconstrained coordinates of each component on its own; a simplex's
        /// components are mapped together (`ParameterCoordinates`), and this is only their range [0, 1].
        public var transform: ParameterTransform { ParameterTransform(lower: lower, upper: upper) }

        /// Whether the entry is one or more simplexes.
        public var isSimplex: Bool { if case .simplex = shape { return true } else { return false } }
    }

    public let entries: [Entry]
    /// Each entry's position by name, and the total number of slots: looked up per use of a
    /// param while a model is lowered, so a search would make 4,000 params quadratic.
    let positions: [String: Int]
    public let count: Int

    public init(entries: [Entry]) {
        self.entries = entries
        var positions: [String: Int] = [:]
        for (k, e) in entries.enumerated() where positions[e.name] == nil { positions[e.name] = k }
        self.positions = positions
        count = entries.reduce(0) { $0 + $1.size }
    }

    public func entry(_ name: String) -> Entry? { positions[name].map { entries[$0] } }

    /// "σ" or "w[2]" for slot i.
    public func slotName(_ i: Int) -> String {
        guard let e = owner(i) else { return "θ\(i + 1)" }
        return e.componentName(i - e.offset)
    }

    /// The entry owning slot i (found by bisection: entries are in slot order).
    public func owner(_ i: Int) -> Entry? {
        var (lo, hi) = (0, entries.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].slots.upperBound <= i { lo = mid + 1 } else { hi = mid }
        }
        return lo < entries.count && entries[lo].slots.contains(i) ? entries[lo] : nil
    }

    public var start: [Double] { entries.flatMap(\.start) }

    /// Each slot's map to unconstrained coordinates, taken on its own (a simplex component's
    /// is its range [0, 1]; the coordinates that keep the simplex are `coordinates`).
    public var transforms: [ParameterTransform] {
        entries.flatMap { e in Array(repeating: e.transform, count: e.size) }
    }

    /// The unconstrained coordinates the optimisers work in: one per scalar slot, V − 1 per simplex row.
    public var coordinates: ParameterCoordinates { ParameterCoordinates(self) }

    /// Whether any param is a simplex (then θ has fewer free directions than slots).
    public var hasSimplex: Bool { entries.contains(where: \.isSimplex) }

    /// The simplex rows: each a range of slots whose components sum to 1.
    public var simplexRows: [Range<Int>] {
        entries.flatMap { e -> [Range<Int>] in
            guard case .simplex(let rows, let outcomes) = e.shape else { return [] }
            return (0..<(rows ?? 1)).map { r in (e.offset + r * outcomes)..<(e.offset + (r + 1) * outcomes) }
        }
    }

    /// The number of free directions: the slots, less one per simplex row (its components sum
    /// to 1). AIC and BIC count these.
    public var freeCount: Int { count - simplexRows.count }

    /// The language's defaults (Grammar.md §3.3): 0 unconstrained, a + 1 for > a, b − 1 for < b, the midpoint of (a, b).
    public static func defaultStart(lower: Double?, upper: Double?) -> Double {
        switch (lower, upper) {
        case (let a?, let b?): return (a + b) / 2
        case (let a?, nil): return a + 1
        case (nil, let b?): return b - 1
        case (nil, nil): return 0
        }
    }
}
