import Data
import Symbolic

/// A likelihood term whose rows are a query's result in a database: which of the
/// result's columns each of the term's column symbols reads, and the columns of each
/// linear predictor's matrix (ηₖ = Σⱼ wₖⱼ·xⱼ, the wₖⱼ at θ[offset + j]).
public struct DatabaseTerm {
    public struct Predictor {
        public let symbol: Symbol
        public let offset: Int
        public let columns: [String]
        public init(symbol: Symbol, offset: Int, columns: [String]) {
            self.symbol = symbol
            self.offset = offset
            self.columns = columns
        }
    }

    public let result: QueryResult
    public let columns: [Symbol: String]
    public let predictors: [Predictor]

    public init(result: QueryResult, columns: [Symbol: String], predictors: [Predictor]) {
        self.result = result
        self.columns = columns
        self.predictors = predictors
    }

    /// The result's columns the term reads, in the result's order.
    var usedColumns: [QueryResult.ColumnProfile] {
        let used = Set(columns.values).union(predictors.flatMap(\.columns))
        return result.columns.filter { used.contains($0.name) }
    }

    /// The SQL names the term's symbols have in the base table (each column under its own name).
    var names: [Symbol: String] { columns.mapValues(QueryResult.identifier) }

    /// `SELECT CAST("x" AS REAL) AS "x", … FROM (query) AS mle_q`: the columns the term reads, as doubles.
    var baseTable: String {
        let list = usedColumns.map { "\($0.numberSQL) AS \(QueryResult.identifier($0.name))" }
        return "SELECT " + list.joined(separator: ", ") + "\nFROM (" + result.query + "\n) AS mle_q"
    }

    /// `(inner) AS alias`, the inner query indented under its opening parenthesis.
    static func derived(_ inner: String, _ alias: String) -> String {
        "(\n" + inner.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
            + "\n) AS " + alias
    }

    /// The predictors' linear combinations over the base table, as columns `mle_eta1`, … beside the data.
    func predictorTable(_ writer: inout SQLWriter, store: ExprStore) -> String {
        var list = usedColumns.map { QueryResult.identifier($0.name) }
        for (k, p) in predictors.enumerated() {
            let terms = p.columns.enumerated().map { j, column in
                writer.placeholder(for: store.symbol(.parameter(p.offset + j))) + " * " + QueryResult.identifier(column)
            }
            list.append(terms.joined(separator: " + ") + " AS " + DatabaseTerm.predictorName(k))
            writer.names[p.symbol] = DatabaseTerm.predictorName(k)
        }
        return "SELECT " + list.joined(separator: ", ") + "\nFROM " + DatabaseTerm.derived(baseTable, "mle_data")
    }

    static func predictorName(_ k: Int) -> String { "mle_eta\(k + 1)" }
}
