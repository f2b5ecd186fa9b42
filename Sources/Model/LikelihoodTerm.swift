import Diagnostics
import LinearAlgebra
import Symbolic

/// One `~` statement, lowered to the symbolic IR: y ~ Family(arguments) over `rows` rows.
public struct LikelihoodTerm {
    public let family: any Distribution
    public let response: Expr
    public let arguments: [Expr]
    public let weight: Expr?
    /// 1 where the row is censored (y is a bound on the value), 0 where it is observed.
    public let censored: Expr?
    /// Which bound a censored y is.
    public let censoring: Censoring
    /// Bounds of a truncated distribution (inclusive): the data lie in [lower, upper].
    public let lower: Expr?
    public let upper: Expr?
    public let rows: Int

    public init(
        family: any Distribution, response: Expr, arguments: [Expr], weight: Expr?, censored: Expr?, rows: Int,
        censoring: Censoring = .right, lower: Expr? = nil, upper: Expr? = nil
    ) {
        self.family = family
        self.response = response
        self.arguments = arguments
        self.weight = weight
        self.censored = censored
        self.rows = rows
        self.censoring = censoring
        self.lower = lower
        self.upper = upper
    }

    /// The per-row log-likelihood f: the log-density (or, where censored, the log-probability
    /// of the side of y the value lies on), less the log-probability of the truncation
    /// interval, times the weight.
    public func core() throws(LikelihoodError) -> Expr {
        var f = family.logDensity(response, arguments)
        if let c = censored {
            let bound = censoring == .right ? logAtLeast(response) : logAtMost(response)
            guard let bound else { throw .censoringUnsupported(family.name) }
            f = (1 - c) * f + c * bound
        }
        if lower != nil || upper != nil {
            guard let normaliser = logTruncationMass() else { throw .truncationUnsupported(family.name) }
            f = f - normaliser
        }
        if let w = weight { f = w * f }
        return f
    }

    /// log P(Y ≥ y): the survival function at y (continuous), at y − 1 (whole numbers).
    func logAtLeast(_ y: Expr) -> Expr? {
        family.logSurvival(family.support.isDiscrete ? y - 1 : y, arguments)
    }

    /// log P(Y ≤ y)
    func logAtMost(_ y: Expr) -> Expr? { family.logCDF(y, arguments) }

    /// log P(lower ≤ Y ≤ upper): log P(Y ≥ a) or log P(Y ≤ b) with one bound; with both,
    /// log(F(b) − F(a⁻)) = log F(b) + log(1 − e^{log F(a⁻) − log F(b)}), a⁻ = a − 1 for counts.
    func logTruncationMass() -> Expr? {
        switch (lower, upper) {
        case (let a?, nil): return logAtLeast(a)
        case (nil, let b?): return logAtMost(b)
        case (let a?, let b?):
            let below = family.logCDF(family.support.isDiscrete ? a - 1 : a, arguments)
            guard let top = logAtMost(b), let below else { return nil }
            return top + (below - top).apply(.log1mexp)
        case (nil, nil): return nil
        }
    }
}

/// Which bound a censored observation is.
public enum Censoring: Sendable {
    /// y is a lower bound: the value is at least y (right-censored).
    case right
    /// y is an upper bound: the value is at most y (left-censored).
    case left
}

/// A linear predictor ηₖ = Xₖ·wₖ: a data matrix (rows are observations) and the
/// flat-parameter slots of the vector parameter it multiplies. When the term's rows
/// are in a database the matrix has no rows (its columns are the database's).
public struct LinearPredictor {
    public let symbol: Symbol
    public let matrix: Matrix
    /// Slot of wₖ[1] in θ; wₖ occupies offset..<offset + K.
    public let offset: Int

    public init(symbol: Symbol, matrix: Matrix, offset: Int) {
        self.symbol = symbol
        self.matrix = matrix
        self.offset = offset
    }

    public var length: Int { matrix.columns }
    /// The θ slots of wₖ.
    public var slots: Range<Int> { offset..<(offset + length) }
    /// k, from ηₖ's symbol.
    public var index: Int {
        if case .predictor(let k) = symbol { return k }
        return 0
    }
}

public enum LikelihoodError: Error, CustomStringConvertible {
    case outsideSupport(family: String, support: Support, row: Int, value: Double)
    case censoringUnsupported(String)
    case truncationUnsupported(String)
    case notFinite(row: Int, what: String)
    /// A censoring indicator that is not 0 or 1, in term `term`.
    case badIndicator(term: Int, row: Int, value: Double)
    case negativeWeight(term: Int, row: Int, value: Double)
    /// A data argument outside its parameter's domain (Binomial's N = 2.5).
    case argumentOutsideDomain(term: Int, argument: Int, row: Int, value: Double)
    /// An observation outside the truncation interval.
    case outsideTruncation(term: Int, row: Int, value: Double)
    /// Where the rows are cannot give these sums (a database without this function): the
    /// model is built again with the rows in memory, and the reason is said.
    case sumsUnavailable(String)
    /// Computing the sums failed (the database went away, a statement timed out).
    case sumsFailed(String)

    public var description: String {
        switch self {
        case .outsideSupport(let family, let support, let row, let value):
            return "\(family) data must be \(support), but row \(row) is \(LikelihoodError.format(value))"
        case .censoringUnsupported(let family):
            return "censoring is not supported for \(family) (its survival function is not available)"
        case .truncationUnsupported(let family):
            return "truncation is not supported for \(family) (its distribution function is not available)"
        case .badIndicator(_, let row, let value):
            return "a censoring indicator must be 0 or 1, but row \(row) is \(LikelihoodError.format(value))"
        case .negativeWeight(_, let row, let value):
            return "weights must be ≥ 0, but row \(row) is \(LikelihoodError.format(value))"
        case .argumentOutsideDomain(_, _, let row, let value):
            return "row \(row) is \(LikelihoodError.format(value))"
        case .outsideTruncation(_, let row, let value):
            return "row \(row) is \(LikelihoodError.format(value)), outside the truncation bounds"
        case .notFinite(let row, let what):
            return "\(what) is not a finite number at row \(row)"
        case .sumsUnavailable(let reason), .sumsFailed(let reason):
            return reason
        }
    }

    static func format(_ x: Double) -> String { NumberFormat.shortest(x) }
}
