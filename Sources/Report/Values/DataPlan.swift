/// Where a model's rows are and what a fit sends to their database, as `show plan`
/// (and `mle check --dump sql`) prints it: per term, in memory, fetched (and why), or
/// in a database with the aggregate queries that compute its sums there.
public struct DataPlan: Sendable {
    public enum Placement: Sendable, Equatable {
        /// Data from files or literals, in memory from the start.
        case inMemory
        /// A query's rows, fetched into memory in batches, and why they could not stay.
        case fetched(location: String, reason: String)
        /// A query's rows, never fetched: the sums are aggregate queries.
        case database(location: String)
    }

    public struct Query: Sendable {
        /// What it computes, and when it is sent.
        public let purpose: String
        public let sql: String
        /// "$1 = b": what each bound parameter is.
        public let parameters: [String]
        /// How many times it has been sent so far.
        public let sent: Int

        public init(purpose: String, sql: String, parameters: [String], sent: Int = 0) {
            self.purpose = purpose
            self.sql = sql
            self.parameters = parameters
            self.sent = sent
        }
    }

    public struct Term: Sendable {
        /// The term as written: "am ~ Bernoulli(sigmoid(b + w·X))".
        public let description: String
        public let rows: Int
        public let placement: Placement
        public let queries: [Query]
        /// Said after the queries: a check that sends one more after the fit, for instance.
        public let notes: [String]

        public init(description: String, rows: Int, placement: Placement, queries: [Query], notes: [String] = []) {
            self.description = description
            self.rows = rows
            self.placement = placement
            self.queries = queries
            self.notes = notes
        }
    }

    public let terms: [Term]
    /// The SQL dialect the queries are written in ("SQLite", "PostgreSQL").
    public let dialects: [String]

    public init(terms: [Term], dialects: [String] = []) {
        self.terms = terms
        self.dialects = dialects
    }
}
