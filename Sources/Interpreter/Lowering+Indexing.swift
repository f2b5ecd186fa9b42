import Checker
import Data
import Diagnostics
import Model
import Symbolic
import Syntax

/// Params indexed by data: `μ[d.class]` picks, row by row, the component a data column
/// names (whole numbers 1…K, or a text column's sorted levels); `P[d.prev]` picks a row.
extension Lowering {
    /// A component of a param: fixed (`w[2]`, `P[2, 3]`: a slot of θ), or picked per row by
    /// index columns (`μ[d.g]`: a selector). One index per dimension of the param.
    mutating func lowerComponent(_ entry: ParameterLayout.Entry, _ indices: [ExpressionSyntax], _ span: SourceSpan)
        throws -> Expr
    {
        let dims = entry.shape.dimensions
        guard indices.count == dims.count else {
            if indices.count == 1, dims.count == 2 {
                throw Diagnostic.error(InterpreterMessage.rowOfParamOutsideCategorical(entry.name), at: span)
            }
            throw Diagnostic.error(
                InterpreterMessage.indexCount(param: entry.name, dimensions: dims.count, given: indices.count), at: span
            )
        }
        let parts = try indices.enumerated().map { d, e in try indexPart(entry, dimension: d, e) }
        return try component(entry, parts, span)
    }

    /// The IR symbol for the component at `parts`: a θ slot when every part is fixed, else a selector.
    mutating func component(_ entry: ParameterLayout.Entry, _ parts: [Selector.Part], _ span: SourceSpan) throws
        -> Expr
    {
        let fixed = parts.compactMap { if case .fixed(let i) = $0 { return i } else { return nil } }
        if fixed.count == parts.count {
            guard let slot = entry.slot(at: fixed) else {
                if entry.shape.hasFixedRow, fixed.first == 1 {
                    throw Diagnostic.error(InterpreterMessage.baselineRowFixed(entry.name), at: span)
                }
                throw Diagnostic.error(
                    InterpreterMessage.paramIndexOutOfRange(param: entry.name, components: entry.size), at: span)
            }
            return parameterSymbol(entry, slot)
        }
        let key = "\(entry.name)\(parts)"
        if let s = selectorKeys[key] { return store.symbol(s) }
        let symbol = Symbol.selected(selectors.count)
        selectors.append(
            Selector(symbol: symbol, parameter: entry.name, offset: entry.offset, shape: entry.shape, parts: parts))
        selectorKeys[key] = symbol
        if let lo = entry.lower, lo >= 0 { store.positive.insert(symbol) }
        return store.symbol(symbol)
    }

    /// One index: a number (fixed), or data with a value per row (an index column).
    mutating func indexPart(_ entry: ParameterLayout.Entry, dimension d: Int, _ e: ExpressionSyntax) throws
        -> Selector.Part
    {
        if Session.mentionsParams(e, in: session) {
            throw Diagnostic.error(InterpreterMessage.indexDependsOnParam(entry.name), at: e.span)
        }
        let value = try session.evaluate(e)
        if case .number(let i) = value {
            let extent = entry.shape.dimensions[d]
            guard i >= 1, i == i.rounded(), i <= Double(extent) else {
                throw Diagnostic.error(
                    InterpreterMessage.paramIndexOutOfRange(param: entry.name, components: extent), at: e.span)
            }
            return .fixed(Int(i))
        }
        return .column(try indexColumn(value, e, entry, dimension: d))
    }

    /// The index column for data `value` along dimension `d` of the param: each row's code
    /// checked to lie in 1…K; a text column coded by the param's levels for that dimension (its
    /// own sorted levels, whose number must be K, unless an earlier model fixed them).
    mutating func indexColumn(_ value: Value, _ e: ExpressionSyntax, _ entry: ParameterLayout.Entry, dimension d: Int)
        throws -> Int
    {
        let extent = entry.shape.dimensions[d]
        let name = Lowering.indexName(e)
        if database.pickedBy == nil { database.pickedBy = e.span.text }
        if let (table, column) = session.databaseColumn(e) { database.note(textColumn: column, of: table) }
        var codes: [Int32]
        var labels: [String]?
        switch value {
        case .vector(let xs):
            guard xs.count == rows else {
                throw Diagnostic.error(
                    InterpreterMessage.dataLength(e.span.text, values: xs.count, rows: rows), at: e.span)
            }
            if let bad = xs.firstIndex(where: { !($0 >= 1 && $0 <= Double(extent) && $0 == $0.rounded()) }) {
                throw Diagnostic.error(
                    InterpreterMessage.indexOutOfRange(
                        e.span.text, row: bad + 1, value: xs[bad], param: entry.name,
                        extent: InterpreterMessage.extent(extent, dimension: d, of: entry.shape.dimensions.count),
                        limit: extent),
                    at: e.span)
            }
            codes = xs.map { Int32($0) }
        case .column(let column, _):
            guard column.count == rows else {
                throw Diagnostic.error(
                    InterpreterMessage.dataLength(e.span.text, values: column.count, rows: rows), at: e.span)
            }
            switch column.factor() {
            case .success(let f): (codes, labels) = try levelCodes(f, e, entry, dimension: d)
            case .failure(let problem):
                throw Diagnostic.error(InterpreterMessage.indexCellEmpty(problem.description), at: e.span)
            }
        case .factor(let f):
            guard f.count == rows else {
                throw Diagnostic.error(
                    InterpreterMessage.dataLength(e.span.text, values: f.count, rows: rows), at: e.span)
            }
            (codes, labels) = try levelCodes(f, e, entry, dimension: d)
        default:
            throw Diagnostic.error(
                InterpreterMessage.indexNotData(entry.name, found: value.kindDescription), at: e.span)
        }
        let key = "\(e.span.text)#\(rows)#\(extent)#\(labels?.joined(separator: "\u{1}") ?? "")"
        if let k = indexKeys[key], indexColumns[k].codes == codes { return k }
        indexColumns.append(IndexColumn(name: name, codes: codes, extent: extent, labels: labels))
        indexKeys[key] = indexColumns.count - 1
        return indexColumns.count - 1
    }

    /// A factor's codes among the param's levels for dimension `d`: its own (sorted, or as
    /// `factor(…)` ordered them), whose number must be the param's extent, unless an earlier
    /// model fixed the param's levels (held-out data are coded by the training levels).
    mutating func levelCodes(_ found: Factor, _ e: ExpressionSyntax, _ entry: ParameterLayout.Entry, dimension d: Int)
        throws -> ([Int32], [String])
    {
        let extent = entry.shape.dimensions[d]
        let known = levels[entry.name].flatMap { d < $0.count ? $0[d] : nil }
        guard let fixed = known else {
            guard found.levels.count == extent else {
                throw Diagnostic.error(
                    InterpreterMessage.levelCount(
                        e.span.text, levels: found.levels, param: entry.name, extent: extent,
                        rows: d == 0 && entry.shape.dimensions.count == 2),
                    at: e.span)
            }
            var dims = levels[entry.name] ?? []
            while dims.count < entry.shape.dimensions.count { dims.append(nil) }
            dims[d] = found.levels
            levels[entry.name] = dims
            return (found.codes.map { Int32($0) }, found.levels)
        }
        let position = Dictionary(uniqueKeysWithValues: fixed.enumerated().map { ($1, Int32($0 + 1)) })
        var codes = [Int32](repeating: 0, count: found.count)
        for (i, c) in found.codes.enumerated() {
            let text = found.levels[c - 1]
            guard let code = position[text] else {
                throw Diagnostic.error(
                    InterpreterMessage.unknownLevel(e.span.text, row: i + 1, text, param: entry.name, levels: fixed),
                    at: e.span)
            }
            codes[i] = code
        }
        return (codes, fixed)
    }

    /// The name an index column goes by in statistics: the column's name (`class` for d.class).
    static func indexName(_ e: ExpressionSyntax) -> String {
        switch e.kind {
        case .member(_, let column): return column.text
        case .name(let n): return n
        default: return e.span.text
        }
    }
}

extension Lowering {
    /// The layout with each indexed param's levels naming its components (`μ[setosa]`).
    func withLevels(_ layout: ParameterLayout) -> ParameterLayout {
        ParameterLayout(
            entries: layout.entries.map { entry in
                var e = entry
                if let found = levels[entry.name] { e.dimensionLabels = found }
                return e
            })
    }

    /// Names selectors as a formula reads them: the param with a subscript letter per index
    /// column (μₖ, Pᵢⱼ; k when the model has one index column, i, j, l, … when it has more)
    /// or the fixed index (P₂ⱼ).
    mutating func nameSelectors() {
        let letters = Lowering.indexLetters(count: indexColumns.count)
        for s in selectors {
            let subscripts = s.parts.map { part -> String in
                switch part {
                case .fixed(let i): return Expr.subscripted(i)
                case .column(let c): return GroupedTerm.subscriptLetter(letters[c])
                }
            }
            store.names[s.symbol] = s.parameter + subscripts.joined()
        }
        for c in indexColumns.indices { indexColumns[c].letter = letters[c] }
    }

    /// k alone; i, j, l, m, … for several.
    static func indexLetters(count: Int) -> [String] {
        if count <= 1 { return ["k"] }
        let pool = ["i", "j", "l", "m", "r", "s", "t", "u", "v"]
        return (0..<count).map { $0 < pool.count ? pool[$0] : "k\($0 + 1)" }
    }
}
