import Diagnostics

/// Every output as JSON for programs (`mle run --json`): the same values the
/// text shows, numbers as numbers.
public enum JSONRenderer {
    public static func render(_ output: Output) -> JSON {
        switch output {
        case .printed(let p):
            return .object([
                ("kind", .string("print")), ("text", .string(p.values.map(\.text).joined(separator: " "))),
                ("values", .array(p.values.map(\.json))),
            ])
        case .assertion(let a):
            return .object([
                ("kind", .string("assert")), ("passed", .bool(a.passed)), ("at", .string(a.location)),
                ("detail", .string(a.detail)),
            ])
        case .diagnostic(let d): return d.json
        case .trace(let t):
            return .object([
                ("kind", .string("iteration")), ("iteration", .number(Double(t.iteration))),
                ("loglik", .number(t.logLikelihood)), ("gradient_norm", .number(t.gradientNorm)),
            ])
        case .fit(let report): return report.json
        case .show(let form): return form.json
        case .derivation(let d): return d.json
        }
    }
}

extension Diagnostic {
    public var json: JSON {
        var pairs: [(String, JSON)] = [("kind", .string("diagnostic")), ("severity", .string(severity.rawValue))]
        if let span {
            let (line, column) = span.file.location(of: span.start)
            pairs += [
                ("file", .string(span.file.name)), ("line", .number(Double(line))), ("column", .number(Double(column))),
            ]
        }
        pairs.append(("message", .string(message)))
        if let help { pairs.append(("help", .string(help))) }
        if !notes.isEmpty { pairs.append(("notes", .array(notes.map { .string($0.message) }))) }
        return .object(pairs)
    }
}

extension PrintedValue {
    public var json: JSON {
        switch self {
        case .number(let x): return .number(x)
        case .vector(let xs): return .array(xs.map(JSON.number))
        case .matrix(let rows): return .matrix(rows)
        case .interval(let a, let b): return .array([.number(a), .number(b)])
        case .string(let s): return .string(s)
        case .column(let cells): return .array(cells.map { $0.map(JSON.string) ?? .null })
        case .table(let t):
            return .object([
                ("table", .string(t.name)), ("rows", .number(Double(t.rowCount))),
                ("columns", .array(t.columnNames.map(JSON.string))),
            ])
        case .distribution(let name, let args):
            return .object([("distribution", .string(name)), ("arguments", .array(args.map(\.json)))])
        }
    }
}

extension ShowForm {
    public var json: JSON {
        var pairs: [(String, JSON)] = [
            ("kind", .string("show")), ("target", .string(target)), ("model", .string(model)),
            ("text", .string(text)),
        ]
        switch body {
        case .lines(let lines): pairs.append(("lines", .array(lines.map(JSON.string))))
        case .statistics(let stats, let summarised, let perRow):
            pairs.append(("summarised", .bool(summarised)))
            pairs.append(("statistics", .array(stats.map(\.json))))
            if !perRow.isEmpty { pairs.append(("per_row", .array(perRow.map(JSON.string)))) }
        case .parameters(let params):
            pairs.append(
                (
                    "parameters",
                    .array(
                        params.map { p in
                            var fields: [(String, JSON)] = [
                                ("name", .string(p.name)), ("length", p.length.map { .number(Double($0)) } ?? .null),
                                ("lower", p.lower.map(JSON.number) ?? .null),
                                ("upper", p.upper.map(JSON.number) ?? .null),
                                ("start", .array(p.start.map(JSON.number))),
                            ]
                            if let names = p.components {
                                fields.append(("components", .array(names.map(JSON.string))))
                            }
                            if let shape = p.shape { fields.append(("shape", .string(shape))) }
                            return .object(fields)
                        })
                ))
        case .plan(let plan): pairs.append(("terms", .array(plan.terms.map(\.json))))
        }
        if !statistics.isEmpty, case .lines = body { pairs.append(("statistics", .array(statistics.map(\.json)))) }
        return .object(pairs)
    }
}

extension ShowForm.Statistic {
    var json: JSON {
        var pairs: [(String, JSON)] = [("name", .string(name)), ("value", .number(value))]
        if let groupValues, let groups {
            pairs.append(("group_values", .array(groupValues.map(JSON.number))))
            pairs.append(("groups", .array(groups.map(JSON.string))))
            pairs.append(("group_count", .number(Double(groupCount))))
        }
        return .object(pairs)
    }
}

extension Derivation {
    public var json: JSON {
        .object([
            ("kind", .string("derive")), ("model", .string(model)),
            (
                "steps",
                .array(
                    steps.map { s in
                        .object([
                            ("number", .string(s.number)), ("title", .string(s.title)),
                            ("lines", .array(s.lines.map(JSON.string))),
                        ])
                    })
            ),
            ("fit", fit.json),
        ])
    }
}

extension DataPlan.Term {
    var json: JSON {
        var pairs: [(String, JSON)] = [("term", .string(description)), ("rows", .number(Double(rows)))]
        switch placement {
        case .inMemory: pairs.append(("rows_are", .string("in memory")))
        case .fetched(let location, let reason):
            pairs += [("rows_are", .string("fetched")), ("database", .string(location)), ("reason", .string(reason))]
        case .database(let location):
            pairs += [("rows_are", .string("in the database")), ("database", .string(location))]
        }
        pairs.append(
            (
                "queries",
                .array(
                    queries.map { q in
                        .object([
                            ("purpose", .string(q.purpose)), ("sql", .string(q.sql)),
                            ("parameters", .array(q.parameters.map(JSON.string))), ("sent", .number(Double(q.sent))),
                        ])
                    })
            ))
        if !notes.isEmpty { pairs.append(("notes", .array(notes.map(JSON.string)))) }
        return .object(pairs)
    }
}
