import CPostgres
import Interrupt

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A connection to a PostgreSQL server through libpq.
///
/// What the URI leaves out comes from libpq's usual sources (PG* environment
/// variables, ~/.pgpass). The connection waits at most `SQLLimits.connectTimeout`
/// seconds for the server (unless the URI or PGCONNECT_TIMEOUT says otherwise),
/// runs every transaction read-only, and sets a statement timeout unless the
/// server or the URI's options already set one. Rows are fetched through a
/// cursor a batch at a time, so a large result never arrives in one piece.
final class PostgresConnection: SQLConnection, @unchecked Sendable {
    let location: SQLLocation
    private let connection: OpaquePointer
    private let timeout: Double
    /// The statement timeout mle set, in seconds; nil where the server or the URI set its own.
    private var limit: Double?
    /// Whether the last statement was cancelled because a stop was asked for (Ctrl-C).
    private var cancelled = false

    init(_ location: SQLLocation, timeout: Double) throws(SQLError) {
        self.location = location
        self.timeout = timeout
        var options: [(String, String)] = [("fallback_application_name", "mle")]
        if getenv("PGCONNECT_TIMEOUT") == nil { options.append(("connect_timeout", String(SQLLimits.connectTimeout))) }
        // Last, so that what the URI says overrides the defaults above.
        options.append(("dbname", location.resolved))
        if let problem = mle_pq_load() {
            throw SQLError(
                .connection,
                DataMessage.cannotConnect(location.description, reason: DataMessage.noClientLibrary(String(cString: problem))))
        }
        let handle = PostgresConnection.connect(options)
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let raw = handle.map { String(cString: PQerrorMessage($0)) } ?? DataMessage.outOfMemory
            PQfinish(handle)
            throw PostgresConnection.connectionFailure(raw, location: location)
        }
        connection = handle
        mle_pq_quiet(connection)
        try configure()
    }

    deinit { PQfinish(connection) }

    func placeholder(_ k: Int) -> String { "$\(k)" }

    /// PQconnectdbParams with keyword/value pairs, the dbname expanded as a URI.
    private static func connect(_ options: [(String, String)]) -> OpaquePointer? {
        let keys = options.map { strdup($0.0) }
        let values = options.map { strdup($0.1) }
        defer { (keys + values).forEach { free($0) } }
        var keyPointers = keys.map { UnsafePointer<CChar>($0) } + [nil]
        var valuePointers = values.map { UnsafePointer<CChar>($0) } + [nil]
        return keyPointers.withUnsafeMutableBufferPointer { k in
            valuePointers.withUnsafeMutableBufferPointer { v in PQconnectdbParams(k.baseAddress, v.baseAddress, 1) }
        }
    }

    /// Read-only transactions, and a statement timeout where none is set.
    private func configure() throws(SQLError) {
        PQclear(try run("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", []))
        let current = try run("SHOW statement_timeout", [])
        defer { PQclear(current) }
        if PQntuples(current) == 1, String(cString: PQgetvalue(current, 0, 0)) == "0" {
            let milliseconds = Int(timeout * 1000)
            PQclear(try run("SET statement_timeout = \(milliseconds)", []))
            limit = timeout
        }
    }

    func describe(_ query: String) throws(SQLError) -> [SQLColumnInfo] {
        let prepared = PQprepare(connection, "", query, 0, nil)
        try check(prepared, query: query)
        PQclear(prepared)
        guard let description = PQdescribePrepared(connection, "") else { throw lostConnection() }
        defer { PQclear(description) }
        try check(description, query: query, clearOnFailure: false)
        let count = PQnfields(description)
        guard count > 0 else { throw SQLError(.query, DataMessage.notAQuery) }
        return try (0..<count).map { j throws(SQLError) in
            let name = String(cString: PQfname(description, j))
            let type = PQftype(description, j)
            let kind = PostgresTypes.kind(of: type)
            let typeName = kind == nil ? try self.typeName(type) : PostgresTypes.name(of: type)
            return SQLColumnInfo(name: name, typeName: typeName, kind: kind)
        }
    }

    /// The server's name for a type, for a message about a column mle cannot read.
    private func typeName(_ type: Oid) throws(SQLError) -> String {
        let result = try run("SELECT format_type(\(type), NULL)", [])
        defer { PQclear(result) }
        return PQntuples(result) == 1 ? String(cString: PQgetvalue(result, 0, 0)) : "type \(type)"
    }

    func forEachBatch(
        _ sql: String, parameters: [Double], kinds: [Column.Kind], batchSize: Int, _ body: (SQLBatch) -> Bool
    ) throws(SQLError) {
        PQclear(try run("BEGIN READ ONLY", []))
        do {
            PQclear(try run("DECLARE mle_rows NO SCROLL CURSOR FOR " + sql, parameters))
            while true {
                let result = try run("FETCH FORWARD \(batchSize) FROM mle_rows", [])
                let rows = PQntuples(result)
                let batch = PostgresConnection.batch(result, rows: rows, kinds: kinds)
                PQclear(result)
                if rows == 0 || !body(batch) { break }
            }
            PQclear(try run("CLOSE mle_rows", []))
            PQclear(try run("COMMIT", []))
        } catch {
            PQclear(PQexec(connection, "ROLLBACK"))
            throw error
        }
    }

    func aggregate(_ sql: String, parameters: [Double]) throws(SQLError) -> [Double?] {
        let result = try run(sql, parameters)
        defer { PQclear(result) }
        guard PQntuples(result) >= 1 else { throw SQLError(.result, DataMessage.aggregateReturnedNothing) }
        return (0..<PQnfields(result)).map { j in
            PQgetisnull(result, 0, j) != 0
                ? nil : PostgresConnection.number(PQgetvalue(result, 0, j), PQftype(result, j))
        }
    }

    /// Column j of a batch's rows, read as its kind asks.
    private static func batch(_ result: OpaquePointer, rows: Int32, kinds: [Column.Kind]) -> SQLBatch {
        var batch = SQLBatch(columns: kinds.count)
        batch.count = Int(rows)
        for (j, kind) in kinds.enumerated() {
            let column = Int32(j)
            let type = PQftype(result, column)
            if kind == .numeric {
                batch.numbers[j].reserveCapacity(Int(rows))
                for i in 0..<rows {
                    batch.numbers[j].append(
                        PQgetisnull(result, i, column) != 0 ? .nan : number(PQgetvalue(result, i, column), type) ?? .nan
                    )
                }
            } else {
                batch.texts[j].reserveCapacity(Int(rows))
                batch.firstText[j] = (0..<rows).first { PQgetisnull(result, $0, column) == 0 }.map(Int.init)
                for i in 0..<rows {
                    batch.texts[j].append(
                        PQgetisnull(result, i, column) != 0 ? nil : String(cString: PQgetvalue(result, i, column)))
                }
            }
        }
        return batch
    }

    /// A value in PostgreSQL's text form: a number, NaN, ±Infinity, or a boolean t/f.
    private static func number(_ text: UnsafePointer<CChar>?, _ type: Oid) -> Double? {
        guard let text else { return nil }
        if type == PostgresTypes.boolean { return text.pointee == CChar(UInt8(ascii: "t")) ? 1 : 0 }
        let count = strlen(text)
        return text.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
            NumberParser.parse(bytes, count: count) ?? Double(String(cString: text))
        }
    }

    /// Runs a statement with float8 parameters; a failed result is thrown as an SQLError.
    private func run(_ sql: String, _ parameters: [Double]) throws(SQLError) -> OpaquePointer {
        let texts = parameters.map { strdup(PostgresConnection.literal($0)) }
        defer { texts.forEach { free($0) } }
        var values = texts.map { UnsafePointer<CChar>($0) }
        var types = [Oid](repeating: PostgresTypes.float8, count: parameters.count)
        let sent = values.withUnsafeMutableBufferPointer { v in
            types.withUnsafeMutableBufferPointer { t in
                PQsendQueryParams(connection, sql, Int32(parameters.count), t.baseAddress, v.baseAddress, nil, nil, 0)
            }
        }
        guard sent == 1 else { throw lostConnection() }
        let result = awaitResult()
        try check(result, query: nil)
        guard let result else { throw lostConnection() }
        return result
    }

    /// Waits for the statement sent last, looking at the Interrupt flag every 50 ms: on Ctrl-C
    /// the server is asked to cancel it (it then answers with an error). The last result is kept.
    private func awaitResult() -> OpaquePointer? {
        cancelled = false
        while PQisBusy(connection) != 0 {
            if Interrupt.requested, !cancelled {
                cancelled = true
                if let cancel = PQgetCancel(connection) {
                    var buffer = [CChar](repeating: 0, count: 256)
                    _ = PQcancel(cancel, &buffer, Int32(buffer.count))
                    PQfreeCancel(cancel)
                }
            }
            var socket = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
            _ = poll(&socket, 1, 50)
            if PQconsumeInput(connection) == 0 { break }
        }
        var last: OpaquePointer?
        while let next = PQgetResult(connection) {
            if let last { PQclear(last) }
            last = next
        }
        return last
    }

    /// A double as PostgreSQL reads it back exactly (the shortest round-trip form).
    static func literal(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Infinity" : "-Infinity" }
        return "\(x)"
    }

    /// Throws the result's error, if it has one (clearing it unless told not to). With the
    /// user's `query`, an error's position is given as a UTF-8 offset into it.
    private func check(_ result: OpaquePointer?, query: String?, clearOnFailure: Bool = true) throws(SQLError) {
        guard let result else { throw lostConnection() }
        let status = PQresultStatus(result)
        if status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK { return }
        let error = failure(result, query: query)
        if clearOnFailure { PQclear(result) }
        throw error
    }

    private func failure(_ result: OpaquePointer, query: String?) -> SQLError {
        let state = String(cString: mle_pq_sqlstate(result))
        var message = String(cString: mle_pq_primary_message(result))
        if message.isEmpty { message = PostgresConnection.cleaned(String(cString: PQerrorMessage(connection))) }
        let position = Int(mle_pq_error_position(result))
        switch state.prefix(2) {
        case "22": return SQLError(.arithmetic, message)
        case "57" where state == "57014" && cancelled: return SQLError(.interrupted, DataMessage.queryInterrupted)
        case "57" where state == "57014":
            return SQLError(.timeout, limit.map { DataMessage.statementTimedOut(seconds: $0) } ?? message)
        case "08", "57": return SQLError(.connection, message)
        case "28": return SQLError(.authentication, message)
        default:
            // PostgreSQL counts characters from 1.
            let offset = query.flatMap { q in position > 0 ? String(q.prefix(position - 1)).utf8.count : nil }
            return SQLError(.query, message, position: offset)
        }
    }

    private func lostConnection() -> SQLError {
        SQLError(.connection, PostgresConnection.cleaned(String(cString: PQerrorMessage(connection))))
    }

    /// A connection failure, its wording from libpq: authentication or reachability.
    static func connectionFailure(_ raw: String, location: SQLLocation) -> SQLError {
        let message = cleaned(raw)
        let lowered = message.lowercased()
        let isAuthentication =
            lowered.contains("password") || lowered.contains("authentication") || lowered.contains("role")
        return SQLError(
            isAuthentication ? .authentication : .connection,
            DataMessage.cannotConnect(location.description, reason: message))
    }

    /// libpq's multi-line message on one line: "FATAL:  " prefixes dropped, tabs and newlines folded.
    static func cleaned(_ raw: String) -> String {
        let lines = raw.split(whereSeparator: \.isNewline).map { line -> String in
            var text = line.trimmingCharacters(in: " \t")
            for prefix in ["FATAL:  ", "ERROR:  ", "FATAL: ", "ERROR: "] {
                while let range = text.range(of: prefix) { text.replaceSubrange(range, with: "") }
            }
            return text
        }
        return lines.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}

/// The built-in types PostgreSQL describes results with (pg_type.oid), and which mle reads as numbers or text.
enum PostgresTypes {
    static let boolean: Oid = 16
    static let float8: Oid = 701

    static let numeric: [Oid: String] = [
        16: "boolean", 20: "bigint", 21: "smallint", 23: "integer", 26: "oid", 700: "real",
        701: "double precision", 1700: "numeric",
    ]
    static let text: [Oid: String] = [
        18: "\"char\"", 19: "name", 25: "text", 1042: "character", 1043: "character varying", 1082: "date",
        1083: "time", 1114: "timestamp", 1184: "timestamp with time zone", 2950: "uuid", 869: "inet",
    ]

    static func kind(of type: Oid) -> Column.Kind? {
        if numeric[type] != nil { return .numeric }
        if text[type] != nil { return .text }
        return nil
    }

    static func name(of type: Oid) -> String { numeric[type] ?? text[type] ?? "type \(type)" }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
