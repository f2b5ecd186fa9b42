import Data
import LinearAlgebra
import Model

/// A value the interpreter computes: what data, lets and expressions evaluate to.
public enum Value: @unchecked Sendable {
    case number(Double)
    case vector([Double])
    case matrix(Matrix)
    case table(Table)
    /// A table column that is not numbers (names, factor levels), or has missing cells.
    case column(Column, table: String)
    case string(String)
    case distribution(any Distribution, [Value])
    /// `a ± b`, as its two ends.
    case interval(Double, Double)

    /// Numbers as a flat array (a number is one element), or nil for non-numeric values.
    var elements: [Double]? {
        switch self {
        case .number(let x): return [x]
        case .vector(let v): return v
        case .matrix(let m): return m.elements
        default: return nil
        }
    }

    /// The same shape holding other numbers.
    func withElements(_ e: [Double]) -> Value {
        switch self {
        case .number: return .number(e[0])
        case .matrix(let m): return .matrix(Matrix(rows: m.rows, columns: m.columns, elements: e))
        default: return .vector(e)
        }
    }

    var kindDescription: String {
        switch self {
        case .number: return "a number"
        case .vector(let v): return "a vector of \(v.count)"
        case .matrix(let m): return "a \(m.rows)×\(m.columns) matrix"
        case .table(let t):
            return "a table"
                + " (\(t.rowCount) rows × \(t.columns.count) columns)"
        case .column(let c, _): return "a column of \(c.cells.count) cells"
        case .string: return "a string"
        case .distribution(let d, _): return "a \(d.name) distribution"
        case .interval: return "an interval"
        }
    }
}
