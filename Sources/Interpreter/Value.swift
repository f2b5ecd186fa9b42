import Data
import LinearAlgebra
import Model
import Report

/// A value the interpreter computes: what data, lets and expressions evaluate to.
public enum Value: @unchecked Sendable {
    case number(Double)
    case vector([Double])
    case matrix(Matrix)
    case table(Table)
    /// A table column that is not numbers (names, factor levels), or has missing cells.
    case column(Column, table: String)
    /// A factor: `factor(d.col, ref: …)`, or `levels(…)` (whose rows are the levels themselves).
    case factor(Factor)
    /// `d[a, b]`, or a factor's indicator columns: a matrix whose columns are labelled.
    case design(DesignMatrix)
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
        case .design(let d): return d.matrix.elements
        default: return nil
        }
    }

    /// The same shape holding other numbers.
    func withElements(_ e: [Double]) -> Value {
        switch self {
        case .number: return .number(e[0])
        case .matrix(let m): return .matrix(Matrix(rows: m.rows, columns: m.columns, elements: e))
        case .design(let d): return .matrix(Matrix(rows: d.matrix.rows, columns: d.matrix.columns, elements: e))
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
        case .column(let c, _): return "a column of \(c.count) cells"
        case .factor(let f): return "a factor of \(f.count) rows with \(f.levels.count) levels"
        case .design(let d): return "a \(d.matrix.rows)×\(d.matrix.columns) matrix"
        case .string: return "a string"
        case .distribution(let d, _): return "a \(d.name) distribution"
        case .interval: return "an interval"
        }
    }
}

extension Value {
    /// The value as `print` shows it (a Report value, rendered as text or JSON).
    var printed: PrintedValue {
        switch self {
        case .number(let x): return .number(x)
        case .vector(let xs): return .vector(xs)
        case .matrix(let m): return .matrix((0..<m.rows).map { m.row($0) })
        case .table(let t): return .table(t.view())
        case .column(let c, _): return .column(c.cells)
        case .factor(let f): return .column(f.codes.map { f.levels[$0 - 1] })
        case .design(let d): return .matrix((0..<d.matrix.rows).map { d.matrix.row($0) })
        case .string(let s): return .string(s)
        case .distribution(let d, let args): return .distribution(d.name, args.map(\.printed))
        case .interval(let a, let b): return .interval(a, b)
        }
    }
}

extension Table {
    /// The first rows of the table, for printing (a query's first rows only, when its rows are
    /// still in the database).
    func view(rowLimit: Int = 10) -> TableView {
        if let query, !query.isFetched, let first = try? query.firstRows(rowLimit) {
            let rows = (0..<first.count).map { i in
                columns.indices.map { j -> TableView.Cell in
                    if columns[j].kind == .numeric {
                        let x = first.numbers[j].indices.contains(i) ? first.numbers[j][i] : .nan
                        return x.isNaN ? .missing : .number(x)
                    }
                    let text = first.texts[j].indices.contains(i) ? first.texts[j][i] : nil
                    return text.map(TableView.Cell.text) ?? .missing
                }
            }
            return TableView(name: name, rowCount: rowCount, columnNames: columnNames, rows: rows)
        }
        let rows = (0..<min(rowCount, rowLimit)).map { i in
            columns.map { c -> TableView.Cell in
                guard let cell = c.cell(at: i) else { return .missing }
                return c.kind == .numeric ? .number(c.values[i]) : .text(cell)
            }
        }
        return TableView(name: name, rowCount: rowCount, columnNames: columnNames, rows: rows)
    }
}
