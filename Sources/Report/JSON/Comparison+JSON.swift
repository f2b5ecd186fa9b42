extension Comparison {
    /// Every number the text shows, and the pairs' tests or refusals.
    public var json: JSON {
        .object([
            ("kind", .string("compare")),
            (
                "models",
                .array(
                    models.map { m in
                        .object([
                            ("name", .string(m.name)), ("model", .string(m.description)),
                            ("n", .number(Double(m.observations))), ("k", .number(Double(m.parameters))),
                            ("loglik", .number(m.logLikelihood)), ("aic", .number(m.aic)),
                            ("aicc", m.aicc.map(JSON.number) ?? .null), ("bic", .number(m.bic)),
                            ("delta_aic", .number(m.deltaAIC)), ("weight", .number(m.weight)),
                        ])
                    })
            ),
            ("pairs", .array(pairs.map(\.json))),
            ("notes", .array(notes.map(JSON.string))),
        ])
    }
}

extension Comparison.Pair {
    var json: JSON {
        var p: [(String, JSON)] = [("restricted", .string(restricted)), ("full", .string(full))]
        if let t = test {
            p += [
                ("lr", .number(t.statistic)), ("df", .number(Double(t.degreesOfFreedom))),
                ("boundary", .number(Double(t.boundary))), ("p", .number(t.p)),
                ("fixed", .array(t.fixedAt.map(JSON.string))),
            ]
            if t.boundary > 0 { p.append(("mixture_weights", .array(t.mixtureWeights.map(JSON.number)))) }
        } else {
            p.append(("refused", .string(refusal ?? "")))
        }
        return .object(p)
    }
}
