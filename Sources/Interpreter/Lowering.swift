import Checker
import Data
import Diagnostics
import LinearAlgebra
import Model
import Pushdown
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
    /// The labels of the columns each vector param multiplies (`w` → woolB, tensionM, …).
    var labels: [String: [String]] = [:]
    /// Vector params met with unlabelled columns, or with two different labellings: not labelled.
    var unlabelled: Set<String> = []
    /// Design columns no row sets, with the θ slot of their coefficient.
    var emptyLevels: [EmptyLevelUse] = []

    /// A level (or pair of levels) with no rows, and the slot of its coefficient (nil for a baseline).
    struct EmptyLevelUse {
        let slot: Int?
        let level: DesignMatrix.EmptyLevel
    }
    /// Whether a column of a `sql(...)` table stays in its database (a column of the query's
    /// result in the IR) rather than being fetched into a vector; and what the term being
    /// lowered found in databases.
    var preferDatabase = false
    var database = DatabaseData()
    /// Every database column symbol of the model, the result column it reads, and their keys.
    var databaseColumns: [Symbol: String] = [:]
    var databaseKeys: [String: Symbol] = [:]
    var databasePredictors: [Symbol: DatabaseTerm.Predictor] = [:]
    /// Components of params picked per row by data (`μ[d.class]`), and the columns that pick them.
    var selectors: [Selector] = []
    var selectorKeys: [String: Symbol] = [:]
    var indexColumns: [IndexColumn] = []
    var indexKeys: [String: Int] = [:]
    /// The text levels naming each param's rows or components, as found (or as fixed before).
    var levels: [String: [[String]?]] = [:]

    init(session: Session, store: ExprStore, layout: ParameterLayout) {
        self.session = session
        self.store = store
        self.layout = layout
        self.levels = session.paramLevels
        // Each slot's symbol, named and marked positive; a very large param (a bigram table) is
        // met through selectors, so its slots get symbols only where a formula names them.
        for e in layout.entries where e.size <= Lowering.eagerSymbols {
            for k in 0..<e.size { _ = parameterSymbol(e, k) }
        }
    }

    static let eagerSymbols = 10_000

    /// The symbol of slot k of a param, named (σ, w₂, P₂₃ as w[2] is w₂) and known positive when constrained so.
    func parameterSymbol(_ e: ParameterLayout.Entry, _ k: Int) -> Expr {
        // A vector's component by its index as declared (a baseline vector's slot 1 is a₂).
        let name =
            e.length == nil
            ? e.name
            : e.shape.dimensions.count == 2
                ? e.componentName(k) : "\(e.name)\(Expr.subscripted(e.shape.position(ofSlot: k)[0] + 1))"
        let s = store.symbol(.parameter(e.offset + k), name: name)
        if let lo = e.lower, lo >= 0 { store.positive.insert(.parameter(e.offset + k)) }
        return s
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
        case .add, .subtract: return try lowerSum(op, a, b)
        case .multiply:
            if let product = try lowerFactorProduct(a, b, span) { return product }
            return try lower(a) * lower(b)
        case .divide: return try lower(a) / lower(b)
        case .power: return try lower(a).pow(lower(b))
        case .dot: return try lowerDot(a, b, span)
        default:
            throw Diagnostic.error(InterpreterMessage.notUsableInFormula(op.rawValue), at: span)
        }
    }

    /// A chain a₁ ± a₂ ± … ± aₖ (parsed left-leaning) as one sum: building it pairwise
    /// would re-flatten the growing left sum at every step, k²/2 term visits for a mean
    /// with k = 4000 coefficients.
    mutating func lowerSum(_ op: BinaryOperator, _ a: ExpressionSyntax, _ b: ExpressionSyntax) throws -> Expr {
        var right: [(negated: Bool, ExpressionSyntax)] = [(op == .subtract, b)]
        var left = a
        while case .binary(let inner, let l, let r) = left.kind, inner == .add || inner == .subtract {
            right.append((inner == .subtract, r))
            left = l
        }
        var terms = [try lower(left)]
        terms.reserveCapacity(right.count + 1)
        for (negated, term) in right.reversed() {
            let t = try lower(term)
            terms.append(negated ? -t : t)
        }
        return store.add(terms)
    }

    mutating func lowerCall(_ callee: Name, _ args: [Argument], _ span: SourceSpan) throws -> Expr {
        guard let builtin = Builtin(rawValue: callee.text) else {
            throw Diagnostic.error(InterpreterMessage.notUsableInFormula(callee.text), at: callee.span)
        }
        let functions: [Builtin: Function] = [
            .log: .log, .exp: .exp, .log1p: .log1p, .expm1: .expm1, .sigmoid: .sigmoid, .softplus: .softplus,
            .lgamma: .lgamma, .abs: .abs, .logit: .logit, .sin: .sin, .cos: .cos, .tan: .tan, .atan: .atan,
            .log10: .log10, .log2: .log2, .digamma: .digamma, .trigamma: .trigamma, .erf: .erf, .floor: .floor,
            .round: .round,
        ]
        if let f = functions[builtin] { return try lower(args[0].value).apply(f) }
        switch builtin {
        case .atan2: return try store.apply(.atan2, [lower(args[0].value), lower(args[1].value)])
        case .lbeta:
            let (a, b) = (try lower(args[0].value), try lower(args[1].value))
            return lgamma(a) + lgamma(b) - lgamma(a + b)
        case .lchoose:
            let (n, k) = (try lower(args[0].value), try lower(args[1].value))
            return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)
        case .pdf, .logpdf, .cdf, .ccdf: return try lowerOfDistribution(builtin, args, span)
        case .sqrt: return try lower(args[0].value).pow(0.5)
        case .logsumexp where args.count > 1: return try store.apply(.logsumexp, args.map { try lower($0.value) })
        case .dot: return try lowerDot(args[0].value, args[1].value, span)
        default:
            throw Diagnostic.error(InterpreterMessage.functionOfParams(builtin.rawValue), at: span)
        }
    }

    /// logpdf(D(θ), x) and the others inside a model: the family's own log-density, log CDF or
    /// log survival in the IR, so they are differentiated like the likelihood.
    mutating func lowerOfDistribution(_ builtin: Builtin, _ args: [Argument], _ span: SourceSpan) throws -> Expr {
        guard case .call(let name, let dargs) = args[0].value.kind, let family = Distributions.named(name.text) else {
            throw Diagnostic.error(InterpreterMessage.functionOfParams(builtin.rawValue), at: span)
        }
        let a = try dargs.map { try lower($0.value) }
        let x = try lower(args[1].value)
        let result: Expr?
        switch builtin {
        case .logpdf: result = family.logDensity(x, a)
        case .pdf: result = exp(family.logDensity(x, a))
        case .cdf: result = family.logCDF(x, a).map(exp)
        default: result = family.logSurvival(x, a).map(exp)
        }
        guard let result else {
            throw Diagnostic.error(InterpreterMessage.functionOfParams(builtin.rawValue), at: span)
        }
        return result
    }

    /// w[i], P[i, j]: a component of a param; μ[d.g]: the component each row's index picks.
    mutating func lowerIndex(_ base: ExpressionSyntax, _ indices: [ExpressionSyntax], _ span: SourceSpan) throws -> Expr
    {
        guard case .name(let n) = base.kind, let entry = layout.entry(n), entry.length != nil else {
            throw Diagnostic.error(InterpreterMessage.onlyVectorParamIndexed, at: span)
        }
        return try lowerComponent(entry, indices, span)
    }

    /// w·x with x a data matrix (a linear predictor), or a data vector (a fixed combination).
    /// A factor or text column is its indicator columns; `d[…]` keeps its column labels.
    mutating func lowerDot(_ a: ExpressionSyntax, _ b: ExpressionSyntax, _ span: SourceSpan) throws -> Expr {
        let (paramSide, dataSide) = Session.mentionsParams(a, in: session) ? (a, b) : (b, a)
        guard case .name(let w) = paramSide.kind, let entry = layout.entry(w), let k = entry.length,
            !Session.mentionsParams(dataSide, in: session)
        else {
            throw Diagnostic.error(InterpreterMessage.dotInModel, at: span)
        }
        if let (table, names) = session.databaseColumns(dataSide) {
            let text = names.compactMap { table.column(named: $0) }.first { $0.kind == .text }
            if preferDatabase, text == nil { return try lowerDatabaseDot(w, entry, k, table, names, dataSide, span) }
            database.note(textColumn: text, of: table)
        }
        switch try session.designed(session.evaluate(dataSide), dataSide) {
        case .design(let d): return try predictor(w, entry, d.matrix, design: d, dataSide, span)
        case .matrix(let m): return try predictor(w, entry, m, design: nil, dataSide, span)
        case .vector(let xs) where xs.count == k:
            return store.add(
                xs.enumerated().map { store.constant($0.element) * store.symbol(.parameter(entry.offset + $0.offset)) })
        case let other:
            throw Diagnostic.error(
                InterpreterMessage.dotNeedsDataMatrix(param: w, columns: k, found: other.kindDescription),
                at: dataSide.span)
        }
    }

    /// η = w·X: one linear predictor per distinct (param, data) pair, its columns' labels
    /// naming w's components.
    mutating func predictor(
        _ w: String, _ entry: ParameterLayout.Entry, _ m: Matrix, design: DesignMatrix?, _ data: ExpressionSyntax,
        _ span: SourceSpan
    ) throws -> Expr {
        let k = entry.size
        guard m.columns == k else {
            let message =
                design.map { InterpreterMessage.designColumns(param: w, components: k, $0.name, $0.labels) }
                ?? InterpreterMessage.matrixColumns(param: w, components: k, columns: m.columns)
            throw Diagnostic.error(message, at: span)
        }
        guard m.rows == rows else {
            throw Diagnostic.error(InterpreterMessage.matrixRows(m.rows, modelled: rows), at: data.span)
        }
        record(design, for: entry)
        let key = "\(w)·\(data.span.text)"
        if let s = predictorKeys[key] { return store.symbol(s) }
        let symbol = Symbol.predictor(predictors.count)
        predictors.append(LinearPredictor(symbol: symbol, matrix: m, offset: entry.offset))
        predictorKeys[key] = symbol
        predictorDescriptions[symbol] = "\(w)·\(data.span.text)"
        let name = predictors.count == 1 ? "η" : "η\(Expr.subscripted(predictors.count))"
        return store.symbol(symbol, name: name)
    }

    /// Keeps a design's labels for its param (unless they repeat a name, or another use of the
    /// param labels it otherwise), and its columns that no row sets.
    mutating func record(_ design: DesignMatrix?, for entry: ParameterLayout.Entry) {
        guard let design, Set(design.labels).count == design.labels.count else {
            unlabelled.insert(entry.name)
            return
        }
        if let known = labels[entry.name], known != design.labels { unlabelled.insert(entry.name) }
        labels[entry.name] = design.labels
        for empty in design.emptyLevels {
            let use = EmptyLevelUse(slot: empty.column.map { entry.offset + $0 }, level: empty)
            if !emptyLevels.contains(where: {
                $0.slot == use.slot && $0.level.levels.elementsEqual(empty.levels, by: ==)
            }) {
                emptyLevels.append(use)
            }
        }
    }

    /// `b*d.wool`: b times the indicator of a two-level factor; `w*d.tension` with w a vector
    /// param: w·d.tension. Nil when neither side is a factor.
    mutating func lowerFactorProduct(_ a: ExpressionSyntax, _ b: ExpressionSyntax, _ span: SourceSpan) throws -> Expr? {
        for (factorSide, other) in [(a, b), (b, a)] where Lowering.mayBeFactor(factorSide) {
            // A numeric column of a query is no factor: looking would fetch its rows.
            if let (_, column) = session.databaseColumn(factorSide), column.kind == .numeric { continue }
            guard !Session.mentionsParams(factorSide, in: session),
                let f = try session.factorValue(session.evaluate(factorSide), factorSide.span)
            else { continue }
            let design = try session.design(of: f, factorSide)
            if case .name(let w) = other.kind, let entry = layout.entry(w), entry.length != nil {
                return try predictor(w, entry, design.matrix, design: design, factorSide, span)
            }
            guard design.labels.count == 1 else {
                throw Diagnostic.error(
                    CheckerMessage.oneCoefficientForFactor(
                        other.span.text, factorSide.span.text, f.levels.count, design.labels), at: span,
                    help: CheckerMessage.declareCoefficients(other.nameText, factorSide.span.text, design.labels.count))
            }
            let indicator = try lowerValue(.vector(design.matrix.elements), key: design.labels[0], factorSide.span)
            return try lower(other) * indicator
        }
        return nil
    }

    /// Syntax that can stand for a factor: a column, a name, or a call of factor().
    static func mayBeFactor(_ e: ExpressionSyntax) -> Bool {
        switch e.kind {
        case .member, .name: return true
        case .call(let callee, _): return callee.text == Builtin.factor.rawValue
        default: return false
        }
    }

    /// The layout with each vector param's components named by the columns they multiply.
    func labelledLayout() -> ParameterLayout {
        ParameterLayout(
            entries: layout.entries.map { entry in
                var entry = entry
                if !unlabelled.contains(entry.name), let names = labels[entry.name], names.count == entry.size {
                    entry.labels = names
                }
                return entry
            })
    }

    /// Data inside a model: element-wise operations stay symbolic (so statistics read Σ log x);
    /// named vectors become per-row columns; anything else is computed first.
    mutating func lowerData(_ e: ExpressionSyntax) throws -> Expr {
        if rows > 1, let (table, column) = session.databaseColumn(e) {
            // A text column stays in memory (where factor indicators are made).
            if preferDatabase, column.kind == .numeric {
                return try lowerDatabaseColumn(table, column, key: Lowering.key(of: e), e.span)
            }
            database.note(textColumn: column, of: table)
        }
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
            if preferDatabase, database.inMemory == nil { database.inMemory = key }
            let symbol = Symbol.column(columns.count + databaseColumns.count)
            columns[symbol] = xs
            columnKeys[fullKey] = symbol
            if xs.allSatisfy({ $0 > 0 }) { store.positive.insert(symbol) }
            return store.symbol(symbol, name: key)
        case .column(let c, _) where c.isCategorical:
            throw Diagnostic.error(
                InterpreterMessage.factorInModel, at: span, help: InterpreterMessage.factorInModelHelp)
        case .factor:
            throw Diagnostic.error(
                InterpreterMessage.factorInModel, at: span, help: InterpreterMessage.factorInModelHelp)
        case .column(let c, _):
            if case .failure(let problem) = c.numbers() { throw Diagnostic.error(problem.description, at: span) }
            throw Diagnostic.error(InterpreterMessage.columnNotNumbers, at: span)
        case .matrix, .design:
            throw Diagnostic.error(InterpreterMessage.matrixInModel, at: span)
        default:
            throw Diagnostic.error(InterpreterMessage.valueNotUsableInModel(v.kindDescription), at: span)
        }
    }
}
