import Foundation

extension FitReport {
    /// The report for people: what was fitted, how and why, the table, the criteria.
    public var text: String {
        var lines: [String] = []
        lines.append("\(isMAP ? "MAP fit" : "fit"): \(model)    n = \(observations)")
        lines.append("solver: \(solver) — \(reason)")
        for form in closedForms { lines.append("  \(form)") }
        if let iterations {
            lines.append(
                "  \(iterations) iteration\(iterations == 1 ? "" : "s"), max |∇| = \(TextTable.number(gradientNorm ?? 0, digits: 3))"
            )
        }
        lines.append(table())
        var criteria = "log-likelihood \(TextTable.number(logLikelihood))"
        if let lp = logPosterior { criteria += "   log-posterior \(TextTable.number(lp))" }
        criteria += "   AIC \(TextTable.number(aic))   BIC \(TextTable.number(bic))"
        lines.append(criteria)
        for note in notes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n")
    }

    func table() -> String {
        var grid = [["param", "estimate", "std. error", "95% interval"]]
        for r in rows {
            let se = r.standardError.map { TextTable.number($0) } ?? "—"
            let ci = r.interval.map { "[\(TextTable.number($0.0)), \(TextTable.number($0.1))]" } ?? (r.note ?? "")
            grid.append([r.name, TextTable.number(r.estimate), se, ci])
        }
        return TextTable.render(grid, rightAligned: [1, 2])
    }
}

/// Aligned text tables and number formatting for reports.
public enum TextTable {
    /// 10 significant digits, integers without a decimal point, −0 as 0.
    public static func number(_ x: Double, digits: Int = 10) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        var s = String(format: "%.\(digits)g", x)
        if s.contains("e") {
            let parts = s.split(separator: "e")
            var mantissa = String(parts[0])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            s = "\(mantissa)e\(Int(parts[1]) ?? 0)"
        } else if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    public static func render(_ grid: [[String]], rightAligned: Set<Int> = []) -> String {
        let columns = grid.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in grid { for (j, c) in row.enumerated() { widths[j] = max(widths[j], c.count) } }
        return grid.map { row in
            row.enumerated().map { j, c in
                let pad = String(repeating: " ", count: widths[j] - c.count)
                return rightAligned.contains(j) ? pad + c : c + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
