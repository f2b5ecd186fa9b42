extension FitReport {
    /// Everything the text says, as numbers and strings: the plan, convergence, the
    /// estimates, their covariance and the criteria.
    public var json: JSON {
        var pairs: [(String, JSON)] = [
            ("kind", .string("fit")), ("model_name", .string(modelName)), ("model", .string(model)),
            ("n", .number(Double(observations))), ("method", .string(method)), ("reason", .string(reason)),
            ("map", .bool(isMAP)), ("converged", .bool(converged)),
        ]
        if !refused.isEmpty {
            pairs.append(
                (
                    "refused",
                    .array(
                        refused.map { .object([("method", .string($0.method)), ("reason", .string($0.reason))]) })
                ))
        }
        if !closedForms.isEmpty { pairs.append(("closed_form", .array(closedForms.map(JSON.string)))) }
        if let iterations { pairs.append(("iterations", .number(Double(iterations)))) }
        if let gradientNorm { pairs.append(("gradient_norm", .number(gradientNorm))) }
        pairs.append(("parameters", .array(rows.map(\.json))))
        if let covariance { pairs.append(("covariance", .matrix(covariance))) }
        pairs.append(("loglik", .number(logLikelihood)))
        if let lp = logPosterior { pairs.append(("log_posterior", .number(lp))) }
        pairs += [("aic", .number(aic)), ("bic", .number(bic)), ("k", .number(Double(parameterCount)))]
        if !notes.isEmpty { pairs.append(("notes", .array(notes.map(JSON.string)))) }
        if !omissions.isEmpty { pairs.append(("not_listed", .array(omissions.map(JSON.string)))) }
        return .object(pairs)
    }
}

extension FitReport.Row {
    var json: JSON {
        var p: [(String, JSON)] = [("name", .string(name)), ("estimate", .number(estimate))]
        p.append(("se", standardError.map(JSON.number) ?? .null))
        p.append(("ci95", interval.map { .array([.number($0.0), .number($0.1)]) } ?? .null))
        if let note { p.append(("note", .string(note))) }
        return .object(p)
    }
}
