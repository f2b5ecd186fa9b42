import Data
import Model
import Symbolic

/// The aggregate queries that check a term's rows and compute its sufficient
/// statistics, written before any is sent.
///
/// The checks are those building the likelihood makes in memory, as one condition per
/// row: data arguments in their parameters' domains, the response in the family's
/// support and inside the truncation bounds, censoring indicators 0 or 1, weights ≥ 0.
/// The first query counts the rows that fail it (and those of weight 0, which are not
/// observations). With pilots (atoms whose square or higher power is summed) it also
/// takes the pilots, `avg(x)`, and a second query sums each statistic centred at them,
/// Σ (x − c)² as `sum(("x" - $1) * ("x" - $1))`, so it keeps its digits where
/// Σx² − (Σx)²/n would cancel, with the raw Σx² for showing. Without pilots, one query
/// does all of it.
struct StatisticsQueries {
    struct Query {
        var planned: PlannedQuery
        /// The bound parameters, evaluated from what earlier queries found (the pilots).
        var parameters: [Expr]
        /// Result positions: the count of rows failing the checks, of rows of weight 0, of rows
        /// where a data part is NULL (SQLite: undefined), and the symbols whose values the others are.
        var violations: Int?
        var zeroWeights: Int?
        var nullRows: Int?
        var values: [(Symbol, Int)] = []
        var raw: [(Symbol, Int)] = []
    }

    private(set) var queries: [Query] = []
    /// `SELECT "a", "b", … FROM …`: the term's columns, streamed to find the first bad row.
    let rowsQuery: String
    /// The column symbols each streamed column stands for, in the query's order.
    let rowsSymbols: [[Symbol]]

    init(_ form: StatisticalForm, _ likelihoodTerm: LikelihoodTerm, _ term: DatabaseTerm, _ dialect: SQLDialect)
        throws(PushdownRefusal)
    {
        var writer = SQLWriter(dialect: dialect, names: term.names)
        let (checks, weight) = try Self.checks(likelihoodTerm, &writer)
        let from = "\nFROM " + DatabaseTerm.derived(term.baseTable, "mle_data")
        let used = term.usedColumns.map(\.name)
        rowsQuery = "SELECT " + used.map(QueryResult.identifier).joined(separator: ", ") + from
        rowsSymbols = used.map { name in term.columns.filter { $0.value == name }.map(\.key) }
        let counts =
            ["sum(CASE WHEN \(checks) THEN 0 ELSE 1 END)"]
            + (weight.map { ["sum(CASE WHEN \($0) = 0 THEN 1 ELSE 0 END)"] } ?? [])
        let atoms = try form.atoms.map { e throws(PushdownRefusal) in try writer.sql(e) }
        let constantPart = try form.constantPart.map { e throws(PushdownRefusal) in try writer.sql(e) }
        var sums = Builder(dialect: dialect, names: term.names)
        if form.pilots.contains(where: { $0 != nil }) {
            var pilots = Builder(dialect: dialect, names: term.names)
            pilots.counts(counts)
            for (k, pilot) in form.pilots.enumerated() {
                if let pilot { pilots.query.values.append((pilot, pilots.add("avg(\(atoms[k]))"))) }
            }
            if dialect.undefinedIsNull {
                pilots.nullCheck(form.pilots.indices.filter { form.pilots[$0] != nil }.map { atoms[$0] })
            }
            queries.append(pilots.finish(PushdownMessage.supportAndPilots, from: from, form))
        } else {
            sums.counts(counts)
        }
        for s in form.statistics {
            if s.isConstantPart, let constantPart {
                sums.query.values.append((s.symbol, sums.add("sum(\(constantPart))")))
                continue
            }
            sums.query.values.append((s.symbol, sums.add("sum(\(try sums.writer.sql(Self.centred(s, form))))")))
            if s.powers.contains(where: { form.pilots[$0.atom] != nil }) {
                sums.query.raw.append((s.symbol, sums.add("sum(\(try sums.writer.sql(Self.uncentred(s, form))))")))
            }
        }
        if dialect.undefinedIsNull { sums.nullCheck(atoms + (constantPart.map { [$0] } ?? [])) }
        let purpose = queries.isEmpty ? PushdownMessage.supportAndStatistics : PushdownMessage.statistics
        if !sums.aggregates.isEmpty { queries.append(sums.finish(purpose, from: from, form)) }
    }

    /// One query as it is written: its aggregates, and where their values go.
    struct Builder {
        var writer: SQLWriter
        var aggregates: [String] = []
        var query = Query(planned: PlannedQuery(purpose: "", sql: "", parameters: []), parameters: [])

        init(dialect: SQLDialect, names: [Symbol: String]) {
            writer = SQLWriter(dialect: dialect, names: names)
        }

        /// Appends an aggregate; its position in the result.
        mutating func add(_ aggregate: String) -> Int {
            aggregates.append(aggregate)
            return aggregates.count - 1
        }

        /// The count of rows failing the checks (and of rows of weight 0, when there are weights).
        mutating func counts(_ counts: [String]) {
            query.violations = add(counts[0])
            if counts.count > 1 { query.zeroWeights = add(counts[1]) }
        }

        /// `sum(CASE WHEN a IS NULL OR … THEN 1 ELSE 0 END)`, SQLite's rows where a part is undefined.
        mutating func nullCheck(_ parts: [String]) {
            guard !parts.isEmpty else { return }
            let condition = parts.map { "(\($0)) IS NULL" }.joined(separator: " OR ")
            query.nullRows = add("sum(CASE WHEN \(condition) THEN 1 ELSE 0 END)")
        }

        func finish(_ purpose: String, from: String, _ form: StatisticalForm) -> Query {
            var q = query
            q.parameters = writer.parameters
            let legend = writer.parameters.enumerated().map { k, e in
                PushdownMessage.parameter(writer.dialect.placeholder(k + 1), StatisticsQueries.meaning(e, form))
            }
            q.planned = PlannedQuery(
                purpose: purpose, sql: StatisticsQueries.select(aggregates) + from, parameters: legend)
            return q
        }
    }

    /// The condition every row must meet, and the weight's SQL (when the term has one).
    static func checks(_ term: LikelihoodTerm, _ writer: inout SQLWriter) throws(PushdownRefusal) -> (String, String?) {
        let family = term.family
        let y = try writer.sql(term.response)
        var conditions: [String] = []
        var upper: String?
        for (a, argument) in term.arguments.enumerated()
        where a < family.parameters.count && !argument.dependsOnParameters {
            let x = try writer.sql(argument)
            guard let inDomain = family.parameters[a].domain.sqlCondition(x) else {
                throw PushdownRefusal(PushdownMessage.noSupportCheck(family.name))
            }
            conditions.append(inDomain)
            if case .countUpTo(let k) = family.support, k == a { upper = x }
        }
        guard let inSupport = family.support.sqlCondition(y, upper: upper) else {
            throw PushdownRefusal(PushdownMessage.noSupportCheck(family.name))
        }
        conditions.append(inSupport)
        if let c = term.censored { conditions.append("(\(try writer.sql(c)) = 0 OR \(try writer.sql(c)) = 1)") }
        let weight = try term.weight.map { w throws(PushdownRefusal) in try writer.sql(w) }
        if let weight { conditions.append("\(weight) >= 0 AND \(weight) <= 1.7976931348623157e308") }
        if let lower = term.lower { conditions.append("\(y) >= \(try writer.sql(lower))") }
        if let upper = term.upper { conditions.append("\(y) <= \(try writer.sql(upper))") }
        return (conditions.map { "(\($0))" }.joined(separator: " AND "), weight)
    }

    /// Πₖ (aₖ − cₖ)^pₖ, an atom without a pilot taken as it is.
    static func centred(_ s: Statistic, _ form: StatisticalForm) -> Expr {
        let store = form.value.store
        return store.mul(
            s.powers.map { p in
                let atom = form.atoms[p.atom]
                let base = form.pilots[p.atom].map { atom - store.symbol($0) } ?? atom
                return base.pow(Double(p.power))
            })
    }

    static func uncentred(_ s: Statistic, _ form: StatisticalForm) -> Expr {
        form.value.store.mul(s.powers.map { form.atoms[$0.atom].pow(Double($0.power)) })
    }

    /// What a parameter of the statistics query is: a pilot, the mean of its atom.
    static func meaning(_ e: Expr, _ form: StatisticalForm) -> String {
        if let s = e.symbol, let k = form.pilots.firstIndex(of: s) {
            return PushdownMessage.pilot(of: form.atoms[k].printed())
        }
        return e.printed()
    }

    static func select(_ aggregates: [String]) -> String {
        "SELECT " + aggregates.joined(separator: ",\n       ")
    }
}
