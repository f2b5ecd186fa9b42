extension FitReport {
    public var json: JSON {
        var pairs: [(String, JSON)] = [
            ("kind", .string("fit")), ("model", .string(model)), ("n", .number(Double(observations))),
            ("solver", .string(solver)), ("reason", .string(reason)), ("map", .bool(isMAP)),
        ]
        if !closedForms.isEmpty { pairs.append(("closed_form", .array(closedForms.map(JSON.string)))) }
        if let iterations { pairs.append(("iterations", .number(Double(iterations)))) }
        if let gradientNorm { pairs.append(("gradient_norm", .number(gradientNorm))) }
        pairs.append(
            (
                "parameters",
                .array(
                    rows.map { r in
                        var p: [(String, JSON)] = [("name", .string(r.name)), ("estimate", .number(r.estimate))]
                        p.append(("se", r.standardError.map(JSON.number) ?? .null))
                        p.append(("ci95", r.interval.map { .array([.number($0.0), .number($0.1)]) } ?? .null))
                        if let note = r.note { p.append(("note", .string(note))) }
                        return .object(p)
                    })
            ))
        pairs.append(("loglik", .number(logLikelihood)))
        if let lp = logPosterior { pairs.append(("log_posterior", .number(lp))) }
        pairs += [("aic", .number(aic)), ("bic", .number(bic)), ("k", .number(Double(parameterCount)))]
        if !notes.isEmpty { pairs.append(("notes", .array(notes.map(JSON.string)))) }
        return .object(pairs)
    }
}
