/// Where each param lives in the flat vector θ the symbolic engine and the
/// solvers see: scalars take one slot, `vector[K]` params K slots, in the
/// order the params were declared.
public struct ParameterLayout: Sendable {
    public struct Entry: Sendable {
        public let name: String
        public let offset: Int
        /// nil for a scalar.
        public let length: Int?
        /// Open bounds of the constraint (nil: unbounded on that side).
        public let lower: Double?
        public let upper: Double?
        public let start: [Double]
        /// Names of the components (the data columns they multiply, `woolB`), when known.
        public var labels: [String]?
        /// Whether the script gave the start value (`= v`); else it is the default, which a
        /// method may replace by one read from the data (a Cauchy's median).
        public var startGiven = false

        public init(
            name: String, offset: Int, length: Int?, lower: Double?, upper: Double?, start: [Double],
            labels: [String]? = nil
        ) {
            self.name = name
            self.offset = offset
            self.length = length
            self.lower = lower
            self.upper = upper
            self.start = start
            self.labels = labels
        }

        public var size: Int { length ?? 1 }
        public var slots: Range<Int> { offset..<(offset + size) }

        /// "σ", "w[2]", or "w[woolB]" when the component is bound to a named column.
        public func componentName(_ k: Int) -> String {
            guard length != nil else { return name }
            if let labels, k < labels.count { return "\(name)[\(labels[k])]" }
            return "\(name)[\(k + 1)]"
        }

        /// The map to unconstrained coordinates the optimiser works in.
        public var transform: ParameterTransform { ParameterTransform(lower: lower, upper: upper) }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public var count: Int { entries.reduce(0) { $0 + $1.size } }

    public func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// "σ" or "w[2]" for slot i.
    public func slotName(_ i: Int) -> String {
        guard let e = owner(i) else { return "θ\(i + 1)" }
        return e.componentName(i - e.offset)
    }

    /// The entry owning slot i.
    public func owner(_ i: Int) -> Entry? { entries.first { $0.slots.contains(i) } }

    public var start: [Double] { entries.flatMap(\.start) }

    /// Each slot's map to unconstrained coordinates.
    public var transforms: [ParameterTransform] {
        entries.flatMap { e in Array(repeating: e.transform, count: e.size) }
    }

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
