import Diagnostics

extension PrintedValue {
    /// How `print` writes the value: numbers to 10 significant digits, long vectors
    /// and matrices elided at their ends, tables as their first rows.
    public var text: String {
        switch self {
        case .number(let x): return NumberFormat.significant(x)
        case .vector(let xs): return PrintedValue.vectorText(xs)
        case .matrix(let rows): return PrintedValue.matrixText(rows)
        case .string(let s): return s
        case .interval(let a, let b): return "[\(NumberFormat.significant(a)), \(NumberFormat.significant(b))]"
        case .column(let cells):
            let shown = cells.prefix(100).map { $0.map { "\"\($0)\"" } ?? "missing" }
            return "[" + shown.joined(separator: ", ") + (cells.count > 100 ? ", …]  (\(cells.count) values)" : "]")
        case .table(let t): return t.text
        case .distribution(let name, let args): return "\(name)(" + args.map(\.text).joined(separator: ", ") + ")"
        }
    }

    /// Up to `limit` elements are shown; longer vectors show their ends and their length.
    static func vectorText(_ v: [Double], limit: Int = 100) -> String {
        let n = { (x: Double) in NumberFormat.significant(x) }
        if v.count <= limit { return "[" + v.map(n).joined(separator: ", ") + "]" }
        let head = v.prefix(limit - 10).map(n).joined(separator: ", ")
        let tail = v.suffix(5).map(n).joined(separator: ", ")
        return "[\(head), …, \(tail)]  (\(v.count) values)"
    }

    static func matrixText(_ m: [[Double]], rowLimit: Int = 20) -> String {
        if m.isEmpty { return "[]" }
        let columns = m[0].count
        let shown =
            m.count <= rowLimit ? Array(0..<m.count) : Array(0..<(rowLimit - 5)) + Array((m.count - 5)..<m.count)
        let cells = shown.map { i in m[i].map { NumberFormat.significant($0) } }
        var widths = [Int](repeating: 0, count: columns)
        for row in cells { for (j, c) in row.enumerated() { widths[j] = max(widths[j], c.count) } }
        var lines: [String] = []
        for (k, row) in cells.enumerated() {
            let body = row.enumerated().map { j, c in String(repeating: " ", count: widths[j] - c.count) + c }
                .joined(separator: ", ")
            let open = k == 0 ? "[[" : " ["
            let close = k == cells.count - 1 ? "]]" : "],"
            lines.append(open + body + close)
            if m.count > rowLimit, k == rowLimit - 6 { lines.append("  …") }
        }
        var text = lines.joined(separator: "\n")
        if m.count > rowLimit { text += "  (\(m.count) rows)" }
        return text
    }
}

extension TableView {
    public var text: String {
        var grid = [columnNames]
        for row in rows {
            grid.append(
                row.map { cell in
                    switch cell {
                    case .number(let x): return NumberFormat.significant(x)
                    case .text(let s): return s
                    case .missing: return ""
                    }
                })
        }
        var widths = [Int](repeating: 0, count: columnNames.count)
        for row in grid {
            for (j, c) in row.enumerated() where j < widths.count { widths[j] = max(widths[j], c.count) }
        }
        var lines = grid.map { row in
            var line = row.enumerated().map { j, c in c + String(repeating: " ", count: max(0, widths[j] - c.count)) }
                .joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        lines.insert(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "), at: 1)
        var header = "\(name): \(rowCount) rows × \(columnNames.count) columns"
        if rowCount > rows.count { header += " (first \(rows.count) shown)" }
        return header + "\n" + lines.joined(separator: "\n")
    }
}
