import Checker
import Diagnostics
import Foundation
import LinearAlgebra
import Model
import Syntax

extension Session {
    /// A param's shape with its dimensions evaluated. A matrix that a model puts inside
    /// `softmax(B·x)` has its first row held at 0 (category 1 the baseline, as R's multinom).
    func paramShape(_ decl: ParamDeclaration, model: String) throws -> ParamShape {
        guard let shape = decl.shape else { return .scalar }
        let dims = try shape.dimensions.map { e -> Int in
            let k = try number(numeric(evaluate(e), e.span), e)
            guard k >= 1, k == k.rounded(), k <= Double(Checker.largestDimension) else {
                throw Diagnostic.error(CheckerMessage.badDimension(k, shape: shape.keyword), at: e.span)
            }
            return Int(k)
        }
        let baseline = (models[model] ?? []).contains { Session.softmaxBaselines(in: $0).contains(decl.name.text) }
        switch shape {
        case .vector: return baseline ? .baselineVector(dims[0]) : .vector(dims[0])
        case .simplex(_, let v):
            guard (dims.last ?? 0) >= 2 else {
                throw Diagnostic.error(
                    CheckerMessage.simplexTooSmall(dims.last ?? 0), at: (v ?? shape.dimensions[0]).span)
            }
            return v == nil ? .simplex(rows: nil, outcomes: dims[0]) : .simplex(rows: dims[0], outcomes: dims[1])
        case .matrix:
            return .matrix(rows: dims[0], columns: dims[1], firstRowFixed: baseline)
        }
    }

    /// The params a term puts inside `softmax(a + B·x)` (B·x also as `dot(B, x)`): their first row
    /// (or component) is held at 0, category 1 the baseline.
    static func softmaxBaselines(in term: CheckedTerm) -> Set<String> {
        var names = Set<String>()
        func visit(_ e: ExpressionSyntax) {
            switch e.kind {
            case .call(let f, let args) where f.text == Builtin.softmax.rawValue && args.count == 1:
                for part in Session.softmaxTerms(args[0].value) {
                    switch part.kind {
                    case .name(let n): names.insert(n)
                    case .binary(.dot, let a, let b): names.formUnion([a.nameText, b.nameText].compactMap { $0 })
                    case .call(let g, let inner) where g.text == Builtin.dot.rawValue:
                        names.formUnion(inner.compactMap { $0.value.nameText })
                    default: break
                    }
                }
            case .call(_, let args): args.forEach { visit($0.value) }
            case .binary(_, let a, let b):
                visit(a)
                visit(b)
            case .unary(_, let a): visit(a)
            default: break
            }
        }
        term.arguments.forEach(visit)
        return names
    }

    /// The terms of a sum, `a + B·x` → [a, B·x].
    static func softmaxTerms(_ e: ExpressionSyntax) -> [ExpressionSyntax] {
        if case .binary(.add, let a, let b) = e.kind { return softmaxTerms(a) + softmaxTerms(b) }
        return [e]
    }

    /// The start values of every slot: as declared (a number for every component, a vector of
    /// every component or of one row for every row, a matrix of rows), else the defaults (a
    /// simplex starts uniform, 1/V); each inside the constraint, each simplex row summing to 1.
    func startValues(_ decl: ParamDeclaration, _ shape: ParamShape, lower: Double?, upper: Double?) throws
        -> [Double]
    {
        let size = shape.slotCount
        let name = decl.name.text
        guard let s = decl.start else {
            if case .simplex(_, let v) = shape { return [Double](repeating: 1 / Double(v), count: size) }
            return [Double](repeating: ParameterLayout.defaultStart(lower: lower, upper: upper), count: size)
        }
        let rowLength = shape.dimensions.count == 2 ? shape.dimensions[1] : size
        let rows = shape.slotCount / max(1, rowLength)
        var start: [Double]
        switch try numeric(evaluate(s), s.span) {
        case .number(let x) where !(shape.dimensions.count == 1 && isSimplex(shape)):
            start = [Double](repeating: x, count: size)
        case .vector(let xs) where xs.count == size: start = xs
        case .vector(let xs) where shape.hasFixedRow && shape.dimensions.count == 1 && xs.count == size + 1:
            start = Array(xs.dropFirst())
        case .vector(let xs) where xs.count == rowLength: start = Array((0..<rows).map { _ in xs }.joined())
        case .matrix(let m) where m.columns == rowLength && (m.rows == rows || m.rows == rows + 1):
            start = Array(m.elements.suffix(size))
        default:
            throw Diagnostic.error(InterpreterMessage.startValueCount(param: name, size: size), at: s.span)
        }
        for x in start where !(lower.map { x > $0 } ?? true) || !(upper.map { x < $0 } ?? true) {
            throw Diagnostic.error(InterpreterMessage.startOutsideConstraint(param: name, start: x), at: s.span)
        }
        if case .simplex(_, let v) = shape {
            for r in 0..<(size / v) {
                let total = start[(r * v)..<((r + 1) * v)].reduce(0, +)
                if abs(total - 1) > 1e-9 {
                    throw Diagnostic.error(
                        InterpreterMessage.simplexStartSum(param: name, row: size == v ? nil : r + 1, sum: total),
                        at: s.span)
                }
            }
        }
        return start
    }

    func isSimplex(_ shape: ParamShape) -> Bool {
        if case .simplex = shape { return true }
        return false
    }
}

extension Session {
    /// A param's estimate as a value of its shape: a number, a vector, or a matrix of rows (a
    /// matrix whose first row is held at 0 shows that row).
    static func value(of entry: ParameterLayout.Entry, in theta: [Double]) -> Value {
        let values = Array(theta[entry.slots])
        switch entry.shape {
        case .scalar: return .number(values[0])
        case .vector: return .vector(values)
        case .baselineVector: return .vector([0] + values)
        case .simplex(let rows, let v):
            guard let rows else { return .vector(values) }
            return .matrix(Matrix(rows: rows, columns: v, elements: values))
        case .matrix(let k, let p, let fixed):
            return .matrix(
                Matrix(rows: k, columns: p, elements: (fixed ? [Double](repeating: 0, count: p) : []) + values))
        }
    }

    /// The slots' values from a value of the param's shape (the inverse of `value(of:in:)`), or nil
    /// when the shape does not match.
    static func slots(of entry: ParameterLayout.Entry, from value: Value) -> [Double]? {
        switch (entry.shape, value) {
        case (.scalar, .number(let x)): return [x]
        case (let shape, .vector(let xs)) where shape != .scalar && xs.count == entry.size: return xs
        case (_, .matrix(let m)) where m.elements.count == entry.size: return m.elements
        case (.matrix(_, let p, true), .matrix(let m)) where m.elements.count == entry.size + p:
            return Array(m.elements.dropFirst(p))
        case (.baselineVector, .vector(let xs)) where xs.count == entry.size + 1: return Array(xs.dropFirst())
        default: return nil
        }
    }

    /// Values for an entry's slots placed in a θ-sized vector (for `value(of:in:)`).
    static func spread(_ values: [Double], over entry: ParameterLayout.Entry, in count: Int) -> [Double] {
        var theta = [Double](repeating: 0, count: count)
        for (k, v) in values.enumerated() { theta[entry.offset + k] = v }
        return theta
    }

    /// softmax(x) = exp(x − max x)/Σ exp(x − max x), of a vector, or of each row of a matrix.
    static func softmax(_ v: Value) -> Value {
        func of(_ xs: [Double]) -> [Double] {
            let m = xs.max() ?? 0
            let e = xs.map { Foundation.exp($0 - m) }
            let total = e.reduce(0, +)
            return e.map { $0 / total }
        }
        switch v {
        case .vector(let xs): return .vector(of(xs))
        case .matrix(let m):
            return .matrix(
                Matrix(rows: m.rows, columns: m.columns, elements: Array((0..<m.rows).map { of(m.row($0)) }.joined())))
        default: return v
        }
    }
}
