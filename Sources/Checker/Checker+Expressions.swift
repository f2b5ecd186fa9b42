import Data
import Diagnostics
import Model
import Syntax

/// What the checker learns about an expression.
public struct ExpressionInfo: Sendable {
    public var shape: Shape
    /// Params the expression depends on (directly or through lets), in order of appearance.
    public var params: [String] {
        get { orderedParams }
        set {
            orderedParams = newValue
            paramSet = Set(newValue)
        }
    }
    /// `params`, and the same as a set: absorbing one operand at a time into a sum of
    /// 4,000 params must not search the list each time.
    private var orderedParams: [String] = []
    private var paramSet: Set<String> = []
    /// The first param named, where it was named (for messages).
    public var firstParam: Name?
    /// Params read from a named fit (`m1.b1`): their estimates, so `se()` of them has meaning.
    public var fitted: [String] = []

    public init(shape: Shape, params: [String] = [], firstParam: Name? = nil, fitted: [String] = []) {
        self.shape = shape
        self.firstParam = firstParam
        self.fitted = fitted
        self.params = params
    }

    public var usesParams: Bool { !params.isEmpty }

    static let unknown = ExpressionInfo(shape: .unknown)

    mutating func absorb(_ other: ExpressionInfo) {
        for p in other.orderedParams where paramSet.insert(p).inserted { orderedParams.append(p) }
        for p in other.fitted where !fitted.contains(p) { fitted.append(p) }
        if firstParam == nil { firstParam = other.firstParam }
    }
}

extension Checker {
    /// The shape of an expression and the params it uses, reporting what is wrong with it.
    public mutating func infer(_ e: ExpressionSyntax) -> ExpressionInfo {
        switch e.kind {
        case .number: return ExpressionInfo(shape: .scalar)
        case .string: return ExpressionInfo(shape: .string)
        case .name(let name): return inferName(name, e.span)
        case .vector(let items): return inferVector(items, e.span)
        case .unary(_, let operand):
            let info = infer(operand)
            return ExpressionInfo(
                shape: numeric(info.shape, operand.span), params: info.params, firstParam: info.firstParam)
        case .binary(let op, let a, let b): return inferBinary(op, a, b, e.span)
        case .call(let callee, let args): return inferCall(callee, args, e.span)
        case .index(let base, let indices): return inferIndex(base, indices, e.span)
        case .member(let base, let column): return inferMember(base, column)
        }
    }

    mutating func inferName(_ name: String, _ span: SourceSpan) -> ExpressionInfo {
        if let entry = environment[name] {
            switch entry.binding {
            case .data(let shape): return ExpressionInfo(shape: shape)
            case .param(let info):
                return ExpressionInfo(shape: info.shape, params: [name], firstParam: Name(name, span))
            case .let(let shape, _):
                let params = environment.letParams[name] ?? []
                return ExpressionInfo(
                    shape: shape, params: params, firstParam: params.isEmpty ? nil : Name(params[0], span))
            case .model:
                error(CheckerMessage.modelIsNotAValue(name), at: span, help: CheckerMessage.fitIt(name))
                return .unknown
            }
        }
        if NamedConstant(rawValue: name) != nil { return ExpressionInfo(shape: .scalar) }
        if FitResult(rawValue: name) != nil {
            if environment.hasFit { return ExpressionInfo(shape: .scalar) }
            error(CheckerMessage.onlyAfterFit(name), at: span, help: CheckerMessage.addFitFirst)
            return .unknown
        }
        if Builtin(rawValue: name) != nil || Distributions.named(name) != nil {
            error(CheckerMessage.functionWithoutCall(name), at: span)
            return .unknown
        }
        undefined(name, at: span)
        return .unknown
    }

    mutating func undefined(_ name: String, at span: SourceSpan) {
        let hint = Suggestion.closest(to: name, among: knownNames)
        error(CheckerMessage.undefinedName(name), at: span, help: hint.map(CheckerMessage.didYouMean))
    }

    mutating func inferVector(_ items: [ExpressionSyntax], _ span: SourceSpan) -> ExpressionInfo {
        var result = ExpressionInfo(shape: .vector(items.count))
        var sawNumber = false
        var sawRow = false
        var firstRow: Int?
        for (i, item) in items.enumerated() {
            let info = infer(item)
            result.absorb(info)
            switch info.shape {
            case .scalar, .unknown:
                if sawRow { mixed(item.span) }
                sawNumber = true
            case .vector(let n):
                if sawNumber { mixed(item.span) }
                if let m = firstRow, let n, m != n {
                    error(CheckerMessage.rowLength(row: i + 1, values: n, firstRow: m), at: item.span)
                }
                if !sawRow { firstRow = n }
                sawRow = true
            case .matrix:
                error(CheckerMessage.nestedTooDeep, at: item.span)
            default:
                error(CheckerMessage.nonNumericElement(i + 1, shape: info.shape), at: item.span)
            }
        }
        if sawRow { result.shape = sawNumber ? .unknown : .matrix(items.count, firstRow) }
        return result
    }

    mutating func mixed(_ span: SourceSpan) {
        error(CheckerMessage.mixedLiteral, at: span)
    }

    mutating func inferBinary(_ op: BinaryOperator, _ a: ExpressionSyntax, _ b: ExpressionSyntax, _ span: SourceSpan)
        -> ExpressionInfo
    {
        // The left operand's info is absorbed in place (not copied: a copy per step makes a
        // sum of k params k²); only · and ± need it whole afterwards.
        var result = infer(a)
        let right = infer(b)
        let left = op == .dot || op == .plusMinus ? result : ExpressionInfo(shape: result.shape)
        result.absorb(right)
        switch op {
        case .dot:
            result.shape = paramMatrixProduct(left, right) ?? dotShape(left.shape, right.shape, a, b)
        case .plusMinus:
            expectScalar(left, a, role: CheckerMessage.Role.plusMinusCentre)
            expectScalar(right, b, role: CheckerMessage.Role.plusMinusHalfWidth)
            result.shape = .interval
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            result.shape = comparisonShape(left.shape, right.shape, op, a, b)
        case .multiply:
            result.shape = factorProduct(left.shape, right.shape, a, b) ?? broadcast(left.shape, right.shape, a, b)
        case .approx:
            if case .interval = right.shape {
                _ = numeric(left.shape, a.span)
            } else {
                _ = broadcast(left.shape, right.shape, a, b)
            }
            result.shape = .scalar
        default:
            result.shape = broadcast(left.shape, right.shape, a, b)
        }
        return result
    }

    /// Arithmetic operands must be numeric; returns the shape (or .unknown after reporting).
    mutating func numeric(_ shape: Shape, _ span: SourceSpan) -> Shape {
        switch shape {
        case .scalar, .vector, .matrix, .unknown: return shape
        case .design(let rows, let labels, _): return .matrix(rows, labels.count)
        case .unusableColumn(_, let problem):
            error(problem.description, at: span)
        case .factor(let f, let problem):
            error(
                problem?.description ?? CheckerMessage.factorInArithmetic, at: span,
                help: CheckerMessage.factorHelp(span.text, level: f.levels.last))
        case .table:
            error(CheckerMessage.tableInArithmetic, at: span, help: CheckerMessage.useAColumn)
        case .string:
            error(CheckerMessage.stringInArithmetic, at: span)
        case .distribution(let d):
            error(CheckerMessage.distributionInArithmetic(d), at: span, help: CheckerMessage.useSample)
        case .interval:
            error(CheckerMessage.intervalInArithmetic, at: span)
        case .plot(let p):
            error(
                CheckerMessage.plotInArithmetic, at: span,
                help: CheckerMessage.usePlotData(span.text, p.members.map(\.name)))
        }
        return .unknown
    }

    /// The shape of an element-wise operation: a number combines with anything;
    /// otherwise the shapes must be equal.
    mutating func broadcast(_ x: Shape, _ y: Shape, _ a: ExpressionSyntax, _ b: ExpressionSyntax) -> Shape {
        let (l, r) = (numeric(x, a.span), numeric(y, b.span))
        switch (l, r) {
        case (.unknown, _): return r
        case (_, .unknown): return l
        case (.scalar, _): return r
        case (_, .scalar): return l
        case (.vector(let n), .vector(let m)):
            if let n, let m, n != m {
                mismatch(l, r, a, b)
                return .unknown
            }
            return .vector(n ?? m)
        case (.matrix(let r1, let c1), .matrix(let r2, let c2)):
            if let r1, let r2, r1 != r2 {
                mismatch(l, r, a, b)
                return .unknown
            }
            if let c1, let c2, c1 != c2 {
                mismatch(l, r, a, b)
                return .unknown
            }
            return .matrix(r1 ?? r2, c1 ?? c2)
        default:
            mismatch(l, r, a, b)
            return .unknown
        }
    }

    mutating func mismatch(_ l: Shape, _ r: Shape, _ a: ExpressionSyntax, _ b: ExpressionSyntax) {
        report(
            Diagnostic.error(
                CheckerMessage.shapeMismatch(l, r), at: a.span.merged(with: b.span),
                help: CheckerMessage.equalShapes
            )
            .note(CheckerMessage.thisIs(l), at: a.span)
            .note(CheckerMessage.thisIs(r), at: b.span))
    }

    /// `w·x`: vector·vector is a number; a matrix and a vector give one dot product per row.
    mutating func dotShape(_ x: Shape, _ y: Shape, _ a: ExpressionSyntax, _ b: ExpressionSyntax) -> Shape {
        let (x, xLabels, xExpanded) = designColumns(x, a)
        let (y, yLabels, yExpanded) = designColumns(y, b)
        let (l, r) = (numeric(x, a.span), numeric(y, b.span))
        func check(_ k: Int?, _ columns: Int?) {
            if let k, let columns, k != columns {
                if let labels = xLabels ?? yLabels {
                    let (vector, matrix) = xLabels == nil ? (a, b) : (b, a)
                    error(
                        CheckerMessage.dotExpansion(vector.span.text, components: k, matrix.span.text, labels),
                        at: a.span.merged(with: b.span),
                        help: CheckerMessage.expansionHelp(
                            vector.nameText, labels.count, factors: xExpanded || yExpanded))
                    return
                }
                report(
                    Diagnostic.error(
                        CheckerMessage.dotLength(components: k, columns: columns),
                        at: a.span.merged(with: b.span)
                    )
                    .note(CheckerMessage.thisIs(l), at: a.span).note(CheckerMessage.thisIs(r), at: b.span))
            }
        }
        switch (l, r) {
        case (.unknown, _), (_, .unknown): return .unknown
        case (.vector(let n), .vector(let m)):
            check(n, m)
            return .scalar
        case (.matrix(let rows, let c), .vector(let k)), (.vector(let k), .matrix(let rows, let c)):
            check(k, c)
            return .vector(rows)
        default:
            error(CheckerMessage.dotOperands(l, r), at: a.span.merged(with: b.span))
            return .unknown
        }
    }

    mutating func inferMember(_ base: ExpressionSyntax, _ column: Name) -> ExpressionInfo {
        if case .name(let n) = base.kind, let entry = environment[n], case .model = entry.binding {
            return inferFitResult(Name(n, base.span), column)
        }
        let info = infer(base)
        if case .plot(let plot) = info.shape { return inferPlotMember(plot, base, column) }
        guard case .table(let table) = info.shape else {
            if case .unknown = info.shape { return .unknown }
            error(CheckerMessage.memberOfNonTable(info.shape), at: base.span)
            return .unknown
        }
        guard let col = table.column(named: column.text) else {
            unknownColumn(column.text, table, at: column.span)
            return .unknown
        }
        guard let problem = col.problem else { return ExpressionInfo(shape: .vector(table.rowCount)) }
        if col.isCategorical, case .success(let factor) = col.factor() {
            return ExpressionInfo(shape: .factor(factor, problem))
        }
        return ExpressionInfo(shape: .unusableColumn(table.rowCount, problem))
    }

    /// `m1.b1`, `m1.loglik`, `m1.aic`, `m1.bic`, `m1.n`: what fit m1 found, whatever was fitted later.
    mutating func inferFitResult(_ model: Name, _ member: Name) -> ExpressionInfo {
        let params = environment.modelParams[model.text] ?? []
        if !environment.fittedModels.contains(model.text) {
            error(
                CheckerMessage.modelNotFitted(model.text, "\(model.text).\(member.text)"), at: member.span,
                help: CheckerMessage.fitModelFirst(model.text))
            return .unknown
        }
        if FitResult(rawValue: member.text) != nil { return ExpressionInfo(shape: .scalar) }
        guard params.contains(member.text), let entry = environment[member.text], case .param(let p) = entry.binding
        else {
            let hint = Suggestion.closest(to: member.text, among: params + FitResult.allCases.map(\.rawValue))
            error(
                CheckerMessage.notAFitResult(member.text, of: model.text), at: member.span,
                help: hint.map(CheckerMessage.didYouMean) ?? CheckerMessage.fitResults(params))
            return .unknown
        }
        // A fitted value, not a param: it uses no params (so it is data, and se() of it is of that fit).
        return ExpressionInfo(shape: p.shape, fitted: [member.text])
    }

    mutating func unknownColumn(_ name: String, _ table: Table, at span: SourceSpan) {
        let hint = Suggestion.closest(to: name, among: table.columnNames)
        error(
            CheckerMessage.noColumn(name, in: table.name), at: span,
            help: hint.map(CheckerMessage.didYouMean) ?? CheckerMessage.itsColumns(table.columnNames))
    }

    mutating func inferIndex(_ base: ExpressionSyntax, _ indices: [ExpressionSyntax], _ span: SourceSpan)
        -> ExpressionInfo
    {
        if let param = shapedParam(base) { return inferParamIndex(param, base, indices, span) }
        var info = infer(base)
        if case .table(let table) = info.shape { return tableColumns(table, indices) }
        // A table that could not be read (already reported): its column names are not names to look up.
        if info.shape.isUnknown, case .name = base.kind,
            indices.allSatisfy({ Checker.isUndefinedName($0, environment) })
        {
            return .unknown
        }
        if case .design = info.shape { info.shape = numeric(info.shape, base.span) }
        if case .factor = info.shape, indices.count == 1 {
            expectScalar(infer(indices[0]), indices[0], role: CheckerMessage.Role.index)
            return ExpressionInfo(shape: .string)
        }
        if case .unusableColumn = info.shape, indices.count == 1 {
            expectScalar(infer(indices[0]), indices[0], role: CheckerMessage.Role.index)
            return ExpressionInfo(shape: .string)
        }
        for index in indices {
            let i = infer(index)
            info.absorb(i)
            expectScalar(i, index, role: CheckerMessage.Role.index)
            if let v = Checker.literalValue(index), v < 1 || v != v.rounded() {
                error(CheckerMessage.badIndex(v), at: index.span)
            }
        }
        let literal = indices.map(Checker.literalValue)
        func bound(_ v: Double?, _ n: Int?, _ index: ExpressionSyntax, _ extent: String) {
            if let v, let n, v > Double(n) {
                error(CheckerMessage.indexOutOfRange(v, extent: extent), at: index.span)
            }
        }
        switch (info.shape, indices.count) {
        case (.vector(let n), 1):
            bound(literal[0], n, indices[0], CheckerMessage.vectorExtent(n ?? 0))
            info.shape = .scalar
        case (.matrix(let r, let c), 1):
            bound(literal[0], r, indices[0], CheckerMessage.rowExtent(r ?? 0))
            info.shape = .vector(c)
        case (.matrix(let r, let c), 2):
            bound(literal[0], r, indices[0], CheckerMessage.rowExtent(r ?? 0))
            bound(literal[1], c, indices[1], CheckerMessage.columnExtent(c ?? 0))
            info.shape = .scalar
        case (.unknown, _):
            info.shape = .unknown
        default:
            error(CheckerMessage.cannotIndex(info.shape, count: indices.count), at: span)
            info.shape = .unknown
        }
        return info
    }

    /// Whether `e` is a bare name nothing in scope defines (a column name, after a table failed to load).
    static func isUndefinedName(_ e: ExpressionSyntax, _ environment: Environment) -> Bool {
        if case .name(let n) = e.kind { return environment[n] == nil }
        return false
    }

    /// An expression that must not involve params (data, start values, bounds).
    mutating func requireData(_ e: ExpressionSyntax, role: String) -> ExpressionInfo {
        let info = infer(e)
        if let p = info.firstParam {
            error(CheckerMessage.dependsOnParam(role, param: p.text), at: p.span)
        }
        return info
    }

    mutating func expectScalar(_ info: ExpressionInfo, _ e: ExpressionSyntax, role: String) {
        switch info.shape {
        case .scalar, .unknown: return
        default: error(CheckerMessage.notANumber(role, shape: info.shape), at: e.span)
        }
    }

    /// The value of a literal number (with an optional sign), else nil.
    static func literalValue(_ e: ExpressionSyntax) -> Double? {
        switch e.kind {
        case .number(let v): return v
        case .unary(.negate, let inner): return literalValue(inner).map { -$0 }
        case .unary(.plus, let inner): return literalValue(inner)
        default: return nil
        }
    }

    /// Literal numbers of a number or a vector literal.
    static func literalValues(_ e: ExpressionSyntax) -> [Double] {
        if case .vector(let items) = e.kind { return items.compactMap(literalValue) }
        return literalValue(e).map { [$0] } ?? []
    }
}
