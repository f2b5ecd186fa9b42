import Diagnostics
import Foundation

extension FitReport {
    /// The report for people: what was fitted, how and why, the table, the criteria.
    public var text: String {
        var lines: [String] = []
        lines.append("\(isMAP ? "MAP fit" : "fit"): \(model)    n = \(observations)")
        lines.append("solver: \(method) — \(reason)")
        for form in closedForms { lines.append("  \(form)") }
        if let iterations {
            let gradient = NumberFormat.magnitude(gradientNorm ?? 0)
            let relation = gradient.hasPrefix("<") ? " " : " = "
            lines.append("  \(iterations) iteration\(iterations == 1 ? "" : "s"), max |∇ℓ|\(relation)\(gradient)")
        }
        if !rows.isEmpty { lines.append(table()) }
        for omission in omissions { lines.append("  (\(omission))") }
        var criteria = "log-likelihood \(NumberFormat.significant(logLikelihood))"
        if let lp = logPosterior { criteria += "   log-posterior \(NumberFormat.significant(lp))" }
        criteria += "   AIC \(NumberFormat.significant(aic))   BIC \(NumberFormat.significant(bic))"
        lines.append(criteria)
        for note in notes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n")
    }

    /// The text lists at most this many rows of the table.
    public static let textRows = 200

    func table() -> String {
        let n = { (x: Double) in NumberFormat.significant(x) }
        var grid = [["param", "estimate", "std. error", "95% interval"]]
        for r in rows.prefix(FitReport.textRows) {
            let se = r.standardError.map(n) ?? "—"
            let ci = r.interval.map { "[\(n($0.0)), \(n($0.1))]" } ?? (r.note ?? "")
            grid.append([r.name, n(r.estimate), se, ci])
        }
        if rows.count > FitReport.textRows {
            grid.append(["… \(rows.count - FitReport.textRows) more (in the JSON report)", "", "", ""])
        }
        return TextTable.render(grid, rightAligned: [1, 2])
    }
}
