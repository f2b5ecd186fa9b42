import Diagnostics

/// A query's result as a table whose rows stay in the database until something
/// needs them.
///
/// Opening one describes the query's columns (without running it) and sends one
/// profiling query, `SELECT count(*), count(c), min(c), … FROM (query) AS mle_q`,
/// whose few numbers say how many rows there are, which columns have NULLs (and,
/// in SQLite, where types belong to values, which columns hold text). Nothing else
/// is read: a model whose sums run in the database (the Pushdown stage) never
/// fetches a row. The first time a column's cells are wanted, every column is
/// fetched together, in batches, in one pass (so the rows of different columns
/// line up; a query without ORDER BY has no order of its own to rely on).
public final class QueryResult: @unchecked Sendable {
    /// A column of the result as the profile found it.
    public struct ColumnProfile: Sendable {
        public let name: String
        public let kind: Column.Kind
        /// The database's type name, for messages.
        public let typeName: String
        /// Rows where it is NULL.
        public let nulls: Int
        /// Rows whose value is a number (in SQLite a text column may hold some).
        public let numbers: Int
        /// The smallest value of a numeric column (nil for text or all-NULL).
        public let minimum: Double?
        /// The column read as a double precision number, in the engine's SQL: `CAST("x" AS REAL)`.
        public let numberSQL: String
    }

    public let connection: any SQLConnection
    /// The query as written, any trailing semicolon removed.
    public let query: String
    /// How messages name the table: the location without a password.
    public let name: String
    public let columns: [ColumnProfile]
    public let rowCount: Int

    private var fetched: [FetchedColumn]?
    /// For each column, the first row whose value the database holds as text (once fetched).
    private var firstText: [Int?] = []
    /// Why fetching failed, if it did (the columns then read as missing).
    public private(set) var fetchFailure: SQLError?

    enum FetchedColumn {
        case numbers([Double])
        case texts([String?])
    }

    init(connection: any SQLConnection, query: String, columns: [ColumnProfile], rowCount: Int) {
        self.connection = connection
        self.query = query
        self.name = connection.location.description
        self.columns = columns
        self.rowCount = rowCount
    }

    /// `(query) AS mle_q`: the query as a derived table that other SQL selects from (the query
    /// may end in a comment, hence the line break).
    public var derivedTable: String { "(\(query)\n) AS mle_q" }

    /// Whether the rows have been fetched into memory.
    public var isFetched: Bool { fetched != nil }

    /// A name as an SQL identifier: `"x"`, with a quote inside doubled.
    public static func identifier(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Fetches every column's rows (once), in batches of `SQLLimits.batchSize`.
    public func fetch() throws(SQLError) {
        if fetched != nil { return }
        if let fetchFailure { throw fetchFailure }
        let kinds = columns.map(\.kind)
        let list = columns.map { QueryResult.identifier($0.name) }.joined(separator: ", ")
        var numbers = kinds.map { _ in [Double]() }
        var texts = kinds.map { _ in [String?]() }
        var firstText = [Int?](repeating: nil, count: kinds.count)
        var row = 0
        for j in kinds.indices {
            if kinds[j] == .numeric { numbers[j].reserveCapacity(rowCount) } else { texts[j].reserveCapacity(rowCount) }
        }
        do {
            try connection.forEachBatch(
                "SELECT \(list) FROM \(derivedTable)", parameters: [], kinds: kinds, batchSize: SQLLimits.batchSize
            ) { batch in
                for j in kinds.indices {
                    if kinds[j] == .numeric { numbers[j] += batch.numbers[j] } else { texts[j] += batch.texts[j] }
                    if firstText[j] == nil, let i = batch.firstText[j] { firstText[j] = row + i }
                }
                row += batch.count
                return true
            }
        } catch {
            fetchFailure = error
            throw error
        }
        let got = kinds.indices.first.map { kinds[$0] == .numeric ? numbers[$0].count : texts[$0].count } ?? 0
        guard got == rowCount else {
            let error = SQLError(.result, DataMessage.rowCountChanged(profiled: rowCount, fetched: got))
            fetchFailure = error
            throw error
        }
        fetched = kinds.indices.map { kinds[$0] == .numeric ? .numbers(numbers[$0]) : .texts(texts[$0]) }
        self.firstText = firstText
    }

    /// The first `count` rows, read without fetching the rest (for printing the table): through
    /// the rows already fetched, else a query with LIMIT.
    public func firstRows(_ count: Int) throws(SQLError) -> SQLBatch {
        let kinds = columns.map(\.kind)
        if let fetched {
            var batch = SQLBatch(columns: kinds.count)
            batch.count = min(count, rowCount)
            for (j, column) in fetched.enumerated() {
                switch column {
                case .numbers(let xs): batch.numbers[j] = Array(xs.prefix(count))
                case .texts(let ts): batch.texts[j] = Array(ts.prefix(count))
                }
            }
            return batch
        }
        let list = columns.map { QueryResult.identifier($0.name) }.joined(separator: ", ")
        var first = SQLBatch(columns: kinds.count)
        try connection.forEachBatch(
            "SELECT \(list) FROM \(derivedTable)\nLIMIT \(count)", parameters: [], kinds: kinds, batchSize: count
        ) { batch in
            first = batch
            return false
        }
        return first
    }

    /// Column j's numbers, fetching the rows if they are not here yet (NaN throughout if that fails:
    /// the failure is kept in `fetchFailure` for the interpreter to report).
    func numbers(column j: Int) -> [Double] {
        try? fetch()
        if case .numbers(let xs)? = fetched?[j] { return xs }
        return [Double](repeating: .nan, count: rowCount)
    }

    /// Column j's cells as text (numbers written shortest), fetching the rows if need be.
    func texts(column j: Int) -> [String?] {
        try? fetch()
        switch fetched?[j] {
        case .texts(let t)?: return t
        case .numbers(let xs)?: return xs.map { $0.isNaN ? nil : QueryResult.text(of: $0) }
        case nil: return [String?](repeating: nil, count: rowCount)
        }
    }

    /// One cell's text, nil when NULL or out of range.
    func text(row: Int, column j: Int) -> String? {
        guard (0..<rowCount).contains(row) else { return nil }
        try? fetch()
        switch fetched?[j] {
        case .texts(let t)?: return t[row]
        case .numbers(let xs)?: return xs[row].isNaN ? nil : QueryResult.text(of: xs[row])
        case nil: return nil
        }
    }

    /// The first row (0-based) of a text column whose value is held as text, fetching the rows
    /// if need be: where arithmetic on the column fails.
    func firstText(column j: Int) -> Int? {
        try? fetch()
        return firstText.indices.contains(j) ? firstText[j] : nil
    }

    /// A number as a cell shows it: integers without a decimal point, others the shortest round trip.
    static func text(of x: Double) -> String { NumberFormat.shortest(x) }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
