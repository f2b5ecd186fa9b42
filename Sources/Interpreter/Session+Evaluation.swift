import Checker
import Data
import Diagnostics
import Foundation
import LinearAlgebra
import Model
import Syntax

extension Session {
    /// Evaluates an expression to a value. Errors are diagnostics at the span of the culprit.
    func evaluate(_ e: ExpressionSyntax) throws -> Value {
        switch e.kind {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .name(let name): return try lookup(name, e.span)
        case .vector(let items): return try vectorLiteral(items, e.span)
        case .unary(let op, let a):
            let v = try numeric(evaluate(a), a.span)
            return op == .negate ? v.withElements(v.elements!.map { -$0 }) : v
        case .binary(let op, let a, let b): return try binary(op, a, b, e.span)
        case .call(let callee, let args): return try call(callee, args, e.span)
        case .index(let base, let indices): return try index(base, indices, e.span)
        case .member(let base, let column): return try member(base, column)
        }
    }

    func lookup(_ name: String, _ span: SourceSpan) throws -> Value {
        if let v = values[name] { return v }
        if let columns = deferred[name] {
            // Something outside a model needs the values: the rows are fetched now.
            let v = try evaluate(columns)
            values[name] = v
            deferred[name] = nil
            return v
        }
        if formulas[name] != nil { return try formulaValue(name) }
        if params[name] == nil, let constant = NamedConstant(rawValue: name) { return .number(constant.value) }
        if params[name] == nil, let result = FitResult(rawValue: name) {
            guard let fit = lastFit else {
                throw Diagnostic.error(CheckerMessage.onlyAfterFit(name), at: span)
            }
            return fit.value(result)
        }
        if params[name] != nil {
            if let v = estimates[name] { return v }
            throw Diagnostic.error(
                InterpreterMessage.noEstimateYet(param: name), at: span, help: InterpreterMessage.runFitFirst)
        }
        throw Diagnostic.error(InterpreterMessage.noValueYet(name), at: span)
    }

    /// A formula's value at the current estimates, once per statement; the formulas it uses
    /// are evaluated first, in definition order (a loop, not a recursion as deep as a chain).
    func formulaValue(_ name: String) throws -> Value {
        if let known = formulaValues[name] { return known }
        for used in formulaDependencies(of: name) where formulaValues[used] == nil {
            guard let formula = formulas[used] else { continue }
            formulaValues[used] = try evaluate(formula)
        }
        guard let value = formulaValues[name] else {
            throw Diagnostic.error(InterpreterMessage.noValueYet(name), at: nil)
        }
        return value
    }

    /// A value that arithmetic can use: numbers, or a clear error naming the bad cell.
    func numeric(_ v: Value, _ span: SourceSpan) throws -> Value {
        switch v {
        case .number, .vector, .matrix: return v
        case .design(let d): return .matrix(d.matrix)
        case .column(let c, _):
            switch c.numbers() {
            case .success(let xs): return .vector(xs)
            case .failure(let problem):
                let level = c.isCategorical ? (try? c.factor().get())?.levels.last : nil
                throw Diagnostic.error(
                    problem.description, at: span,
                    help: level.map { CheckerMessage.factorHelp(span.text, level: $0) })
            }
        case .factor(let f):
            throw Diagnostic.error(
                CheckerMessage.factorInArithmetic, at: span,
                help: CheckerMessage.factorHelp(span.text, level: f.levels.last))
        default:
            throw Diagnostic.error(InterpreterMessage.expectedNumbers(found: v.kindDescription), at: span)
        }
    }

    func number(_ v: Value, _ e: ExpressionSyntax) throws -> Double {
        guard case .number(let x) = v else {
            throw Diagnostic.error(InterpreterMessage.expectedNumber(found: v.kindDescription), at: e.span)
        }
        return x
    }

    func vectorLiteral(_ items: [ExpressionSyntax], _ span: SourceSpan) throws -> Value {
        let vs = try items.map { try numeric(evaluate($0), $0.span) }
        if vs.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
            return .vector(vs.map { $0.elements![0] })
        }
        var rows: [[Double]] = []
        for (v, item) in zip(vs, items) {
            guard case .vector(let row) = v else {
                throw Diagnostic.error(InterpreterMessage.matrixRowsMustBeVectors, at: item.span)
            }
            if let first = rows.first, first.count != row.count {
                throw Diagnostic.error(
                    InterpreterMessage.matrixRowLength(row: rows.count + 1, count: row.count, firstCount: first.count),
                    at: item.span)
            }
            rows.append(row)
        }
        return .matrix(Matrix(rowVectors: rows))
    }

    func binary(_ op: BinaryOperator, _ a: ExpressionSyntax, _ b: ExpressionSyntax, _ span: SourceSpan) throws -> Value
    {
        let x = try evaluate(a)
        let y = try evaluate(b)
        switch op {
        case .plusMinus:
            let c = try number(numeric(x, a.span), a)
            let h = try number(numeric(y, b.span), b)
            return .interval(c - h, c + h)
        case .dot:
            return try dot(numeric(designed(x, a), a.span), numeric(designed(y, b), b.span), span)
        case .approx:
            let (passed, _) = try approximately(a, b, tolerance: nil)
            return .number(passed ? 1 : 0)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            if let v = try compareText(op, x, y, a, b) { return v }
            return try elementwise(
                comparable(x, a.span), comparable(y, b.span), span, Session.operation(op), name: op.rawValue)
        case .multiply:
            if let v = try factorProduct(x, y, a, b, span) { return v }
            return try elementwise(
                numeric(x, a.span), numeric(y, b.span), span, Session.operation(op), name: op.rawValue)
        default:
            return try elementwise(
                numeric(x, a.span), numeric(y, b.span), span, Session.operation(op), name: op.rawValue)
        }
    }

    static func operation(_ op: BinaryOperator) -> (Double, Double) -> Double {
        switch op {
        case .add: return (+)
        case .subtract: return (-)
        case .multiply: return { $0 == 0 || $1 == 0 ? 0 * ($0.isNaN || $1.isNaN ? .nan : 1) : $0 * $1 }
        case .divide: return (/)
        case .power: return { pow($0, $1) }
        case .equal: return { $0 == $1 ? 1 : 0 }
        case .notEqual: return { $0 != $1 ? 1 : 0 }
        case .less: return { $0 < $1 ? 1 : 0 }
        case .lessEqual: return { $0 <= $1 ? 1 : 0 }
        case .greater: return { $0 > $1 ? 1 : 0 }
        case .greaterEqual: return { $0 >= $1 ? 1 : 0 }
        case .dot, .plusMinus, .approx: return { _, _ in .nan }
        }
    }

    /// Element-wise with broadcasting: a number combines with anything, otherwise shapes must be equal.
    func elementwise(_ x: Value, _ y: Value, _ span: SourceSpan, _ f: (Double, Double) -> Double, name: String) throws
        -> Value
    {
        let (xe, ye) = (x.elements!, y.elements!)
        let template: Value
        switch (x, y) {
        case (.number, _): template = y
        case (_, .number): template = x
        case (.vector(let u), .vector(let v)) where u.count == v.count: template = x
        case (.matrix(let m), .matrix(let n)) where m.rows == n.rows && m.columns == n.columns: template = x
        default:
            throw Diagnostic.error(
                InterpreterMessage.shapesDiffer(x.kindDescription, y.kindDescription), at: span,
                help: InterpreterMessage.equalShapesHelp)
        }
        let pairs = try Arithmetic.broadcastPairs(xe, ye, span)
        var out = [Double](repeating: 0, count: pairs.count)
        for (i, (u, v)) in pairs.enumerated() {
            let r = f(u, v)
            if r.isNaN && !u.isNaN && !v.isNaN {
                throw Diagnostic.error(
                    InterpreterMessage.operationUndefined(u, name, v, element: pairs.count > 1 ? i + 1 : nil), at: span)
            }
            out[i] = r
        }
        return template.withElements(out)
    }

    /// `m1.b1`, `m1.loglik`: what fit m1 found, whatever was fitted later.
    func fitResult(_ model: String, _ member: Name) throws -> Value {
        guard let fit = fits[model] else {
            throw Diagnostic.error(InterpreterMessage.modelNotFitted(model), at: member.span)
        }
        if let result = FitResult(rawValue: member.text), fit.model.layout.entry(member.text) == nil {
            return fit.value(result)
        }
        guard let entry = fit.model.layout.entry(member.text) else {
            throw Diagnostic.error(CheckerMessage.notAFitResult(member.text, of: model), at: member.span)
        }
        return Session.value(of: entry, in: fit.estimate)
    }

    /// `w·x`: a number for two vectors; one dot product per row for a matrix and a vector.
    func dot(_ x: Value, _ y: Value, _ span: SourceSpan) throws -> Value {
        switch (x, y) {
        case (.vector(let u), .vector(let v)) where u.count == v.count:
            return .number(Arithmetic.sum(zip(u, v).map(*)))
        case (.matrix(let m), .vector(let w)) where m.columns == w.count,
            (.vector(let w), .matrix(let m)) where m.columns == w.count:
            return .vector((0..<m.rows).map { i in Arithmetic.sum((0..<m.columns).map { m[i, $0] * w[$0] }) })
        default:
            throw Diagnostic.error(InterpreterMessage.dotShapes(x.kindDescription, y.kindDescription), at: span)
        }
    }

    func index(_ base: ExpressionSyntax, _ indices: [ExpressionSyntax], _ span: SourceSpan) throws -> Value {
        let v = try evaluate(base)
        if case .table(let t) = v {
            try fetchRows(t, at: base.span)
            return try tableMatrix(t, indices, span)
        }
        if case .factor(let f) = v, indices.count == 1 {
            let i = try number(numeric(evaluate(indices[0]), indices[0].span), indices[0])
            guard i >= 1, i == i.rounded(), i <= Double(f.count) else {
                throw Diagnostic.error(InterpreterMessage.cellIndexOutOfRange(i, cells: f.count), at: indices[0].span)
            }
            return .string(f.level(atRow: Int(i) - 1))
        }
        if case .column(let c, _) = v, indices.count == 1 {
            let i = try number(numeric(evaluate(indices[0]), indices[0].span), indices[0])
            guard i >= 1, i == i.rounded(), i <= Double(c.count) else {
                throw Diagnostic.error(InterpreterMessage.cellIndexOutOfRange(i, cells: c.count), at: indices[0].span)
            }
            return c.cell(at: Int(i) - 1).map { .string($0) } ?? .string("")
        }
        let positions = try indices.map { e -> Int in
            let x = try number(numeric(evaluate(e), e.span), e)
            guard x >= 1, x == x.rounded(), x < 1e15 else {
                throw Diagnostic.error(InterpreterMessage.indexNotWhole(x), at: e.span)
            }
            return Int(x)
        }
        func check(_ i: Int, _ n: Int, _ e: ExpressionSyntax, _ message: (Int, Int) -> String) throws {
            if i > n { throw Diagnostic.error(message(i, n), at: e.span) }
        }
        switch (try numeric(v, base.span), positions.count) {
        case (.vector(let xs), 1):
            try check(positions[0], xs.count, indices[0], InterpreterMessage.elementIndexOutOfRange)
            return .number(xs[positions[0] - 1])
        case (.matrix(let m), 1):
            try check(positions[0], m.rows, indices[0], InterpreterMessage.rowIndexOutOfRange)
            return .vector(m.row(positions[0] - 1))
        case (.matrix(let m), 2):
            try check(positions[0], m.rows, indices[0], InterpreterMessage.rowIndexOutOfRange)
            try check(positions[1], m.columns, indices[1], InterpreterMessage.columnIndexOutOfRange)
            return .number(m[positions[0] - 1, positions[1] - 1])
        case (let other, let k):
            throw Diagnostic.error(CheckerMessage.cannotIndex(other.kindDescription, count: k), at: span)
        }
    }

    /// `d[a, b, c]`: the columns as a labelled matrix, a text column as its indicator columns.
    func tableMatrix(_ t: Table, _ indices: [ExpressionSyntax], _ span: SourceSpan) throws -> Value {
        let names = try indices.map { e -> String in
            switch e.kind {
            case .name(let n): return n
            case .string(let s): return s
            default: throw Diagnostic.error(InterpreterMessage.tableIndexedByNames, at: e.span)
            }
        }
        let culprit = { (column: String?) in zip(names, indices).first { $0.0 == column }?.1.span ?? span }
        do throws(DesignError) {
            switch t.designTerms(columns: names) {
            case .success(let terms): return .design(try DesignMatrix(name: span.text, terms: terms))
            case .failure(let problem): throw problem
            }
        } catch .unknownColumn(let name, let suggestion) {
            throw Diagnostic.error(
                CheckerMessage.noColumn(name, in: t.name), at: culprit(name),
                help: suggestion.map(CheckerMessage.didYouMean))
        } catch {
            throw Diagnostic.error(error.description, at: culprit(error.column))
        }
    }

    func member(_ base: ExpressionSyntax, _ column: Name) throws -> Value {
        if case .name(let n) = base.kind, models[n] != nil { return try fitResult(n, column) }
        let v = try evaluate(base)
        if case .plot(let plot) = v { return try plotDatum(plot, base, column) }
        guard case .table(let t) = v else {
            throw Diagnostic.error(InterpreterMessage.memberNeedsTable(found: v.kindDescription), at: base.span)
        }
        guard let c = t.column(named: column.text) else {
            let hint = Suggestion.closest(to: column.text, among: t.columnNames)
            throw Diagnostic.error(
                CheckerMessage.noColumn(column.text, in: t.name), at: column.span,
                help: hint.map(CheckerMessage.didYouMean))
        }
        try fetchRows(t, at: base.span)
        if case .success(let xs) = c.numbers() { return .vector(xs) }
        return .column(c, table: t.name)
    }
}
