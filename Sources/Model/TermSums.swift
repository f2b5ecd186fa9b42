import LinearAlgebra
import Symbolic

/// Where one likelihood term's rows are, and the sums over them that its statistics,
/// its row-coupled remainder and the post-fit checks need.
///
/// ℓ only ever needs sums over rows: the sufficient statistics Σᵢ Πₖ (aₖ(rowᵢ) − cₖ)^pₖ,
/// and, per evaluation, Σᵢ R(rowᵢ, θ, η) with its derivatives (Xᵀ·∂R/∂η, Xᵀ·diag(∂²R/∂η²)·X).
/// So the rows can live anywhere that can sum: `ColumnSums` holds them in memory (compiled
/// tapes and BLAS); the Pushdown stage's database aggregator sends the same sums as
/// aggregate queries, so the rows never leave the database. `LogLikelihood` is built
/// over one of these per term and never looks at the rows itself.
public protocol TermSums: AnyObject {
    /// Whether the rows are in this process's memory, so per-row values can be read
    /// (`LogLikelihood.perRow`, least squares' design matrix). False for a database.
    var rowsInMemory: Bool { get }

    /// Checks term `index`'s data row by row (data arguments in their domains, the response in
    /// the family's support and inside the truncation bounds, censoring indicators 0 or 1,
    /// weights ≥ 0), throwing the error that names the first offending row, then computes the
    /// statistics of `form` (see `TermStatistics`). `.sumsUnavailable` means these rows cannot
    /// give these sums (another backend must be used).
    func statistics(
        _ form: StatisticalForm, of term: LikelihoodTerm, index: Int, count: Symbol
    ) throws(LikelihoodError) -> TermStatistics

    /// The term's row-coupled remainder Σᵢ R(rowᵢ, θ, η), ready to evaluate.
    func remainder(_ r: Expr, of term: LikelihoodTerm) throws(LikelihoodError) -> any RemainderSums

    /// For the separation check: how the rows lie relative to the line t = 0 (see `SideSummary`).
    func sides(_ request: SideRequest) -> SideSummary?

    /// A failure met while evaluating (a database that went away), reported after the fit; nil in memory.
    var failure: LikelihoodError? { get }
}

/// What a term's rows give before any θ: how many count as observations, and the statistics.
public struct TermStatistics {
    /// Rows with a non-zero weight (all rows, unweighted).
    public var observations: Int
    /// n (under the term's count symbol), each statistic centred at its pilots, and the pilots.
    public var values: [Symbol: Double]
    /// The uncentred sums, for showing (Σx = 50.1).
    public var raw: [Symbol: Double]

    public init(observations: Int, values: [Symbol: Double], raw: [Symbol: Double]) {
        self.observations = observations
        self.values = values
        self.raw = raw
    }
}

/// Σᵢ R(rowᵢ, θ, η) for one term, with its exact gradient and Hessian.
public protocol RemainderSums: AnyObject {
    var rows: Int { get }
    /// Adds ℓ's part (order 0), its gradient (order ≥ 1) and Hessian (order 2) at θ into the
    /// accumulators; `scalars` holds θ and the statistics. A value that cannot be computed is NaN.
    func accumulate(
        _ theta: [Double], order: Int, scalars: [Symbol: Double],
        value: inout Double, gradient: inout [Double], hessian: inout Matrix)
    /// What runs per evaluation, for `show tape`: the compiled tape, or the SQL sent.
    func listing(number: Int) -> String
}

/// The rows the separation check looks at: for each row with weight > 0 and upper > 0, the
/// side it pushes t to: +1 where y = upper, −1 where y = 0, 0 between.
public struct SideRequest {
    public let term: LikelihoodTerm
    /// t(row) with θ substituted: in columns and linear predictors only.
    public let linear: Expr
    public let response: Expr
    public let weight: Expr
    /// The response's upper value (1 for Bernoulli, N for a Binomial).
    public let upper: Expr
    /// θ, for the linear predictors in `linear`.
    public let theta: [Double]

    public init(term: LikelihoodTerm, linear: Expr, response: Expr, weight: Expr, upper: Expr, theta: [Double]) {
        self.term = term
        self.linear = linear
        self.response = response
        self.weight = weight
        self.upper = upper
        self.theta = theta
    }
}

/// How the rows lie relative to t = 0, margin = side·t.
public struct SideSummary: Sendable, Equatable {
    /// Rows considered (weight > 0 and upper > 0).
    public var rows: Int
    /// Rows with margin > 0 (strictly on their side).
    public var onTheirSide: Int
    /// Rows with margin > 0 or |t| < 3 (on their side or near the line).
    public var onTheirSideOrNearLine: Int
    /// The largest margin (−∞ with no rows).
    public var largestMargin: Double

    public init(rows: Int, onTheirSide: Int, onTheirSideOrNearLine: Int, largestMargin: Double) {
        self.rows = rows
        self.onTheirSide = onTheirSide
        self.onTheirSideOrNearLine = onTheirSideOrNearLine
        self.largestMargin = largestMargin
    }
}
