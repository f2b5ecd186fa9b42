import Checker
import Diagnostics
import LinearAlgebra
import Model
import Symbolic
import Syntax

/// Turns the syntax of model statements into the symbolic IR: params become
/// θ slots, data vectors per-row columns, `w·x` with a data matrix a linear
/// predictor, and lets that use params are inlined. Data-only pieces that are
/// not element-wise (means, indexing, products of data) are computed first.
struct Lowering {
    let session: Session
    let store: ExprStore
    let layout: ParameterLayout
    var columns: [Symbol: [Double]] = [:]
    var columnKeys: [String: Symbol] = [:]
    var predictors: [LinearPredictor] = []
    var predictorKeys: [String: Symbol] = [:]
    /// For display: "η = w·x".
    var predictorDescriptions: [Symbol: String] = [:]
    /// Rows of the term being lowered.
    var rows = 1
    /// Lets already lowered, by name and row count: a chain `let aᵢ = aᵢ₋₁ * aᵢ₋₁` is
    /// lowered once per let, not once per path through it (2ⁿ).
    var loweredLets: [String: Expr] = [:]

    init(session: Session, store: ExprStore, layout: ParameterLayout) {
        self.session = session
        self.store = store
        self.layout = layout
        for e in layout.entries {
            for k in 0..<e.size {
                let name = e.length == nil ? e.name : "\(e.name)\(Expr.subscripted(k + 1))"
                let s = store.symbol(.parameter(e.offset + k), name: name)
                if let lo = e.lower, lo >= 0 { store.positive.insert(s.symbol!) }
            }
        }
    }

    mutating func lower(_ e: ExpressionSyntax) throws -> Expr {
        if !Session.mentionsParams(e, in: session) { return try lowerData(e) }
        switch e.kind {
        case .name(let n):
            if session.formulas[n] != nil { return try lowerFormula(n) }
            guard let entry = layout.entry(n) else {
                throw Diagnostic.error(InterpreterMessage.notAParamOfThisModel(n), at: e.span)
            }
            if entry.length != nil {
                throw Diagnostic.error(InterpreterMessage.vectorParamUse(n), at: e.span)
            }
            return store.symbol(.parameter(entry.offset))
        case .unary(let op, let a):
            let x = try lower(a)
            return op == .negate ? -x : x
        case .binary(let op, let a, let b):
            return try lowerBinary(op, a, b, e.span)
        case .call(let callee, let args):
            return try lowerCall(callee, args, e.span)
        case .index(let base, let indices):
            return try lowerIndex(base, indices, e.span)
        default:
            throw Diagnostic.error(InterpreterMessage.notUsableInModel, at: e.span)
        }
    }

    /// A let that uses params, lowered once per name and row count; the lets it depends on
    /// are lowered first, in the order they were defined, so a long chain of lets is a loop
    /// here, not a recursion as deep as the chain.
    mutating func lowerFormula(_ name: String) throws -> Expr {
        let key = "\(name)#\(rows)"
        if let done = loweredLets[key] { return done }
        for used in session.formulaDependencies(of: name) where loweredLets["\(used)#\(rows)"] == nil {
            guard let formula = session.formulas[used] else { continue }
            loweredLets["\(used)#\(rows)"] = try lower(formula)
        }
        return loweredLets[key] ?? store.zero
    }

    mutating func lowerBinary(_ op: BinaryOperator, _ a: ExpressionSyntax, _ b: ExpressionSyntax, _ span: SourceSpan)
        throws -> Expr
    {
        switch op {
        case .add: return try lower(a) + lower(b)
        case .subtract: return try lower(a) - lower(b)
        case .multiply: return try lower(a) * lower(b)
        case .divide: return try lower(a) / lower(b)
        case .power: return try lower(a).pow(lower(b))
        case .dot: return try lowerDot(a, b, span)
        default:
            throw Diagnostic.error(InterpreterMessage.notUsableInFormula(op.rawValue), at: span)
        }
    }

    mutating func lowerCall(_ callee: Name, _ args: [Argument], _ span: SourceSpan) throws -> Expr {
        guard let builtin = Builtin(rawValue: callee.text) else {
            throw Diagnostic.error(InterpreterMessage.notUsableInFormula(callee.text), at: callee.span)
        }
        let functions: [Builtin: Function] = [
            .log: .log, .exp: .exp, .log1p: .log1p, .expm1: .expm1, .sigmoid: .sigmoid, .softplus: .softplus,
            .lgamma: .lgamma, .abs: .abs, .logit: .logit,
        ]
        if let f = functions[builtin] { return try lower(args[0].value).apply(f) }
        switch builtin {
        case .sqrt: return try lower(args[0].value).pow(0.5)
        case .logsumexp where args.count > 1: return try store.apply(.logsumexp, args.map { try lower($0.value) })
        case .dot: return try lowerDot(args[0].value, args[1].value, span)
        default:
            throw Diagnostic.error(InterpreterMessage.functionOfParams(builtin.rawValue), at: span)
        }
    }

    /// w[i]: a component of a vector param.
    mutating func lowerIndex(_ base: ExpressionSyntax, _ indices: [ExpressionSyntax], _ span: SourceSpan) throws -> Expr
    {
        guard case .name(let n) = base.kind, let entry = layout.entry(n), let k = entry.length, indices.count == 1
        else {
            throw Diagnostic.error(InterpreterMessage.onlyVectorParamIndexed, at: span)
        }
        let v = try session.evaluate(indices[0])
        guard case .number(let i) = v, i >= 1, i <= Double(k), i == i.rounded() else {
            throw Diagnostic.error(
                InterpreterMessage.paramIndexOutOfRange(param: n, components: k), at: indices[0].span)
        }
        return store.symbol(.parameter(entry.offset + Int(i) - 1))
    }

    /// w·x with x a data matrix (a linear predictor), or a data vector (a fixed combination).
    mutating func lowerDot(_ a: ExpressionSyntax, _ b: ExpressionSyntax, _ span: SourceSpan) throws -> Expr {
        let (paramSide, dataSide) = Session.mentionsParams(a, in: session) ? (a, b) : (b, a)
        guard case .name(let w) = paramSide.kind, let entry = layout.entry(w), let k = entry.length,
            !Session.mentionsParams(dataSide, in: session)
        else {
            throw Diagnostic.error(InterpreterMessage.dotInModel, at: span)
        }
        switch try session.evaluate(dataSide) {
        case .matrix(let m):
            guard m.columns == k else {
                throw Diagnostic.error(
                    InterpreterMessage.matrixColumns(param: w, components: k, columns: m.columns), at: span)
            }
            guard m.rows == rows else {
                throw Diagnostic.error(InterpreterMessage.matrixRows(m.rows, modelled: rows), at: dataSide.span)
            }
            let key = "\(w)·\(dataSide.span.text)"
            if let s = predictorKeys[key] { return store.symbol(s) }
            let symbol = Symbol.predictor(predictors.count)
            predictors.append(LinearPredictor(symbol: symbol, matrix: m, offset: entry.offset))
            predictorKeys[key] = symbol
            predictorDescriptions[symbol] = "\(w)·\(dataSide.span.text)"
            let name = predictors.count == 1 ? "η" : "η\(Expr.subscripted(predictors.count))"
            return store.symbol(symbol, name: name)
        case .vector(let xs) where xs.count == k:
            return store.add(
                xs.enumerated().map { store.constant($0.element) * store.symbol(.parameter(entry.offset + $0.offset)) })
        case let other:
            throw Diagnostic.error(
                InterpreterMessage.dotNeedsDataMatrix(param: w, columns: k, found: other.kindDescription),
                at: dataSide.span)
        }
    }

    /// Data inside a model: element-wise operations stay symbolic (so statistics read Σ log x);
    /// named vectors become per-row columns; anything else is computed first.
    mutating func lowerData(_ e: ExpressionSyntax) throws -> Expr {
        switch e.kind {
        case .number(let x): return store.constant(x)
        case .unary(.negate, let a): return -(try lowerData(a))
        case .binary(let op, let a, let b) where [.add, .subtract, .multiply, .divide, .power].contains(op):
            return try lowerBinary(op, a, b, e.span)
        case .call(let callee, let args)
        where Builtin(rawValue: callee.text)?.kind == .elementwise || callee.text == "sqrt":
            return try lowerCall(callee, args, e.span)
        case .name(let n): return try lowerValue(session.evaluate(e), key: n, e.span)
        case .member(_, let column): return try lowerValue(session.evaluate(e), key: column.text, e.span)
        default: return try lowerValue(session.evaluate(e), key: e.span.text, e.span)
        }
    }

    mutating func lowerValue(_ v: Value, key: String, _ span: SourceSpan) throws -> Expr {
        switch v {
        case .number(let x): return store.constant(x)
        case .vector(let xs):
            guard xs.count == rows else {
                throw Diagnostic.error(InterpreterMessage.dataLength(key, values: xs.count, rows: rows), at: span)
            }
            if rows == 1 { return store.constant(xs[0]) }
            let fullKey = "\(key)#\(rows)"
            if let s = columnKeys[fullKey], columns[s] == xs { return store.symbol(s) }
            let symbol = Symbol.column(columns.count)
            columns[symbol] = xs
            columnKeys[fullKey] = symbol
            if xs.allSatisfy({ $0 > 0 }) { store.positive.insert(symbol) }
            return store.symbol(symbol, name: key)
        case .column(let c, _):
            if case .failure(let problem) = c.numbers() { throw Diagnostic.error(problem.description, at: span) }
            throw Diagnostic.error(InterpreterMessage.columnNotNumbers, at: span)
        case .matrix:
            throw Diagnostic.error(InterpreterMessage.matrixInModel, at: span)
        default:
            throw Diagnostic.error(InterpreterMessage.valueNotUsableInModel(v.kindDescription), at: span)
        }
    }
}
