import Data

/// What kind of value an expression has, as far as can be known before running it.
/// A dimension of `nil` is not known yet (it depends on a computed length).
public enum Shape: Sendable, CustomStringConvertible {
    case scalar
    case vector(Int?)
    case matrix(Int?, Int?)
    case table(Table)
    /// A table column that arithmetic cannot use (text, or with missing cells).
    case unusableColumn(Int, CellProblem)
    /// A text column with a level in every row, or `factor(…)` of a column: its levels and
    /// codes, and for a text column the problem arithmetic on it reports (its first cell
    /// that is not a number).
    case factor(Factor, CellProblem?)
    /// `d[a, b]`, or a factor's indicator columns: a matrix of rows × labels.count whose
    /// columns are labelled (`hp`, `woolB`), so the coefficients bound to them are named;
    /// `expanded` when a factor gave some of them.
    case design(Int, [String], expanded: Bool)
    case string
    case distribution(String)
    /// `a ± b`
    case interval
    /// Unknown because an error was already reported, or not knowable statically.
    case unknown

    public var description: String {
        switch self {
        case .scalar: return "a number"
        case .vector(let n): return n.map { "a vector of \($0)" } ?? "a vector"
        case .matrix(let r, let c):
            return "a \(r.map(String.init) ?? "?")×\(c.map(String.init) ?? "?") matrix"
        case .table(let t): return "a table (\(t.rowCount) rows × \(t.columns.count) columns)"
        case .unusableColumn(let n, _): return "a column of \(n) cells"
        case .factor(let f, let text):
            let kind = text == nil ? "a factor" : "a text column"
            return "\(kind) of \(f.count) rows with \(f.levels.count) \(f.levels.count == 1 ? "level" : "levels")"
        case .design(let r, let labels, _): return "a \(r)×\(labels.count) matrix"
        case .string: return "a string"
        case .distribution(let d): return "a \(d) distribution"
        case .interval: return "an interval"
        case .unknown: return "a value"
        }
    }

    /// Unknown because an error was already reported (so no further message is due).
    public var isUnknown: Bool { if case .unknown = self { return true } else { return false } }

    /// Numbers, vectors and matrices: what arithmetic accepts.
    public var isNumeric: Bool {
        switch self {
        case .scalar, .vector, .matrix, .design, .unknown: return true
        default: return false
        }
    }

    /// The number of rows a per-row (model) value has: 1 for a scalar.
    public var rows: Int? {
        switch self {
        case .scalar: return 1
        case .vector(let n): return n
        case .matrix(let r, _): return r
        case .design(let r, _, _): return r
        default: return nil
        }
    }
}
