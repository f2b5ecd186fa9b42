import Model
import Pushdown
import Report
import Symbolic

extension Session {
    /// `show plan`: for each term of the model, where its rows are and the SQL its sums send.
    func dataPlan(_ model: StatisticalModel) -> DataPlan {
        let fetched = fetchReasons[model.name] ?? [:]
        var dialects: [String] = []
        let terms = model.terms.enumerated().map { t, term -> DataPlan.Term in
            let description = model.termDescriptions.indices.contains(t) ? model.termDescriptions[t] : ""
            if let sums = model.likelihood.sums[t] as? DatabaseSums {
                let engine = sums.result.connection.engine.rawValue
                if !dialects.contains(engine) { dialects.append(engine) }
                let queries = sums.queries.map {
                    DataPlan.Query(purpose: $0.purpose, sql: $0.sql, parameters: $0.parameters, sent: $0.sent)
                }
                let separates = term.family.probabilityArgument.map { term.arguments[$0].application?.0 == .sigmoid }
                let checked = sums.queries.contains(where: DatabaseSums.isSeparationCheck)
                return DataPlan.Term(
                    description: description, rows: term.rows, placement: .database(location: sums.result.name),
                    queries: queries, notes: separates == true && !checked ? [DatabaseSums.separationNote] : [])
            }
            if let fallback = fetched[t] {
                return DataPlan.Term(
                    description: description, rows: term.rows,
                    placement: .fetched(location: fallback.location, reason: fallback.reason), queries: [])
            }
            return DataPlan.Term(description: description, rows: term.rows, placement: .inMemory, queries: [])
        }
        return DataPlan(terms: terms, dialects: dialects)
    }
}
