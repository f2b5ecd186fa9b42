import Data
import Model
import Symbolic

extension DatabaseSums {
    /// The separation check's counts in one query: for the rows with weight > 0 and
    /// upper > 0, margin = side·t (side +1 where y = upper, −1 where y = 0, else 0),
    /// `count(*)`, how many have margin > 0, how many margin > 0 or |t| < 3, and max(margin).
    public func sides(_ request: SideRequest) -> SideSummary? {
        do {
            var writer = SQLWriter(dialect: dialect, names: term.names)
            let used = term.predictors.filter { request.linear.depends(on: $0.symbol) }
            let inner = DatabaseTerm(result: term.result, columns: term.columns, predictors: used)
            let table =
                used.isEmpty ? term.baseTable : inner.predictorTable(&writer, store: request.linear.store)
            let t = try writer.sql(request.linear)
            let y = try writer.sql(request.response)
            let upper = try writer.sql(request.upper)
            let weight = try writer.sql(request.weight)
            let rowsTable =
                "SELECT \(t) AS mle_t, CASE WHEN \(y) = \(upper) THEN \(t) WHEN \(y) = 0 THEN -(\(t)) ELSE 0 END AS mle_m"
                + "\nFROM " + DatabaseTerm.derived(table, used.isEmpty ? "mle_data" : "mle_eta")
                + "\nWHERE \(weight) > 0 AND \(upper) > 0"
            let sql =
                StatisticsQueries.select([
                    "count(*)", "sum(CASE WHEN mle_m > 0 THEN 1 ELSE 0 END)",
                    "sum(CASE WHEN mle_m > 0 OR abs(mle_t) < 3 THEN 1 ELSE 0 END)", "max(mle_m)",
                ]) + "\nFROM " + DatabaseTerm.derived(rowsTable, "mle_rows")
            var scalars: [Symbol: Double] = [:]
            for (i, x) in request.theta.enumerated() { scalars[.parameter(i)] = x }
            record(PlannedQuery(purpose: PushdownMessage.separation, sql: sql, parameters: []))
            let row = try send(sql, writer.parameters.map { $0.evaluate(scalars) })
            guard row.count == 4 else { return nil }
            return SideSummary(
                rows: Int(row[0] ?? 0), onTheirSide: Int(row[1] ?? 0), onTheirSideOrNearLine: Int(row[2] ?? 0),
                largestMargin: row[3] ?? -.infinity)
        } catch {
            return nil
        }
    }
}
