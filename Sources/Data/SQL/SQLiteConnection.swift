import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A read-only connection to an SQLite database file, through the system library.
///
/// Opened read-only (a query cannot change the file, and a missing file is an
/// error rather than a new empty database); waits up to 5 s for a lock another
/// process holds, and ends any statement after `SQLLimits.statementTimeout`.
final class SQLiteConnection: SQLConnection, @unchecked Sendable {
    let location: SQLLocation
    private let db: OpaquePointer
    private let timeout: Double

    init(_ location: SQLLocation, timeout: Double) throws(SQLError) {
        self.location = location
        self.timeout = timeout
        let path = location.resolved
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SQLError(.connection, DataMessage.cannotOpenSQLite(location.target, reason: DataMessage.noSuchFile))
        }
        guard info.st_mode & S_IFMT != S_IFDIR else {
            throw SQLError(
                .connection, DataMessage.cannotOpenSQLite(location.target, reason: DataMessage.isDirectoryNotDB))
        }
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nil)
        guard status == SQLITE_OK, let handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? DataMessage.outOfMemory
            sqlite3_close(handle)
            throw SQLError(.connection, DataMessage.cannotOpenSQLite(location.target, reason: reason))
        }
        db = handle
        sqlite3_busy_timeout(db, 5000)
        mle_sqlite_set_timeout(db, timeout)
    }

    deinit {
        mle_sqlite_clear_timeout(db)
        sqlite3_close_v2(db)
    }

    func placeholder(_ k: Int) -> String { "?\(k)" }

    func describe(_ query: String) throws(SQLError) -> [SQLColumnInfo] {
        let statement = try prepare(query, userQuery: true)
        defer { sqlite3_finalize(statement) }
        return (0..<sqlite3_column_count(statement)).map { j in
            let name = sqlite3_column_name(statement, j).map { String(cString: $0) } ?? ""
            let declared = sqlite3_column_decltype(statement, j).map { String(cString: $0) }
            // SQLite's types belong to values, not columns: the profile decides numeric or text.
            return SQLColumnInfo(name: name, typeName: declared ?? "(no declared type)", kind: .numeric)
        }
    }

    func forEachBatch(
        _ sql: String, parameters: [Double], kinds: [Column.Kind], batchSize: Int, _ body: (SQLBatch) -> Bool
    ) throws(SQLError) {
        let statement = try prepare(sql, userQuery: false)
        defer { sqlite3_finalize(statement) }
        bind(parameters, to: statement)
        var batch = SQLBatch(columns: kinds.count)
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw failure(status) }
            for (j, kind) in kinds.enumerated() {
                let column = Int32(j)
                let type = sqlite3_column_type(statement, column)
                let isNull = type == SQLITE_NULL
                if type == SQLITE_TEXT, batch.firstText[j] == nil { batch.firstText[j] = batch.count }
                if kind == .numeric {
                    batch.numbers[j].append(isNull ? .nan : sqlite3_column_double(statement, column))
                } else {
                    batch.texts[j].append(
                        isNull ? nil : sqlite3_column_text(statement, column).map { String(cString: $0) })
                }
            }
            batch.count += 1
            if batch.count == batchSize {
                guard body(batch) else { return }
                batch = SQLBatch(columns: kinds.count)
            }
        }
        if batch.count > 0 { _ = body(batch) }
    }

    func aggregate(_ sql: String, parameters: [Double]) throws(SQLError) -> [Double?] {
        let statement = try prepare(sql, userQuery: false)
        defer { sqlite3_finalize(statement) }
        bind(parameters, to: statement)
        let status = sqlite3_step(statement)
        guard status == SQLITE_ROW else {
            if status == SQLITE_DONE { throw SQLError(.result, DataMessage.aggregateReturnedNothing) }
            throw failure(status)
        }
        return (0..<sqlite3_column_count(statement)).map { j in
            sqlite3_column_type(statement, j) == SQLITE_NULL ? nil : sqlite3_column_double(statement, j)
        }
    }

    /// A prepared statement for `sql`, which must be one statement; the timeout's clock restarted.
    private func prepare(_ sql: String, userQuery: Bool) throws(SQLError) -> OpaquePointer {
        mle_sqlite_restart_clock(db)
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let bytes = Array(sql.utf8CString)
        let status = bytes.withUnsafeBufferPointer { buffer in
            sqlite3_prepare_v2(db, buffer.baseAddress, Int32(buffer.count), &statement, &tail)
        }
        guard status == SQLITE_OK, let statement else {
            let offset = sqlite3_error_offset(db)
            throw classified(status, position: userQuery && offset >= 0 ? Int(offset) : nil)
        }
        if userQuery, let rest = tail.map({ String(cString: $0) }),
            rest.contains(where: { !$0.isWhitespace && $0 != ";" })
        {
            sqlite3_finalize(statement)
            throw SQLError(.query, DataMessage.oneStatementOnly)
        }
        if sqlite3_column_count(statement) == 0 {
            sqlite3_finalize(statement)
            throw SQLError(.query, DataMessage.notAQuery)
        }
        return statement
    }

    private func bind(_ parameters: [Double], to statement: OpaquePointer) {
        for (k, value) in parameters.enumerated() { sqlite3_bind_double(statement, Int32(k + 1), value) }
    }

    /// The error after a step that failed: the timeout, or what SQLite says.
    private func failure(_ status: Int32) -> SQLError {
        if status == SQLITE_INTERRUPT, mle_sqlite_interrupted(db) != 0 {
            return SQLError(.interrupted, DataMessage.queryInterrupted)
        }
        if status == SQLITE_INTERRUPT, mle_sqlite_timed_out(db) != 0 {
            return SQLError(.timeout, DataMessage.statementTimedOut(seconds: timeout))
        }
        return classified(status, position: nil)
    }

    private func classified(_ status: Int32, position: Int?) -> SQLError {
        let message = String(cString: sqlite3_errmsg(db))
        switch status & 0xFF {
        case SQLITE_NOTADB:
            return SQLError(
                .connection, DataMessage.cannotOpenSQLite(location.target, reason: DataMessage.notADatabase))
        case SQLITE_CANTOPEN, SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_BUSY, SQLITE_LOCKED:
            return SQLError(.connection, DataMessage.cannotOpenSQLite(location.target, reason: message))
        default:
            return SQLError(.query, message, position: position)
        }
    }
}
