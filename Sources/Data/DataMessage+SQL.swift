import Diagnostics

/// The wording of the messages about databases and queries (`sql(...)`).
extension DataMessage {
    // MARK: Reaching the database

    static func cannotOpenSQLite(_ path: String, reason: String) -> String {
        "cannot open the SQLite database '\(path)': \(reason)"
    }

    static let noSuchFile = "no such file"
    static let isDirectoryNotDB = "it is a directory, not a database file"
    static let notADatabase = "the file is not an SQLite database"
    static let outOfMemory = "out of memory"

    static func cannotConnect(_ location: String, reason: String) -> String {
        "cannot connect to \(location): \(reason)"
    }

    /// libpq (`libpq.so.5`) could not be loaded; `reason` is the loader's.
    static func noClientLibrary(_ reason: String) -> String {
        "PostgreSQL's client library could not be loaded (\(reason)); on Debian it is the package libpq5"
    }

    static func statementTimedOut(seconds: Double) -> String {
        "the database did not answer within \(NumberFormat.shortest(seconds)) s (the statement was cancelled; "
            + "MLE_SQL_TIMEOUT sets the limit in seconds)"
    }

    static let queryInterrupted = "interrupted (Ctrl-C): the statement was cancelled"

    // MARK: The query and its result

    static let oneStatementOnly = "the query must be a single statement (a SELECT)"
    static let notAQuery = "the statement returns no columns: sql() needs a query that returns rows (SELECT …)"
    static let noRows = "the query returned no rows"
    static let aggregateReturnedNothing = "an aggregate query returned no row"

    static func duplicateQueryColumn(_ name: String, first: Int, second: Int) -> String {
        "the query returns two columns named '\(name)' (columns \(first) and \(second)): rename one with AS"
    }

    static func unreadableColumn(_ name: String, type: String) -> String {
        "column '\(name)' has type \(type), which a table cannot hold (numbers and text only): "
            + "leave it out of the query, or cast it (CAST(\(name) AS TEXT))"
    }

    static func rowCountChanged(profiled: Int, fetched: Int) -> String {
        "the query returned \(fetched) rows when fetched but \(profiled) when first counted: "
            + "did the data change while the script ran?"
    }

    // MARK: Cells

    static let nullCell = "the value is NULL (missing), which arithmetic cannot use"

    static func textInQuery(_ cell: String) -> String {
        "expected a number, found the text '\(shown(cell))'"
            + (NumberParser.value(of: cell) != nil ? " (a number stored as text: cast the column in the query)" : "")
    }
}
