import Checker
import Diagnostics
import Syntax

extension Session {
    /// Runs one checked statement.
    func execute(_ statement: Statement) throws {
        switch statement.kind {
        case .data(let name, let value):
            values[name.text] = try evaluate(value)
        case .let(let name, let value):
            if Session.mentionsParams(value, in: self) {
                formulas[name.text] = value
            } else {
                values[name.text] = try evaluate(value)
            }
        case .param(let decl):
            params[decl.name.text] = decl
            paramOrder.append(decl.name.text)
            modelCache = [:]
        case .model(let decl):
            let name = decl.name?.text ?? ""
            models[name, default: []].append(decl)
            if !modelOrder.contains(name) { modelOrder.append(name) }
            modelCache = [:]
            do {
                _ = try builtModel(name, statement.span)
            } catch {
                models[name]?.removeLast()
                if models[name]?.isEmpty == true {
                    models[name] = nil
                    modelOrder.removeAll { $0 == name }
                }
                modelCache = [:]
                throw error
            }
        case .prior(let name, let dist):
            priors[name.text] = dist
            modelCache = [:]
        case .fit(let decl):
            try runFit(decl, statement.span)
        case .show(let target, let model):
            try show(target, model, statement.span)
        case .derive(let model):
            try derive(model, statement.span)
        case .print(let items):
            let printed = try items.map { try evaluate($0) }
            output(.printed(printed.map(Format.value).joined(separator: " "), values: printed))
        case .assert(let decl):
            try runAssert(decl)
        case .expression(let e):
            let v = try evaluate(e)
            output(.printed(Format.value(v), values: [v]))
        }
    }

    /// Whether an expression refers to a param, directly or through a formula.
    static func mentionsParams(_ e: ExpressionSyntax, in session: Session) -> Bool {
        switch e.kind {
        case .number, .string: return false
        case .name(let n): return session.params[n] != nil || session.formulas[n] != nil
        case .vector(let items): return items.contains { mentionsParams($0, in: session) }
        case .unary(_, let a), .member(let a, _): return mentionsParams(a, in: session)
        case .binary(_, let a, let b): return mentionsParams(a, in: session) || mentionsParams(b, in: session)
        case .call(_, let args): return args.contains { mentionsParams($0.value, in: session) }
        case .index(let a, let idx):
            return mentionsParams(a, in: session) || idx.contains { mentionsParams($0, in: session) }
        }
    }

    /// `assert a ≈ b [within t]`, `assert a ≈ b ± t`, or any condition that must be true (non-zero).
    func runAssert(_ decl: AssertDeclaration) throws {
        let span = decl.condition.span
        if case .binary(.approx, let a, let b) = decl.condition.kind {
            let tolerance = try decl.tolerance.map { try number(evaluate($0), $0) }
            let (passed, detail) = try approximately(a, b, tolerance: tolerance)
            recordAssert(passed, span, detail)
            return
        }
        let value = try evaluate(decl.condition)
        guard let elements = value.elements else {
            throw Diagnostic.error(InterpreterMessage.assertNeedsCondition(found: value.kindDescription), at: span)
        }
        let failed = elements.firstIndex { $0 == 0 || $0.isNaN }
        var operands: [(text: String, value: String)] = []
        if failed != nil, case .binary(_, let a, let b) = decl.condition.kind {
            operands = [(a, try? evaluate(a)), (b, try? evaluate(b))].compactMap { e, v in
                guard let v, !(e.kind.isLiteral) else { return nil }
                return (e.span.text, Format.value(v))
            }
        }
        let element = failed.flatMap { elements.count > 1 ? $0 + 1 : nil }
        let detail = InterpreterMessage.conditionDetail(
            span.text, holds: failed == nil, element: element, operands: operands)
        recordAssert(failed == nil, span, detail)
    }

    /// |a − b| ≤ t, or, with no tolerance, |a − b| ≤ 1e-9·max(1, |b|) (DESIGN.md), element by element.
    func approximately(_ a: ExpressionSyntax, _ b: ExpressionSyntax, tolerance: Double?) throws -> (Bool, String) {
        let left = try evaluate(a)
        var right = try evaluate(b)
        var tol = tolerance
        if case .interval(let lo, let hi) = right {
            right = .number((lo + hi) / 2)
            tol = (hi - lo) / 2
        }
        guard let x = left.elements, let y = right.elements else {
            throw Diagnostic.error(
                InterpreterMessage.approxNeedsNumbers(left.kindDescription, right.kindDescription),
                at: a.span.merged(with: b.span))
        }
        let pairs = try Arithmetic.broadcastPairs(x, y, a.span.merged(with: b.span))
        for (i, (u, v)) in pairs.enumerated() {
            let allowed = tol ?? 1e-9 * max(1, abs(v))
            let difference = abs(u - v)
            // Infinities match only themselves (an infinite tolerance would accept anything).
            let mismatch = u.isInfinite || v.isInfinite ? u != v : !(difference <= allowed)
            if mismatch && !(u == v) {
                let detail = InterpreterMessage.approxFails(
                    a.span.text, b.span.text, element: pairs.count > 1 ? i + 1 : nil, u, v,
                    difference: difference, allowed: allowed)
                return (false, detail)
            }
        }
        return (true, InterpreterMessage.approxHolds(a.span.text, b.span.text))
    }

    func recordAssert(_ passed: Bool, _ span: SourceSpan, _ detail: String) {
        output(.assertion(passed: passed, span: span, detail: detail))
        if !passed {
            assertFailed = true
            output(.diagnostic(.error(InterpreterMessage.assertionFailed(detail), at: span)))
        }
    }
}

extension ExpressionSyntax.Kind {
    var isLiteral: Bool {
        switch self {
        case .number, .string: return true
        case .unary(_, let e): return e.kind.isLiteral
        default: return false
        }
    }
}
