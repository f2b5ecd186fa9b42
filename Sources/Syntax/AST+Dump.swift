/// A printer for the syntax tree (`mle check --dump ast`): one statement per
/// line, expressions as fully parenthesised S-expressions, so precedence is visible.
extension ExpressionSyntax: CustomStringConvertible {
    public var description: String {
        switch kind {
        case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        case .string(let s): return "\"\(s)\""
        case .name(let n): return n
        case .vector(let items): return "[" + items.map(\.description).joined(separator: " ") + "]"
        case .unary(let op, let e): return "(\(op.rawValue) \(e))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(a) \(b))"
        case .call(let f, let args): return "(\(f.text)" + args.map { " " + $0.description }.joined() + ")"
        case .index(let e, let idx): return "(index \(e)" + idx.map { " \($0)" }.joined() + ")"
        case .member(let e, let m): return "(. \(e) \(m.text))"
        }
    }
}

extension Argument: CustomStringConvertible {
    public var description: String { label.map { "\($0.text): \(value)" } ?? value.description }
}

extension DistributionCall: CustomStringConvertible {
    public var description: String { "(\(name.text)" + arguments.map { " \($0)" }.joined() + ")" }
}

extension Statement: CustomStringConvertible {
    public var description: String {
        switch kind {
        case .data(let n, let e): return "(data \(n.text) \(e))"
        case .let(let n, let e): return "(let \(n.text) \(e))"
        case .param(let p):
            var s = "(param \(p.name.text)"
            if let shape = p.shape {
                s += " (\(shape.keyword) " + shape.dimensions.map { "\($0)" }.joined(separator: " ") + ")"
            }
            switch p.constraint {
            case .interval(let a, let b): s += " (in \(a) \(b))"
            case .greater(let a): s += " (> \(a))"
            case .less(let b): s += " (< \(b))"
            case .none: break
            }
            if let start = p.start { s += " (= \(start))" }
            return s + ")"
        case .model(let m):
            var s = "(model" + (m.name.map { " \($0.text):" } ?? "") + " \(m.response) ~ \(m.distribution)"
            if let w = m.weight { s += " (weight \(w))" }
            if let c = m.censored { s += m.censoring == .left ? " (censored left \(c))" : " (censored \(c))" }
            if let t = m.truncation {
                s +=
                    " (truncated" + (t.lower.map { " (lower \($0))" } ?? "") + (t.upper.map { " (upper \($0))" } ?? "")
                    + ")"
            }
            return s + ")"
        case .prior(let n, let d): return "(prior \(n.text) ~ \(d))"
        case .fit(let f):
            var s = "(fit" + (f.model.map { " \($0.text)" } ?? "")
            if let m = f.method { s += " (using \(m.text)" + f.options.map { " \($0)" }.joined() + ")" }
            return s + (f.trace ? " trace)" : ")")
        case .show(let t, let m): return "(show \(t.text)" + (m.map { " \($0.text)" } ?? "") + ")"
        case .derive(let m): return "(derive" + (m.map { " \($0.text)" } ?? "") + ")"
        case .print(let items): return "(print" + items.map { " \($0)" }.joined() + ")"
        case .assert(let a): return "(assert \(a.condition)" + (a.tolerance.map { " (within \($0))" } ?? "") + ")"
        case .expression(let e): return e.description
        }
    }
}

extension Token: CustomStringConvertible {
    /// `3:7 identifier μ` — position, kind, text.
    public var description: String {
        let kindName: String
        switch kind {
        case .identifier: kindName = "identifier"
        case .number(let x): kindName = "number(\(x))"
        case .string: kindName = "string"
        case .superscript(let k): kindName = "superscript(\(k))"
        case .newline: return "\(span.position) newline"
        case .eof: return "\(span.position) eof"
        default: kindName = "operator"
        }
        return "\(span.position) \(kindName) \(text)"
    }
}
