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
        pairs.append(("level", .number(level)))
        pairs.append(("se_from", .string("observed information")))
        if let expected = expectedStandardErrors {
            pairs.append(("se_expected", .array(expected.map { $0.map(JSON.number) ?? .null })))
        }
        if let m = multiStart { pairs.append(("multi_start", m.json)) }
        if let null = nullModel {
            var n: [(String, JSON)] = [
                ("model", .string(null.description)), ("loglik", .number(null.logLikelihood)),
                ("k", .number(Double(null.parameters))), ("mcfadden_r2", .number(null.mcFadden)),
            ]
            if let t = null.test {
                n += [("lr", .number(t.statistic)), ("df", .number(Double(t.degreesOfFreedom))), ("p", .number(t.p))]
            }
            pairs.append(("null_model", .object(n)))
        }
        if let profileNote { pairs.append(("profile_note", .string(profileNote))) }
        let all = notes + profileNotes
        if !all.isEmpty { pairs.append(("notes", .array(all.map(JSON.string)))) }
        if !omissions.isEmpty { pairs.append(("not_listed", .array(omissions.map(JSON.string)))) }
        return .object(pairs)
    }
}

extension FitReport.Row {
    var json: JSON {
        var p: [(String, JSON)] = [("name", .string(name)), ("estimate", .number(estimate))]
        p.append(("se", standardError.map(JSON.number) ?? .null))
        p.append(("ci95", interval.map { .array([.number($0.0), .number($0.1)]) } ?? .null))
        if let z { p.append(("z", .number(z))) }
        if let pValue = self.p { p.append(("p", .number(pValue))) }
        if let profile { p.append(("profile", profile.json)) }
        if let exact { p.append(("exact_ci", .array([.number(exact.0), .number(exact.1)]))) }
        if let note { p.append(("note", .string(note))) }
        return .object(p)
    }
}

extension ProfileInterval {
    /// The interval, how each end was found, and the evaluated points [ψ, ℓ_p(ψ), r(ψ)].
    var json: JSON {
        var p: [(String, JSON)] = [
            ("lower", .number(lower)), ("upper", .number(upper)), ("lower_end", .string(lowerEnd.rawValue)),
            ("upper_end", .string(upperEnd.rawValue)), ("asymmetric", .bool(isAsymmetric)),
        ]
        if let asymmetry { p.append(("asymmetry", .number(asymmetry))) }
        if let failure { p.append(("failure", .string(failure))) }
        p.append(
            (
                "points",
                .array(points.map { .array([.number($0.value), .number($0.logLikelihood), .number($0.signedRoot)]) })
            ))
        return .object(p)
    }
}

extension MultiStartReport {
    var json: JSON {
        .object([
            ("starts", .number(Double(starts))), ("seed", .number(Double(seed))),
            (
                "optima",
                .array(
                    optima.map {
                        .object([
                            ("loglik", .number($0.logLikelihood)), ("count", .number(Double($0.count))),
                            ("estimate", .array($0.estimate.map(JSON.number))), ("on_boundary", .bool($0.onBoundary)),
                            ("converged", .bool($0.converged)),
                        ])
                    })
            ),
            (
                "failures",
                .array(
                    failures.map { .object([("reason", .string($0.reason)), ("count", .number(Double($0.count)))]) })
            ),
            ("declared_start_reached_best", .bool(firstStartReachedBest)),
        ])
    }
}
