import Diagnostics

/// A JSON value and its serialisation, for `mle run --json`.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    /// A matrix as an array of rows.
    public static func matrix(_ rows: [[Double]]) -> JSON { .array(rows.map { .array($0.map(JSON.number)) }) }

    /// Compact or indented text. Non-finite numbers become strings ("inf", "-inf", "nan"), as JSON has none.
    public func serialized(indent: Int? = 2, level: Int = 0) -> String {
        let pad = indent.map { String(repeating: " ", count: $0 * (level + 1)) } ?? ""
        let close = indent.map { String(repeating: " ", count: $0 * level) } ?? ""
        let newline = indent == nil ? "" : "\n"
        let colon = indent == nil ? ":" : ": "
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return JSON.format(x)
        case .string(let s): return JSON.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            let body = items.map { pad + $0.serialized(indent: indent, level: level + 1) }
            return "[" + newline + body.joined(separator: "," + newline) + newline + close + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            let body = pairs.map { pad + JSON.quote($0.0) + colon + $0.1.serialized(indent: indent, level: level + 1) }
            return "{" + newline + body.joined(separator: "," + newline) + newline + close + "}"
        }
    }

    static func format(_ x: Double) -> String {
        if x.isNaN { return "\"nan\"" }
        if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
        return NumberFormat.shortest(x)
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
