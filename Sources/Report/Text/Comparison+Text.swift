import Diagnostics

extension Comparison {
    /// The table of models (n, k, ℓ̂, AIC, AICc, BIC, ΔAIC, Akaike weight), then one line per pair.
    public var text: String {
        let n = { (x: Double) in NumberFormat.significant(x) }
        var grid = [["model", "n", "k", "log-likelihood", "AIC", "AICc", "BIC", "ΔAIC", "weight"]]
        for m in models {
            grid.append([
                m.name, "\(m.observations)", "\(m.parameters)", n(m.logLikelihood), n(m.aic), m.aicc.map(n) ?? "—",
                n(m.bic), NumberFormat.significant(m.deltaAIC, digits: 4),
                NumberFormat.significant(m.weight, digits: 4),
            ])
        }
        var lines = ["compare " + models.map(\.name).joined(separator: ", ")]
        for m in models { lines.append("  \(m.name): \(m.description)") }
        lines.append(TextTable.render(grid, rightAligned: Set(1...8)))
        if !pairs.isEmpty { lines.append("likelihood-ratio tests:") }
        for pair in pairs { lines.append("  " + pair.text) }
        for note in notes { lines.append("note: \(note)") }
        return lines.joined(separator: "\n")
    }
}

extension Comparison.Pair {
    /// "m0 in m1 (w[1] = 0, w[2] = 0): LR = 33.2 on 2 df, p = 6.3e-08", or the refusal.
    var text: String {
        guard let t = test else { return "\(restricted) vs \(full): no test: \(refusal ?? "")" }
        let fixed = t.fixedAt.isEmpty ? "" : " (\(t.fixedAt.joined(separator: ", ")))"
        var s =
            "\(restricted) in \(full)\(fixed): LR = \(NumberFormat.significant(t.statistic)) on \(t.degreesOfFreedom) df, "
        if t.boundary > 0 {
            let parts = t.mixtureWeights.enumerated().map { j, w in
                "\(NumberFormat.significant(w))·χ²(\(t.degreesOfFreedom - t.boundary + j))"
            }
            s += "χ̄² = " + parts.joined(separator: " + ") + " (a restriction on the boundary), "
        }
        return s + "p = \(NumberFormat.significant(t.p, digits: 4))"
    }
}
