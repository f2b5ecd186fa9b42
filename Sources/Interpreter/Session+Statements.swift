import Checker
import Diagnostics
import Report
import Syntax

extension Session {
    /// Runs one checked statement.
    func execute(_ statement: CheckedStatement) throws {
        switch statement.action {
        case .data(let name, let value):
            if isDeferrable(value) {
                deferred[name] = value
            } else {
                values[name] = try evaluate(value)
                definitions.append((name, value))
            }
        case .let(let name, let value, let usesParams):
            if usesParams {
                formulas[name] = value
            } else {
                values[name] = try evaluate(value)
                definitions.append((name, value))
            }
        case .param(let decl):
            params[decl.name.text] = decl
            paramOrder.append(decl.name.text)
            paramLevels[decl.name.text] = nil
            modelCache = [:]
        case .model(let model):
            try define(model, statement.span)
        case .prior(let prior):
            priors[prior.param] = prior
            modelCache = [:]
        case .fit(let fit):
            try runFit(fit, statement.span)
        case .show(let target, let model):
            output(.show(try showForm(target, of: builtModel(model, statement.span))))
        case .derive(let model):
            try derive(model, statement.span)
        case .print(let items):
            output(.printed(Printed(try items.map { try evaluate($0).printed })))
        case .assert(let condition, let tolerance):
            try runAssert(condition, tolerance)
        case .compare(let compare):
            try runCompare(compare, statement.span)
        case .plot(let plot):
            try runPlot(plot, statement.span)
        case .expression(let e):
            output(.printed(Printed([try evaluate(e).printed])))
        }
    }

    /// Adds a `~` line to its model (or, re-declaring it, replaces the model), and builds
    /// the model so that bad data is reported at this line; undone if that fails.
    func define(_ model: CheckedModel, _ span: SourceSpan) throws {
        let previous = models[model.name]
        let previousOrder = modelOrder
        if model.replaces {
            let earlier = previous?.map(\.description).joined(separator: "; ") ?? ""
            output(.diagnostic(Diagnostic(.note, CheckerMessage.modelReplaced(model.name, earlier: earlier), at: span)))
            models[model.name] = [model.term]
            fits[model.name] = nil
        } else {
            models[model.name, default: []].append(model.term)
        }
        if !modelOrder.contains(model.name) { modelOrder.append(model.name) }
        modelCache = [:]
        do {
            // Only the new line is built here (its data checked against its family): the
            // whole model is built when first used, so k model lines cost k, not k².
            _ = try buildModel(model.name, span, terms: model.replaces ? nil : [model.term])
        } catch {
            models[model.name] = previous
            modelOrder = previousOrder
            modelCache = [:]
            throw error
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
    func runAssert(_ condition: ExpressionSyntax, _ toleranceSyntax: ExpressionSyntax?) throws {
        let span = condition.span
        if case .binary(.approx, let a, let b) = condition.kind {
            let tolerance = try toleranceSyntax.map { try number(evaluate($0), $0) }
            let (passed, detail) = try approximately(a, b, tolerance: tolerance)
            recordAssert(passed, span, detail)
            return
        }
        let value = try evaluate(condition)
        guard let elements = value.elements else {
            throw Diagnostic.error(CheckerMessage.assertNeedsCondition, at: span)
        }
        let failed = elements.firstIndex { $0 == 0 || $0.isNaN }
        var operands: [(text: String, value: String)] = []
        if failed != nil, case .binary(_, let a, let b) = condition.kind {
            operands = [(a, try? evaluate(a)), (b, try? evaluate(b))].compactMap { e, v in
                guard let v, !(e.kind.isLiteral) else { return nil }
                return (e.span.text, v.printed.text)
            }
        }
        let element = failed.flatMap { elements.count > 1 ? $0 + 1 : nil }
        let detail = InterpreterMessage.conditionDetail(
            span.text, holds: failed == nil, element: element, operands: operands)
        recordAssert(failed == nil, span, detail)
    }

    /// |a − b| ≤ t, or, with no tolerance, |a − b| ≤ 1e-9·max(1, |b|) (Grammar.md §3.10), element by element.
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
        output(.assertion(Assertion(passed: passed, location: span.description, detail: detail)))
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
