/// Opens the tables `sql("location", "query")` names, keeping one connection per
/// database for the session (the interpreter owns one of these).
public final class SQLTables: @unchecked Sendable {
    private var connections: [String: any SQLConnection] = [:]
    /// The longest any one statement may run, in seconds, for connections opened from now on.
    public var statementTimeout = SQLLimits.statementTimeout

    public init() {}

    /// The query's result as a table whose rows stay in the database until they are needed.
    public func table(at location: SQLLocation, query: String) throws(SQLError) -> Table {
        let connection = try self.connection(to: location)
        let result = try SQLTables.open(connection, query: SQLTables.trimmed(query))
        let columns = result.columns.indices.map { Column(query: result, column: $0) }
        return Table(name: result.name, path: location.description, columns: columns, query: result)
    }

    /// The open connection to `location`, made on first use.
    public func connection(to location: SQLLocation) throws(SQLError) -> any SQLConnection {
        if let open = connections[location.key] { return open }
        let made: any SQLConnection
        switch location.engine {
        case .sqlite: made = try SQLiteConnection(location, timeout: statementTimeout)
        case .postgresql: made = try PostgresConnection(location, timeout: statementTimeout)
        }
        connections[location.key] = made
        return made
    }

    /// The query without trailing spaces and semicolons (it is wrapped as a derived table).
    static func trimmed(_ query: String) -> String {
        var q = Substring(query)
        while let last = q.last, last.isWhitespace || last == ";" { q = q.dropLast() }
        return String(q)
    }

    /// Describes the query and profiles its result in one aggregate query.
    static func open(_ connection: any SQLConnection, query: String) throws(SQLError) -> QueryResult {
        let described = try connection.describe(query)
        try checkNames(described)
        if let bad = described.first(where: { $0.kind == nil }) {
            throw SQLError(.result, DataMessage.unreadableColumn(bad.name, type: bad.typeName))
        }
        let isSQLite = connection.engine == .sqlite
        let numberSQL = described.map { numberExpression($0, sqlite: isSQLite) }
        var aggregates = ["count(*)"]
        for (j, column) in described.enumerated() {
            let id = QueryResult.identifier(column.name)
            aggregates += ["count(\(id))", column.kind == .numeric ? "min(\(numberSQL[j]))" : "NULL"]
            if isSQLite {
                aggregates += ["text", "blob"].map { "sum(CASE WHEN typeof(\(id)) = '\($0)' THEN 1 ELSE 0 END)" }
            }
        }
        let derived = "(\(query)\n) AS mle_q"
        let row = try connection.aggregate(
            "SELECT " + aggregates.joined(separator: ", ") + " FROM " + derived, parameters: [])
        let rowCount = Int(row.first.flatMap { $0 } ?? 0)
        guard rowCount > 0 else { throw SQLError(.result, DataMessage.noRows) }
        let stride = isSQLite ? 4 : 2
        let profiles = try described.enumerated().map { j, column throws(SQLError) -> QueryResult.ColumnProfile in
            let base = 1 + stride * j
            let nonNull = Int(row[base] ?? 0)
            var kind = column.kind ?? .text
            var numbers = kind == .numeric ? nonNull : 0
            if isSQLite {
                if (row[base + 3] ?? 0) > 0 {
                    throw SQLError(.result, DataMessage.unreadableColumn(column.name, type: "BLOB"))
                }
                let texts = Int(row[base + 2] ?? 0)
                if texts > 0 { kind = .text }
                numbers = nonNull - texts
            }
            return QueryResult.ColumnProfile(
                name: column.name, kind: kind, typeName: column.typeName, nulls: rowCount - nonNull, numbers: numbers,
                minimum: kind == .numeric ? row[base + 1] : nil, numberSQL: numberSQL[j])
        }
        return QueryResult(connection: connection, query: query, columns: profiles, rowCount: rowCount)
    }

    /// Every column needs a name of its own, to be selected by it.
    static func checkNames(_ columns: [SQLColumnInfo]) throws(SQLError) {
        var seen: [String: Int] = [:]
        for (j, column) in columns.enumerated() {
            if let first = seen[column.name] {
                throw SQLError(.result, DataMessage.duplicateQueryColumn(column.name, first: first + 1, second: j + 1))
            }
            seen[column.name] = j
        }
    }

    /// The column as a double in the engine's SQL (SQLite: REAL; PostgreSQL: double precision,
    /// a boolean through its 0/1 integer).
    static func numberExpression(_ column: SQLColumnInfo, sqlite: Bool) -> String {
        let id = QueryResult.identifier(column.name)
        if sqlite { return "CAST(\(id) AS REAL)" }
        switch column.typeName {
        case "double precision": return id
        case "boolean": return "CAST(CAST(\(id) AS INTEGER) AS DOUBLE PRECISION)"
        default: return "CAST(\(id) AS DOUBLE PRECISION)"
        }
    }
}
