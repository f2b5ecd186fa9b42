#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open connection to a database that answers queries: SQLite (embedded) or a
/// PostgreSQL server. The Data stage reads tables through it; the push-down
/// backend sends its aggregate queries through it.
///
/// Every statement runs under a time limit (`SQLConnection.statementTimeout`), so
/// nothing waits forever; `?1`/`$1`-style parameters are bound as doubles.
public protocol SQLConnection: AnyObject, Sendable {
    var location: SQLLocation { get }

    /// The names and kinds of the columns `query` returns, without running it.
    func describe(_ query: String) throws(SQLError) -> [SQLColumnInfo]

    /// Runs `sql` and hands its rows to `body` in batches of at most `batchSize`,
    /// reading column j as numbers when `kinds[j]` is `.numeric` (NULL as NaN) and as
    /// text otherwise; `body` returns false to stop early.
    func forEachBatch(
        _ sql: String, parameters: [Double], kinds: [Column.Kind], batchSize: Int,
        _ body: (SQLBatch) -> Bool
    ) throws(SQLError)

    /// Runs a query that returns one row of numbers (an aggregate); NULL is nil.
    func aggregate(_ sql: String, parameters: [Double]) throws(SQLError) -> [Double?]

    /// How this engine writes the `k`-th (1-based) bound parameter: `?1` or `$1`.
    func placeholder(_ k: Int) -> String
}

extension SQLConnection {
    public var engine: SQLLocation.Engine { location.engine }
}

public enum SQLLimits {
    /// Seconds any one statement may run before it is cancelled: MLE_SQL_TIMEOUT, else ten minutes
    /// (a pushed-down query over a very large table is one scan; ten minutes is far past that,
    /// but still ends a statement that cannot finish).
    public static var statementTimeout: Double {
        if let text = getenv("MLE_SQL_TIMEOUT").map({ String(cString: $0) }), let s = Double(text), s > 0 { return s }
        return 600
    }

    /// Seconds to wait for a server to answer a connection, unless the URI or PGCONNECT_TIMEOUT says.
    public static let connectTimeout = 10

    /// Rows per batch when rows are fetched.
    public static let batchSize = 10_000
}

/// A column of a query's result as the database describes it.
public struct SQLColumnInfo: Sendable, Equatable {
    public let name: String
    /// The database's name for its type ("double precision", "TEXT"), for messages.
    public let typeName: String
    /// `.numeric`, `.text`, or nil when its values can be neither (bytes, JSON, arrays): an error to use.
    public let kind: Column.Kind?

    public init(name: String, typeName: String, kind: Column.Kind?) {
        self.name = name
        self.typeName = typeName
        self.kind = kind
    }
}

/// Some consecutive rows of a result: column j's values in `numbers[j]` (numeric
/// columns, NaN for NULL) or `texts[j]` (text columns, nil for NULL).
public struct SQLBatch {
    public var count = 0
    public var numbers: [[Double]]
    public var texts: [[String?]]
    /// For each text column, the first row of the batch whose value the database holds as text
    /// (in SQLite a column can mix numbers and text; elsewhere, its first non-NULL row).
    public var firstText: [Int?]

    public init(columns: Int) {
        numbers = Array(repeating: [], count: columns)
        texts = Array(repeating: [], count: columns)
        firstText = Array(repeating: nil, count: columns)
    }
}

/// What went wrong talking to a database, worded for the user (never with a password).
public struct SQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The database cannot be reached or opened (no such file, server down, timeout connecting).
        case connection
        /// The server refused the credentials.
        case authentication
        /// The query itself is at fault (syntax, unknown table or column, bad type).
        case query
        /// An arithmetic exception inside the database (overflow, log of 0): a value that is not finite.
        case arithmetic
        /// The statement ran past its time limit.
        case timeout
        /// Ctrl-C (the Interrupt flag) stopped the statement.
        case interrupted
        /// The result cannot be a table (no rows, duplicate or unreadable columns).
        case result
    }

    public let kind: Kind
    public let message: String
    /// The 0-based character offset in the user's query that the database points at, if any.
    public let position: Int?

    public init(_ kind: Kind, _ message: String, position: Int? = nil) {
        self.kind = kind
        self.message = message
        self.position = position
    }

    public var description: String { message }
}
