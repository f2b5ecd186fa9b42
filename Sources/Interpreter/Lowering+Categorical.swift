import Checker
import Diagnostics
import LinearAlgebra
import Model
import Symbolic
import Syntax

/// A family whose argument is a vector of probabilities over the outcomes, of which each
/// row's response picks one (Categorical): the response becomes an index column and the
/// argument the picked component p_y.
extension Lowering {
    /// The response (its codes 1…K) and p_y, for `y ~ Categorical(p)`: p a simplex param
    /// (p_y is its component y), a row of one (`P[d.prev]`: component (prev, y)), or
    /// `softmax(B·x)` (p_y = exp(η_y − logsumexp(η)), ηₖ = B[k]·x with η₁ = 0).
    mutating func lowerOutcome(_ response: ExpressionSyntax, _ argument: ExpressionSyntax) throws -> (Expr, Expr) {
        switch argument.kind {
        case .name(let n):
            guard let entry = layout.entry(n), case .simplex(nil, _) = entry.shape else { break }
            let y = try outcomeColumn(response, entry, dimension: 0)
            return (try codes(y, response), try component(entry, [.column(y)], argument.span))
        case .index(let base, let indices) where indices.count == 1:
            guard let n = base.nameText, let entry = layout.entry(n), entry.shape.dimensions.count == 2,
                !entry.shape.hasFixedRow
            else { break }
            let row = try indexPart(entry, dimension: 0, indices[0])
            let y = try outcomeColumn(response, entry, dimension: 1)
            return (try codes(y, response), try component(entry, [row, .column(y)], argument.span))
        case .call(let f, let args) where f.text == Builtin.softmax.rawValue && args.count == 1:
            return try lowerSoftmax(response, args[0].value, argument.span)
        default: break
        }
        throw Diagnostic.error(CheckerMessage.categoricalArgument, at: argument.span)
    }

    /// The response as an index column along the param's outcome dimension (its levels
    /// those of the param's columns, so a held-out table is coded as the training one).
    mutating func outcomeColumn(_ response: ExpressionSyntax, _ entry: ParameterLayout.Entry, dimension d: Int) throws
        -> Int
    {
        try indexColumn(session.evaluate(response), response, entry, dimension: d)
    }

    /// An index column's codes as a data column of the IR (the response as modelled).
    mutating func codes(_ column: Int, _ response: ExpressionSyntax) throws -> Expr {
        let values = indexColumns[column].codes.map(Double.init)
        return try lowerValue(.vector(values), key: Lowering.indexName(response), response.span)
    }

    /// softmax(a + B·x) picked by y: log p_y = Σₖ [y = k]·ηₖ − logsumexp(0, η₂, …, η_K) with
    /// ηₖ = aₖ + B[k]·x, the indicators [y = k] data columns and each B[k]·x a linear predictor;
    /// row 1 of B and a₁ are held at 0 (category 1 is the baseline). Either part may be absent.
    mutating func lowerSoftmax(_ response: ExpressionSyntax, _ argument: ExpressionSyntax, _ span: SourceSpan) throws
        -> (Expr, Expr)
    {
        var intercept: ParameterLayout.Entry?
        var product: (entry: ParameterLayout.Entry, data: ExpressionSyntax)?
        for part in Session.softmaxTerms(argument) {
            if let n = part.nameText, let entry = layout.entry(n), case .baselineVector = entry.shape, intercept == nil
            {
                intercept = entry
            } else if product == nil, let found = try softmaxProduct(part) {
                product = found
            } else {
                throw Diagnostic.error(CheckerMessage.categoricalArgument, at: part.span)
            }
        }
        guard let categories = product?.entry.shape.dimensions[0] ?? intercept?.shape.dimensions[0] else {
            throw Diagnostic.error(CheckerMessage.categoricalArgument, at: span)
        }
        if let a = intercept, let b = product, a.shape.dimensions[0] != categories {
            throw Diagnostic.error(
                InterpreterMessage.softmaxSizes(a.name, a.shape.dimensions[0], b.entry.name, categories), at: span)
        }
        guard let owner = product?.entry ?? intercept else {
            throw Diagnostic.error(CheckerMessage.categoricalArgument, at: span)
        }
        let y = try outcomeColumn(response, owner, dimension: 0)
        let codes = indexColumns[y].codes
        labelSoftmax(owner, intercept, product, categories: indexColumns[y].labels)
        var picked: [Expr] = []
        var etas: [Expr] = [store.zero]
        for category in 2...categories {
            var eta = intercept.map { parameterSymbol($0, category - 2) } ?? store.zero
            if let (b, data) = product { eta = eta + (try predictor(b, data, category)) }
            etas.append(eta)
            let level = indexColumns[y].labels.map { $0[category - 1] } ?? String(category)
            let indicator = try lowerValue(
                .vector(codes.map { $0 == Int32(category) ? 1 : 0 }),
                key: "[\(Lowering.indexName(response)) = \(level)]", response.span)
            picked.append(indicator * eta)
        }
        let logProbability = store.add(picked) - store.apply(.logsumexp, etas)
        return (try self.codes(y, response), exp(logProbability))
    }

    /// The categories name the intercepts and B's rows (`a[versicolor]`, `B[virginica, ·]`), the
    /// columns of `x = d[a, b]` name B's columns (`B[virginica, sepal_length]`).
    mutating func labelSoftmax(
        _ owner: ParameterLayout.Entry, _ intercept: ParameterLayout.Entry?,
        _ product: (entry: ParameterLayout.Entry, data: ExpressionSyntax)?, categories: [String]?
    ) {
        if let a = intercept, let categories { levels[a.name] = [categories] }
        guard let (b, data) = product else { return }
        var dims = levels[b.name] ?? [nil, nil]
        while dims.count < 2 { dims.append(nil) }
        if let categories { dims[0] = categories }
        if dims[1] == nil, case .design(let design)? = try? session.evaluate(data),
            design.labels.count == b.shape.dimensions[1]
        {
            dims[1] = design.labels
        }
        levels[b.name] = dims
    }

    /// `B·x` (or `dot(B, x)`) with B a matrix param whose first row is held at 0 and x a data
    /// matrix with a row per modelled row; nil if the term is not that.
    mutating func softmaxProduct(_ part: ExpressionSyntax) throws -> (
        entry: ParameterLayout.Entry, data: ExpressionSyntax
    )? {
        let operands: (ExpressionSyntax, ExpressionSyntax)
        switch part.kind {
        case .binary(.dot, let a, let b): operands = (a, b)
        case .call(let g, let args) where g.text == Builtin.dot.rawValue && args.count == 2:
            operands = (args[0].value, args[1].value)
        default: return nil
        }
        let (paramSide, dataSide) =
            operands.0.nameText.flatMap(layout.entry) != nil ? operands : (operands.1, operands.0)
        guard let b = paramSide.nameText, let entry = layout.entry(b), case .matrix(_, let p, true) = entry.shape,
            !Session.mentionsParams(dataSide, in: session)
        else { return nil }
        guard let x = Lowering.dataMatrix(try session.evaluate(dataSide)) else {
            throw Diagnostic.error(InterpreterMessage.softmaxNeedsDataMatrix(b, columns: p), at: dataSide.span)
        }
        guard x.columns == p else {
            throw Diagnostic.error(
                InterpreterMessage.matrixColumns(param: b, components: p, columns: x.columns), at: dataSide.span)
        }
        guard x.rows == rows else {
            throw Diagnostic.error(InterpreterMessage.matrixRows(x.rows, modelled: rows), at: dataSide.span)
        }
        return (entry, dataSide)
    }

    /// A data matrix: a matrix, or the numbers of a labelled one (`d[a, b]`, a factor's indicators).
    static func dataMatrix(_ v: Value) -> Matrix? {
        switch v {
        case .matrix(let m): return m
        case .design(let d): return d.matrix
        default: return nil
        }
    }

    /// The linear predictor B[k]·x (row k ≥ 2 of B), one per category.
    mutating func predictor(_ b: ParameterLayout.Entry, _ data: ExpressionSyntax, _ category: Int) throws -> Expr {
        let description = "\(b.name)[\(category)]·\(data.span.text)"
        if let s = predictorKeys[description] { return store.symbol(s) }
        guard let x = Lowering.dataMatrix(try session.evaluate(data)), case .matrix(_, let p, _) = b.shape else {
            throw Diagnostic.error(CheckerMessage.categoricalArgument, at: data.span)
        }
        let symbol = Symbol.predictor(predictors.count)
        predictors.append(LinearPredictor(symbol: symbol, matrix: x, offset: b.offset + (category - 2) * p))
        predictorDescriptions[symbol] = description
        predictorKeys[description] = symbol
        return store.symbol(symbol, name: "η\(Expr.subscripted(category))")
    }
}
