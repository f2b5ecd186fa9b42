import Diagnostics
import Syntax

/// Where each param lives in the flat vector θ the symbolic engine and the
/// solvers see: scalars take one slot, `vector[K]` params K slots, in the
/// order the params were declared.
struct ParameterLayout {
    struct Entry {
        let name: String
        let offset: Int
        /// nil for a scalar.
        let length: Int?
        /// Open bounds of the constraint (nil: unbounded on that side).
        let lower: Double?
        let upper: Double?
        let start: [Double]
        let span: SourceSpan

        var size: Int { length ?? 1 }
    }

    let entries: [Entry]

    var count: Int { entries.reduce(0) { $0 + $1.size } }

    func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// "σ" or "w[2]" for slot i.
    func slotName(_ i: Int) -> String {
        for e in entries where i >= e.offset && i < e.offset + e.size {
            return e.length == nil ? e.name : "\(e.name)[\(i - e.offset + 1)]"
        }
        return "θ\(i + 1)"
    }

    /// The entry owning slot i.
    func owner(_ i: Int) -> Entry? { entries.first { i >= $0.offset && i < $0.offset + $0.size } }

    var start: [Double] { entries.flatMap(\.start) }

    /// DESIGN.md's defaults: 0 unconstrained, a + 1 for > a, b − 1 for < b, the midpoint of (a, b).
    static func defaultStart(lower: Double?, upper: Double?) -> Double {
        switch (lower, upper) {
        case (let a?, let b?): return (a + b) / 2
        case (let a?, nil): return a + 1
        case (nil, let b?): return b - 1
        case (nil, nil): return 0
        }
    }
}
