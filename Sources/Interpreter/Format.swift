import Data
import Foundation
import LinearAlgebra
import Report

/// How values are written for people: numbers to 10 significant digits,
/// integers without a decimal point, long vectors and tables elided.
public enum Format {
    /// 10 significant digits, integers without a decimal point (the report's format).
    public static func number(_ x: Double, digits: Int = 10) -> String { TextTable.number(x, digits: digits) }

    /// The shortest decimal that reads back as the same double (5.01, not 5.0099999999999998).
    public static func shortest(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// Up to `limit` elements are shown; longer vectors show their ends and their length.
    public static func vector(_ v: [Double], limit: Int = 100) -> String {
        if v.count <= limit { return "[" + v.map { number($0) }.joined(separator: ", ") + "]" }
        let head = v.prefix(limit - 10).map { number($0) }.joined(separator: ", ")
        let tail = v.suffix(5).map { number($0) }.joined(separator: ", ")
        return "[\(head), …, \(tail)]  (\(v.count) values)"
    }

    public static func matrix(_ m: Matrix, rowLimit: Int = 20) -> String {
        if m.rows == 0 { return "[]" }
        let shown = m.rows <= rowLimit ? Array(0..<m.rows) : Array(0..<(rowLimit - 5)) + Array((m.rows - 5)..<m.rows)
        let cells = shown.map { i in (0..<m.columns).map { number(m[i, $0]) } }
        var widths = [Int](repeating: 0, count: m.columns)
        for row in cells { for (j, c) in row.enumerated() { widths[j] = max(widths[j], c.count) } }
        var lines: [String] = []
        for (k, row) in cells.enumerated() {
            let body = row.enumerated().map { j, c in String(repeating: " ", count: widths[j] - c.count) + c }
                .joined(separator: ", ")
            let open = k == 0 ? "[[" : " ["
            let close = k == cells.count - 1 ? "]]" : "],"
            lines.append(open + body + close)
            if m.rows > rowLimit, k == rowLimit - 6 { lines.append("  …") }
        }
        var text = lines.joined(separator: "\n")
        if m.rows > rowLimit { text += "  (\(m.rows) rows)" }
        return text
    }

    public static func table(_ t: Table, rowLimit: Int = 10) -> String {
        let names = t.columnNames
        let rows = min(t.rowCount, rowLimit)
        var grid = [names]
        for i in 0..<rows {
            grid.append(t.columns.map { c in c.cells[i].map { c.kind == .numeric ? number(c.values[i]) : $0 } ?? "" })
        }
        var widths = [Int](repeating: 0, count: names.count)
        for row in grid { for (j, c) in row.enumerated() { widths[j] = max(widths[j], c.count) } }
        var lines = grid.map { row in
            row.enumerated().map { j, c in c + String(repeating: " ", count: widths[j] - c.count) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        lines.insert(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "), at: 1)
        var header = "\(t.name): \(t.rowCount) rows × \(t.columns.count) columns"
        if t.rowCount > rows { header += " (first \(rows) shown)" }
        return header + "\n" + lines.joined(separator: "\n")
    }

    public static func value(_ v: Value) -> String {
        switch v {
        case .number(let x): return number(x)
        case .vector(let xs): return vector(xs)
        case .matrix(let m): return matrix(m)
        case .table(let t): return table(t)
        case .column(let c, _):
            let shown = c.cells.prefix(100).map { $0.map { "\"\($0)\"" } ?? "missing" }
            return "[" + shown.joined(separator: ", ") + (c.cells.count > 100 ? ", …]  (\(c.cells.count) values)" : "]")
        case .string(let s): return s
        case .distribution(let d, let args): return "\(d.name)(" + args.map(value).joined(separator: ", ") + ")"
        case .interval(let a, let b): return "[\(number(a)), \(number(b))]"
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
