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
        if let expected = expectedStandardErrors { lines += informationLines(expected) }
        if let m = multiStart { lines += multiStartLines(m) }
        var criteria = "log-likelihood \(NumberFormat.significant(logLikelihood))"
        if let lp = logPosterior { criteria += "   log-posterior \(NumberFormat.significant(lp))" }
        criteria += "   AIC \(NumberFormat.significant(aic))   BIC \(NumberFormat.significant(bic))"
        lines.append(criteria)
        if let null = nullModel { lines.append(null.text) }
        for note in notes + profileNotes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n")
    }

    /// The text lists at most this many rows of the table.
    public static let textRows = 200

    /// The estimates: estimate, standard error, z and p (where the test of θ = 0 means
    /// something), the Wald interval and the profile interval with its flag. Intervals
    /// show 7 significant digits, z 4 and p 3, so the table fits in 120 columns.
    func table() -> String {
        let n = { (x: Double) in NumberFormat.significant(x) }
        let tested = rows.contains { $0.z != nil }
        let profiled = rows.contains { $0.profile != nil }
        let percent = NumberFormat.significant(100 * level)
        var header = ["param", "estimate", "std. error"]
        if tested { header += ["z", "p"] }
        header.append("\(percent)% Wald interval")
        if profiled { header.append("\(percent)% profile interval") }
        var grid = [header]
        for r in rows.prefix(FitReport.textRows) {
            var line = [r.name, n(r.estimate), r.standardError.map(n) ?? "—"]
            if tested {
                line.append(r.z.map { NumberFormat.significant($0, digits: 4) } ?? "")
                line.append(r.p.map(FitReport.pValue) ?? "")
            }
            line.append(r.interval.map(FitReport.interval) ?? (r.note ?? ""))
            if profiled {
                line.append(r.profile.map { FitReport.interval(($0.lower, $0.upper)) } ?? "")
                line.append(r.profile?.flag ?? "")
            }
            grid.append(line)
        }
        if rows.count > FitReport.textRows {
            let more = "… \(rows.count - FitReport.textRows) more (in the JSON report)"
            grid.append([more] + [String](repeating: "", count: (grid.first?.count ?? 1) - 1))
        }
        let numeric: Set<Int> = tested ? [1, 2, 3, 4] : [1, 2]
        return TextTable.render(grid, rightAligned: numeric)
    }

    /// Observed and expected standard errors side by side, where they differ.
    func informationLines(_ expected: [Double?]) -> [String] {
        let n = { (x: Double) in NumberFormat.significant(x) }
        var grid = [["param", "se (observed)", "se (expected)"]]
        for (r, e) in zip(rows, expected) { grid.append([r.name, r.standardError.map(n) ?? "—", e.map(n) ?? "—"]) }
        return [ReportMessage.informationDiffers]
            + TextTable.render(grid, rightAligned: [1, 2]).split(separator: "\n").map { "  " + $0 }
    }

    /// The distinct optima of a multi-start fit, best first, with the estimates of up to 8 slots.
    func multiStartLines(_ m: MultiStartReport) -> [String] {
        let shown = min(rows.count, 8)
        var grid = [["", "log-likelihood", "starts"] + rows.prefix(shown).map(\.name)]
        for (k, o) in m.optima.enumerated() {
            grid.append(
                ["\(k + 1)", NumberFormat.significant(o.logLikelihood), "\(o.count)"]
                    + o.estimate.prefix(shown).map { NumberFormat.significant($0, digits: 7) })
        }
        let converged = m.optima.allSatisfy(\.converged)
        let what = converged ? ("optimum", "optima") : ("stopping point", "stopping points")
        let optima = m.optima.count == 1 ? "1 \(what.0)" : "\(m.optima.count) distinct \(what.1)"
        var lines = [
            "multi-start: \(m.starts) starts (seed \(m.seed)) reached \(optima); the estimate above is the best"
        ]
        if !converged { lines.append("  " + ReportMessage.stoppingPoints) }
        lines += TextTable.render(grid, rightAligned: Set(0..<(3 + shown))).split(separator: "\n").map { "  " + $0 }
        for f in m.failures { lines.append("  \(f.count) start\(f.count == 1 ? "" : "s") failed: \(f.reason)") }
        return lines
    }

    /// [a, b] to 7 significant digits.
    static func interval(_ ends: (Double, Double)) -> String {
        "[\(NumberFormat.significant(ends.0, digits: 7)), \(NumberFormat.significant(ends.1, digits: 7))]"
    }

    /// A p-value to 3 significant digits (GSL's upper tail keeps them far below 1e-16); below
    /// 1e-300, where doubles run out (|z| > 37), "< 1e-300".
    static func pValue(_ p: Double) -> String { p < 1e-300 ? "< 1e-300" : NumberFormat.significant(p, digits: 3) }

    /// One line per kind of flag in the table, saying what it means for these rows.
    var profileNotes: [String] {
        var notes: [String] = []
        let asymmetric = rows.filter { $0.profile?.isAsymmetric == true }
        if !asymmetric.isEmpty {
            let ratios = asymmetric.map { r in
                "\(r.name) \(NumberFormat.significant(max(r.profile?.asymmetry ?? 1, 1 / (r.profile?.asymmetry ?? 1)), digits: 3))×"
            }
            notes.append(ReportMessage.asymmetric(ratios))
        }
        for r in rows {
            if let e = r.exact { notes.append(ReportMessage.exactInterval(r.name, e, level)) }
            guard let p = r.profile else { continue }
            if p.lowerEnd == .boundary || p.upperEnd == .boundary {
                notes.append(ReportMessage.oneSided(r.name, p.lowerEnd == .boundary ? p.lower : p.upper))
            }
            if p.lowerEnd == .open { notes.append(ReportMessage.open(r.name, above: false, edge: p.lower, level)) }
            if p.upperEnd == .open { notes.append(ReportMessage.open(r.name, above: true, edge: p.upper, level)) }
            if let why = p.failure { notes.append(ReportMessage.incomplete(r.name, why)) }
        }
        if let note = profileNote { notes.append(note) }
        if let m = multiStart, !m.firstStartReachedBest, m.optima.count > 1 {
            notes.append(ReportMessage.declaredStartMissed(m.starts))
        }
        return notes
    }
}

extension NullModelReport {
    /// "null model am ~ Bernoulli(p₀): ℓ₀ = −21.61   McFadden pseudo-R² 0.7673   LR 33.17 on 2 df, p = 6.27e-8"
    var text: String {
        var s = "null model \(description): log-likelihood \(NumberFormat.significant(logLikelihood))"
        s += "   McFadden pseudo-R² \(NumberFormat.significant(mcFadden, digits: 4))"
        if let t = test {
            s +=
                "   LR \(NumberFormat.significant(t.statistic)) on \(t.degreesOfFreedom) df, p = \(NumberFormat.significant(t.p, digits: 4))"
        }
        return s
    }
}
