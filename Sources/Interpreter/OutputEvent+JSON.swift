import Diagnostics
import Report

extension OutputEvent {
    /// The event as JSON, for `mle run --json`.
    public var json: JSON {
        switch self {
        case .printed(let text, let values):
            return .object([
                ("kind", .string("print")), ("text", .string(text)), ("values", .array(values.map(\.json))),
            ])
        case .assertion(let passed, let span, let detail):
            return .object([
                ("kind", .string("assert")), ("passed", .bool(passed)), ("at", .string(span.description)),
                ("detail", .string(detail)),
            ])
        case .diagnostic(let d):
            return d.json
        case .report(let text):
            return .object([("kind", .string("report")), ("text", .string(text))])
        case .fit(let report):
            return report.json
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
        return .object(pairs)
    }
}

extension Value {
    public var json: JSON {
        switch self {
        case .number(let x): return .number(x)
        case .vector(let xs): return .array(xs.map(JSON.number))
        case .matrix(let m): return .array((0..<m.rows).map { i in .array(m.row(i).map(JSON.number)) })
        case .interval(let a, let b): return .array([.number(a), .number(b)])
        case .string(let s): return .string(s)
        case .column(let c, _): return .array(c.cells.map { $0.map(JSON.string) ?? .null })
        default: return .string(Format.value(self))
        }
    }
}
