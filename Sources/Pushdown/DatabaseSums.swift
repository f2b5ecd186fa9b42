import Data
import LinearAlgebra
import Model
import Symbolic

/// A term's sums computed by its database, as aggregate queries over the query's
/// result, so its rows never leave the database.
///
/// Statistics take one query, or two where a pilot centres them: first the pilots
/// (the atoms' means, `avg(x)`) with the support check, then every statistic
/// Σ (x − c)² … at once, with the raw Σx² … for showing. A row-coupled remainder
/// becomes one query per evaluation (`DatabaseRemainder`). Nothing the database
/// returns is more than a few numbers.
public final class DatabaseSums: TermSums {
    let term: DatabaseTerm
    let connection: any SQLConnection
    let dialect: SQLDialect
    /// Every query this term sends, for `show plan`.
    public private(set) var queries: [PlannedQuery] = []
    public internal(set) var failure: LikelihoodError?
    /// Why these sums cannot be computed in the database, once `statistics` or `remainder` refused.
    public private(set) var refusal: String?
    /// The query whose result the term's rows are.
    public var result: QueryResult { term.result }
    private var compiledRemainder: DatabaseRemainder?

    public init(_ term: DatabaseTerm) {
        self.term = term
        self.connection = term.result.connection
        self.dialect = SQLDialect(term.result.connection)
    }

    public var rowsInMemory: Bool { false }

    /// The term's statistics, after checking its responses' support: see the type's summary.
    public func statistics(
        _ form: StatisticalForm, of likelihoodTerm: LikelihoodTerm, index: Int, count: Symbol
    ) throws(LikelihoodError) -> TermStatistics {
        do {
            try DatabaseSums.checkFamily(likelihoodTerm.family)
            // Everything is written first, so a part without an SQL form refuses before any query is sent.
            if let r = form.remainder { compiledRemainder = try DatabaseRemainder(r, self, likelihoodTerm) }
            let plan = try StatisticsQueries(form, likelihoodTerm, term, dialect)
            for query in plan.queries { record(query.planned) }
            if let compiledRemainder { record(compiledRemainder.planned) }
            return try run(plan, form, likelihoodTerm, index, count)
        } catch let refused as PushdownRefusal {
            refusal = refused.reason
            throw .sumsUnavailable(refused.reason)
        } catch let error as LikelihoodError {
            throw error
        } catch let error as SQLError {
            failure = .sumsFailed(PushdownMessage.queryFailed(error))
            throw .sumsFailed(PushdownMessage.queryFailed(error))
        } catch {
            failure = .sumsFailed("\(error)")
            throw .sumsFailed("\(error)")
        }
    }

    public func remainder(_ r: Expr, of likelihoodTerm: LikelihoodTerm) throws(LikelihoodError) -> any RemainderSums {
        if let compiledRemainder { return compiledRemainder }
        do {
            let compiled = try DatabaseRemainder(r, self, likelihoodTerm)
            compiledRemainder = compiled
            record(compiled.planned)
            return compiled
        } catch {
            refusal = error.reason
            throw .sumsUnavailable(error.reason)
        }
    }

    func record(_ query: PlannedQuery) {
        if !queries.contains(where: { $0.sql == query.sql }) { queries.append(query) }
    }

    /// Sends one aggregate query, counting it for the plan.
    func send(_ sql: String, _ parameters: [Double]) throws(SQLError) -> [Double?] {
        if let k = queries.firstIndex(where: { $0.sql == sql }) { queries[k].sent += 1 }
        return try connection.aggregate(sql, parameters: parameters)
    }

    /// Whether `query` is the separation check's (sent after a fit).
    public static func isSeparationCheck(_ query: PlannedQuery) -> Bool { query.purpose == PushdownMessage.separation }

    /// What the plan says about the separation check before it is first sent.
    public static let separationNote = PushdownMessage.separationNote

    /// A family whose fit reads the rows themselves, not sums over them (a sample median, the
    /// range, start values from quartiles), keeps its rows in memory.
    static func checkFamily(_ family: any Distribution) throws(PushdownRefusal) {
        if family.locationEstimate != nil { throw PushdownRefusal(PushdownMessage.readsRows(family.name, "median")) }
        if family.edgeEstimate != nil { throw PushdownRefusal(PushdownMessage.readsRows(family.name, "range")) }
        if !family.startingValues([0, 1, 2, 3]).isEmpty {
            throw PushdownRefusal(PushdownMessage.readsRows(family.name, "quartiles"))
        }
    }

    /// One aggregate query's row, or its error.
    func aggregate(_ sql: String, _ parameters: [Double]) -> Result<[Double?], SQLError> {
        do {
            return .success(try send(sql, parameters))
        } catch {
            return .failure(error)
        }
    }

    /// Runs the statistics queries and turns their numbers into the statistics' values.
    private func run(
        _ plan: StatisticsQueries, _ form: StatisticalForm, _ likelihoodTerm: LikelihoodTerm, _ index: Int,
        _ count: Symbol
    ) throws -> TermStatistics {
        var values: [Symbol: Double] = [count: Double(likelihoodTerm.rows)]
        var raw: [Symbol: Double] = [count: Double(likelihoodTerm.rows)]
        var observations = likelihoodTerm.rows
        var undefined = false
        for query in plan.queries {
            let parameters = query.parameters.map { $0.evaluate(values) }
            let answer = aggregate(query.planned.sql, parameters)
            if case .failure(let error) = answer {
                guard error.kind == .arithmetic else { throw error }
                // A data-only part is undefined on some row (log 0): the row checks alone tell
                // whether the data are to blame; otherwise the statistics are not finite.
                try checkRows(plan, likelihoodTerm, index)
                undefined = true
                break
            }
            guard case .success(let row) = answer else { continue }
            if let k = query.violations, (row[k] ?? 0) > 0 { try checkRows(plan, likelihoodTerm, index) }
            if let k = query.zeroWeights { observations -= Int(row[k] ?? 0) }
            if let k = query.nullRows, (row[k] ?? 0) > 0 { undefined = true }
            for (symbol, k) in query.values { values[symbol] = row[k] ?? .nan }
            for (symbol, k) in query.raw { raw[symbol] = row[k] ?? .nan }
        }
        if undefined {
            for s in form.statistics { (values[s.symbol], raw[s.symbol]) = (.nan, .nan) }
        }
        for s in form.statistics where raw[s.symbol] == nil { raw[s.symbol] = values[s.symbol] }
        return TermStatistics(observations: observations, values: values, raw: raw)
    }

    /// Some row fails the checks: streams the term's columns in batches through the same
    /// checks memory makes, and throws the error naming the first bad row.
    private func checkRows(_ plan: StatisticsQueries, _ likelihoodTerm: LikelihoodTerm, _ index: Int) throws {
        var found: LikelihoodError?
        var row = 0
        let kinds = plan.rowsSymbols.map { _ in Column.Kind.numeric }
        try connection.forEachBatch(plan.rowsQuery, parameters: [], kinds: kinds, batchSize: SQLLimits.batchSize) {
            batch in
            var columns: [Symbol: [Double]] = [:]
            for (j, symbols) in plan.rowsSymbols.enumerated() { for s in symbols { columns[s] = batch.numbers[j] } }
            do throws(LikelihoodError) {
                try ColumnSums(columns: columns, predictors: []).checkRows(
                    likelihoodTerm.withRows(batch.count), index: index)
            } catch {
                found = error.rowsShifted(by: row)
                return false
            }
            row += batch.count
            return true
        }
        if let found { throw found }
    }
}
