import Data

/// The few places where SQLite's SQL and PostgreSQL's (ANSI SQL, which distributed
/// engines such as Citus, Trino, Spark SQL and BigQuery also speak) differ, for the
/// queries mle writes.
public struct SQLDialect: Sendable {
    public let engine: SQLLocation.Engine
    /// How the k-th (1-based) bound parameter is written: `?1` or `$1`.
    let placeholder: @Sendable (Int) -> String

    public init(engine: SQLLocation.Engine, placeholder: @escaping @Sendable (Int) -> String) {
        self.engine = engine
        self.placeholder = placeholder
    }

    /// ANSI/PostgreSQL, with `$k` parameters (for showing SQL meant for another engine).
    public static let postgresql = SQLDialect(engine: .postgresql) { "$\($0)" }
    public static let sqlite = SQLDialect(engine: .sqlite) { "?\($0)" }

    /// The larger of two values: `greatest(a, b)` (SQLite spells it `max(a, b)`).
    func greatest(_ a: String, _ b: String) -> String {
        engine == .sqlite ? "max(\(a), \(b))" : "greatest(\(a), \(b))"
    }

    /// e^x. PostgreSQL raises an error where e^x underflows to 0 (x < −745); the argument is held
    /// above −700, where e^x < 1e−304 (a difference no sum of probabilities or rates can see).
    func exp(_ x: String) -> String {
        engine == .sqlite ? "exp(\(x))" : "exp(greatest(\(x), -700))"
    }

    /// −∞ as a double: SQLite reads an overflowing literal as it; PostgreSQL needs its name.
    var negativeInfinity: String {
        engine == .sqlite ? "-1e999" : "CAST('-Infinity' AS DOUBLE PRECISION)"
    }

    /// What keeps a derived table from being merged into the aggregate above it, so each
    /// per-row value is computed once: SQLite does not merge a subquery with a LIMIT into an
    /// aggregate. None for ANSI SQL, whose engines (and distributed planners) may merge.
    var noMerge: String { engine == .sqlite ? "\nLIMIT -1" : "" }

    /// Whether a value that is not a number (log 0, 0/0) arrives as NULL, which sum() would
    /// silently skip, so queries count such rows (SQLite); PostgreSQL raises an error instead.
    var undefinedIsNull: Bool { engine == .sqlite }
}

extension SQLDialect {
    /// The dialect of a connection, with its own parameter spelling.
    public init(_ connection: any SQLConnection) {
        self.init(engine: connection.engine) { [connection] in connection.placeholder($0) }
    }
}
