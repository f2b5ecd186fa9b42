import Data
import Model
import Symbolic

/// The one query that evaluates a row-coupled remainder R and its derivatives at θ,
/// written once (θ goes in as its parameters).
///
/// Three derived tables, each over the one below: the term's columns as doubles;
/// the linear predictors ηₖ = Σⱼ wₖⱼ·xⱼ beside them; the per-row values R, ∂R/∂v and
/// ∂²R/∂v∂v′ for the variables v (R's scalar parameters, then its predictors), equal
/// expressions written once. The aggregate on top sums them, a predictor's derivatives
/// times its columns: Σ ∂R/∂θ, Σ xⱼ·∂R/∂η, Σ xⱼ·xₗ·∂²R/∂η² (the upper triangle).
struct RemainderQuery {
    /// Where each aggregate's value goes.
    enum Target {
        case value
        case gradient(Int)
        case hessian(Int, Int)
        /// SQLite: rows where a per-row value is undefined (NULL); any makes the evaluation NaN.
        case undefined
    }

    private(set) var sql = ""
    /// The bound parameters (θ's components and other row-constant parts), in placeholder order;
    /// one more placeholder follows them, the centre ℓ's rows are summed less.
    private(set) var parameters: [Expr] = []
    private(set) var targets: [Target] = []

    private var outputs: [(name: String, expr: Expr)]
    private var aggregates: [String] = []
    private var aggregateTargets: [Target] = []

    init(_ remainder: Expr, _ term: DatabaseTerm, _ dialect: SQLDialect) throws(PushdownRefusal) {
        let variables = Variables(remainder, term)
        outputs = [("mle_l", remainder)]
        let first = variables.all.map { remainder.derivative(withRespectTo: $0) }
        addGradient(first, variables)
        addHessian(first, variables)
        var writer = SQLWriter(dialect: dialect, names: term.names)
        let below =
            variables.predictors.isEmpty
            ? DatabaseTerm.derived(term.baseTable, "mle_data")
            : DatabaseTerm.derived(term.predictorTable(&writer, store: remainder.store), "mle_eta")
        var perRow = variables.predictorColumns
        for output in outputs { perRow.append(try writer.sql(output.expr) + " AS " + output.name) }
        if dialect.undefinedIsNull {
            let condition = outputs.map { "\($0.name) IS NULL" }.joined(separator: " OR ")
            aggregates.append("sum(CASE WHEN " + condition + " THEN 1 ELSE 0 END)")
            aggregateTargets.append(.undefined)
        }
        let centre = dialect.placeholder(writer.parameters.count + 1)
        let rowsTable =
            "SELECT " + perRow.joined(separator: ",\n       ") + "\nFROM " + below + dialect.noMerge
        sql =
            StatisticsQueries.select(["sum(mle_l - \(centre))"] + aggregates) + "\nFROM "
            + DatabaseTerm.derived(rowsTable, "mle_rows")
        parameters = writer.parameters
        targets = [.value] + aggregateTargets
    }

    /// The name of the per-row column holding `e` (a new one unless an equal expression has one:
    /// ∂R/∂b = ∂R/∂η when b is an intercept).
    private mutating func output(_ name: String, _ e: Expr) -> String {
        if let known = outputs.first(where: { $0.expr == e }) { return known.name }
        outputs.append((name, e))
        return name
    }

    /// Σ ∂R/∂θ for a scalar, Σ xⱼ·∂R/∂η for each column of a predictor.
    private mutating func addGradient(_ first: [Expr], _ variables: Variables) {
        for (a, d) in first.enumerated() where !d.isConstant(0) {
            let name = output("mle_g\(a + 1)", d)
            for (j, slot) in variables.slots(of: a).enumerated() {
                aggregates.append("sum(" + ([name] + variables.column(a, j)).joined(separator: " * ") + ")")
                aggregateTargets.append(.gradient(slot))
            }
        }
    }

    /// Σ ∂²R/∂v∂v′ times the columns of the predictors among v, v′ (one triangle of each block).
    private mutating func addHessian(_ first: [Expr], _ variables: Variables) {
        for a in variables.all.indices {
            for b in a..<variables.all.count {
                let d2 = first[a].derivative(withRespectTo: variables.all[b])
                if d2.isConstant(0) { continue }
                let name = output("mle_h\(a + 1)_\(b + 1)", d2)
                for (j, slotA) in variables.slots(of: a).enumerated() {
                    for (l, slotB) in variables.slots(of: b).enumerated() where a != b || l >= j {
                        let x = variables.column(a, j) + variables.column(b, l)
                        aggregates.append("sum(" + ([name] + x).joined(separator: " * ") + ")")
                        aggregateTargets.append(.hessian(slotA, slotB))
                    }
                }
            }
        }
    }
}

/// R's derivative variables: its scalar parameters, then the linear predictors it holds.
private struct Variables {
    let scalars: [Symbol]
    let predictors: [DatabaseTerm.Predictor]
    var all: [Symbol] { scalars + predictors.map(\.symbol) }

    init(_ remainder: Expr, _ term: DatabaseTerm) {
        let symbols = remainder.symbols
        scalars = symbols.filter { if case .parameter = $0 { return true } else { return false } }.sorted()
        predictors = term.predictors.filter { symbols.contains($0.symbol) }
    }

    /// The θ slots variable v stands for: one for a scalar, a predictor's coefficients.
    func slots(of v: Int) -> [Int] {
        if v < scalars.count, case .parameter(let i) = scalars[v] { return [i] }
        let p = predictors[v - scalars.count]
        return Array(p.offset..<(p.offset + p.columns.count))
    }

    /// The column that multiplies v's derivative for its j-th slot: none for a scalar.
    func column(_ v: Int, _ j: Int) -> [String] {
        v < scalars.count ? [] : [QueryResult.identifier(predictors[v - scalars.count].columns[j])]
    }

    /// The predictors' columns, once each, carried up to the aggregate.
    var predictorColumns: [String] {
        predictors.flatMap(\.columns).reduce(into: [String]()) { list, c in
            let id = QueryResult.identifier(c)
            if !list.contains(id) { list.append(id) }
        }
    }
}
