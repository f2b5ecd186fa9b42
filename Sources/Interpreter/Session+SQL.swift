import Checker
import Data
import Diagnostics
import Foundation
import Interrupt
import Model
import Pushdown
import Syntax

extension Session {
    /// The query loader the checker uses: opens each `sql(location, query)` once per session.
    /// Its rows stay in the database (only their count, columns and NULLs are known).
    func loadQuery(_ call: QueryCall) -> Result<Table, Diagnostic> {
        guard let location = SQLLocation(call.location, directory: call.span.file.directory) else {
            return .failure(
                .error(
                    InterpreterMessage.unknownDatabase(call.location), at: call.span,
                    help: InterpreterMessage.databaseForms))
        }
        let key = "sql\u{0}" + location.key + "\u{0}" + call.query
        if let cached = tables[key] { return .success(cached) }
        do {
            let table = try sql.table(at: location, query: call.query)
            tables[key] = table
            if let result = table.query { querySpans[ObjectIdentifier(result)] = call }
            return .success(table)
        } catch {
            return .failure(diagnostic(error, call))
        }
    }

    /// An SQLError as a diagnostic at the `sql(...)` call, with a note at the place in the
    /// query the database points to (when the literal is written without escapes).
    func diagnostic(_ error: SQLError, _ call: QueryCall) -> Diagnostic {
        let engine = SQLLocation(call.location, directory: "")?.engine ?? .sqlite
        var d = Diagnostic.error(error.message, at: call.span, help: InterpreterMessage.sqlHelp(error.kind, engine))
        let literal = call.querySpan
        if let position = error.position, literal.text == "\"" + call.query + "\"",
            position <= call.query.utf8.count
        {
            let at = literal.start + 1 + position
            d = d.note(
                InterpreterMessage.databasePointsHere, at: SourceSpan(file: literal.file, start: at, end: at + 1))
        }
        return d
    }

    /// The `sql(...)` call a query's table came from (for messages about it).
    func queryCall(of result: QueryResult) -> QueryCall? { querySpans[ObjectIdentifier(result)] }

    /// Brings a query's rows into memory (once), or throws a diagnostic at its `sql(...)` call.
    func fetchRows(_ table: Table, at span: SourceSpan) throws {
        guard let result = table.query, !result.isFetched else { return }
        do {
            try result.fetch()
        } catch {
            if error.kind == .interrupted { throw Interrupted() }
            guard let call = queryCall(of: result) else { throw Diagnostic.error(error.message, at: span) }
            throw diagnostic(error, call)
        }
    }

    /// Whether `e` names columns of a query's table whose rows are still in the database
    /// (`d.x`, `d[a, b]`, `d["x"]`): a `data` statement binding one is kept unevaluated,
    /// so a model over it can have its sums computed in the database.
    func isDeferrable(_ e: ExpressionSyntax) -> Bool {
        switch e.kind {
        case .member(let base, _), .index(let base, _):
            guard case .name(let n) = base.kind, models[n] == nil, case .table(let t)? = values[n],
                let result = t.query
            else { return false }
            if case .index(_, let indices) = e.kind {
                return !result.isFetched && indices.allSatisfy(Session.isColumnName)
            }
            return !result.isFetched
        case .name(let n): return deferred[n] != nil
        default: return false
        }
    }

    static func isColumnName(_ e: ExpressionSyntax) -> Bool {
        switch e.kind {
        case .name, .string: return true
        default: return false
        }
    }
}

extension Session {
    /// The column of a query's table that `e` names (`d.x`, `d["x"]`, or a data name bound to one).
    func databaseColumn(_ e: ExpressionSyntax) -> (Table, Column)? {
        switch e.kind {
        case .name(let n): return deferred[n].flatMap(databaseColumn)
        case .member(let base, let column):
            guard let table = queryTable(base), let c = table.column(named: column.text) else { return nil }
            return (table, c)
        case .index(let base, let indices) where indices.count == 1:
            guard let table = queryTable(base), let name = Session.columnName(indices[0]),
                let c = table.column(named: name)
            else { return nil }
            return (table, c)
        default: return nil
        }
    }

    /// The columns of a query's table that `e` names as a matrix (`d[a, b]`, or a data name bound to one).
    func databaseColumns(_ e: ExpressionSyntax) -> (Table, [String])? {
        switch e.kind {
        case .name(let n): return deferred[n].flatMap(databaseColumns)
        case .index(let base, let indices):
            guard let table = queryTable(base) else { return nil }
            let names = indices.compactMap(Session.columnName)
            guard names.count == indices.count, names.allSatisfy({ table.column(named: $0) != nil }) else { return nil }
            return (table, names)
        default: return nil
        }
    }

    /// The number of rows of a per-row expression that reads a query's table, without fetching them.
    func databaseRows(_ e: ExpressionSyntax) -> Int? {
        if let (table, _) = databaseColumn(e) { return table.rowCount }
        switch e.kind {
        case .name(let n): return deferred[n].flatMap(databaseRows)
        case .unary(_, let a): return databaseRows(a)
        case .binary(_, let a, let b): return databaseRows(a) ?? databaseRows(b)
        case .call(_, let args): return args.lazy.compactMap { self.databaseRows($0.value) }.first
        default: return nil
        }
    }

    /// The table `base` names when it came from `sql(...)`.
    func queryTable(_ base: ExpressionSyntax) -> Table? {
        guard case .name(let n) = base.kind, models[n] == nil, case .table(let t)? = values[n], t.query != nil
        else { return nil }
        return t
    }

    static func columnName(_ e: ExpressionSyntax) -> String? {
        switch e.kind {
        case .name(let n): return n
        case .string(let s): return s
        default: return nil
        }
    }
}

/// A term that cannot have its sums computed in its database, and why: the model is built
/// again with that term's rows fetched.
struct PushdownFallback: Error {
    let term: Int
    /// The database the term's rows are fetched from.
    let location: String
    let reason: String
}

extension Session {
    /// A failure of a query's database, at the `sql(...)` call its table came from.
    func queryDiagnostic(_ message: String, _ result: QueryResult, at span: SourceSpan) -> Diagnostic {
        .error(message, at: queryCall(of: result)?.span ?? span)
    }

    /// After a fit (or an evaluation at a point) over rows in a database: the first failure its
    /// queries met, as a diagnostic at the `sql(...)` call.
    func checkDatabases(_ model: StatisticalModel, at span: SourceSpan) throws {
        for case let sums as DatabaseSums in model.likelihood.sums {
            if let failure = sums.failure { throw queryDiagnostic(failure.description, sums.result, at: span) }
        }
    }
}

extension Session {
    /// How many rows of `sql(...)` tables this session has fetched into memory (0 while every
    /// model over them has its sums computed in the database).
    public var rowsFetched: Int {
        tables.values.compactMap(\.query).filter(\.isFetched).reduce(0) { $0 + $1.rowCount }
    }

    /// The longest any one statement may run in a database, in seconds (for the connections
    /// opened after it is set).
    public var statementTimeout: Double {
        get { sql.statementTimeout }
        set { sql.statementTimeout = newValue }
    }
}
