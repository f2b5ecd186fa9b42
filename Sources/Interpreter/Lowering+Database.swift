import Data
import Diagnostics
import LinearAlgebra
import Model
import Pushdown
import Symbolic
import Syntax

/// What one term's data in databases are, as the lowering found them.
struct DatabaseData {
    /// The query the term's database columns belong to (the first met).
    var result: QueryResult?
    var columns: [Symbol: String] = [:]
    var predictors: [DatabaseTerm.Predictor] = []
    /// A data name whose values are in memory that the term also uses, if any.
    var inMemory: String?
    /// Whether the term reads columns of two different queries (their rows need not line up).
    var twoQueries = false
    /// A query whose rows the term reads fetched into memory (push-down being off).
    var fetchedFrom: QueryResult?

    /// A text column of the query is in the term.
    var textColumn: String?
    /// Data that pick params per row (`μ[d.g]`, a Categorical's outcome) in the term, if any.
    var pickedBy: String?

    mutating func note(_ table: QueryResult) {
        if let result, result !== table { twoQueries = true }
        if result == nil { result = table }
    }

    /// Columns of a query the term reads in memory: fetched because push-down is off, or
    /// because one is text (its values, or a factor's indicators, are made in memory).
    mutating func note(textColumn column: Column?, of table: Table) {
        fetchedFrom = fetchedFrom ?? table.query
        if let column, column.kind == .text, textColumn == nil { textColumn = column.name }
    }
}

extension Lowering {
    /// A column of a query's result as a per-row column of the IR: its rows stay in the database.
    mutating func lowerDatabaseColumn(_ table: Table, _ column: Column, key: String, _ span: SourceSpan) throws
        -> Expr
    {
        guard let result = table.query else { throw Diagnostic.internalError("not a query", at: span) }
        guard result.rowCount == rows else {
            throw Diagnostic.error(InterpreterMessage.dataLength(key, values: result.rowCount, rows: rows), at: span)
        }
        if let problem = column.problem { throw Diagnostic.error(problem.description, at: span) }
        database.note(result)
        let fullKey = "\(ObjectIdentifier(result))#\(column.name)"
        if let s = databaseKeys[fullKey] {
            database.columns[s] = column.name
            return store.symbol(s)
        }
        let symbol = Symbol.column(columns.count + databaseColumns.count)
        databaseColumns[symbol] = column.name
        databaseKeys[fullKey] = symbol
        database.columns[symbol] = column.name
        if let profile = result.columns.first(where: { $0.name == column.name }), let m = profile.minimum, m > 0 {
            store.positive.insert(symbol)
        }
        return store.symbol(symbol, name: key)
    }

    /// w·d[a, b] with the table's rows in its database: a linear predictor whose matrix is the
    /// query's columns (the IR's matrix has no rows).
    mutating func lowerDatabaseDot(
        _ w: String, _ entry: ParameterLayout.Entry, _ k: Int, _ table: Table, _ names: [String],
        _ dataSide: ExpressionSyntax, _ span: SourceSpan
    ) throws -> Expr {
        guard let result = table.query else { throw Diagnostic.internalError("not a query", at: span) }
        guard names.count == k else {
            throw Diagnostic.error(
                InterpreterMessage.matrixColumns(param: w, components: k, columns: names.count), at: span)
        }
        guard result.rowCount == rows else {
            throw Diagnostic.error(InterpreterMessage.matrixRows(result.rowCount, modelled: rows), at: dataSide.span)
        }
        for name in names {
            if let problem = table.column(named: name)?.problem {
                throw Diagnostic.error(problem.description, at: dataSide.span)
            }
        }
        database.note(result)
        // The columns name w's components, as a design's labels do in memory (w[hp], w[wt]).
        if Set(names).count != names.count || (labels[entry.name].map { $0 != names } ?? false) {
            unlabelled.insert(entry.name)
        }
        labels[entry.name] = names
        let key = "\(w)·\(dataSide.span.text)"
        if let s = predictorKeys[key], let known = databasePredictors[s] {
            if !database.predictors.contains(where: { $0.symbol == s }) { database.predictors.append(known) }
            return store.symbol(s)
        }
        let symbol = Symbol.predictor(predictors.count)
        predictors.append(LinearPredictor(symbol: symbol, matrix: Matrix(rows: 0, columns: k), offset: entry.offset))
        let predictor = DatabaseTerm.Predictor(symbol: symbol, offset: entry.offset, columns: names)
        databasePredictors[symbol] = predictor
        database.predictors.append(predictor)
        predictorKeys[key] = symbol
        predictorDescriptions[symbol] = key
        let name = predictors.count == 1 ? "η" : "η\(Expr.subscripted(predictors.count))"
        return store.symbol(symbol, name: name)
    }

    /// How a data expression is named in the IR: its data name, its column, or its text.
    static func key(of e: ExpressionSyntax) -> String {
        switch e.kind {
        case .name(let n): return n
        case .member(_, let column): return column.text
        default: return e.span.text
        }
    }
}
