import LinearAlgebra
import Symbolic

/// A term's rows in memory, as columns: statistics in a pass over them (`TermData`), the
/// remainder through compiled tapes with the predictor layer on BLAS (`TermEvaluator`).
public final class ColumnSums: TermSums {
    let columns: [Symbol: [Double]]
    let predictors: [LinearPredictor]

    public init(columns: [Symbol: [Double]], predictors: [LinearPredictor]) {
        self.columns = columns
        self.predictors = predictors
    }

    public var rowsInMemory: Bool { true }
    public var failure: LikelihoodError? { nil }

    public func statistics(
        _ form: StatisticalForm, of term: LikelihoodTerm, index: Int, count: Symbol
    ) throws(LikelihoodError) -> TermStatistics {
        let data = try TermData(term, columns: columns, index: index)
        var values: [Symbol: Double] = [:]
        var raw: [Symbol: Double] = [:]
        data.computeStatistics(form, count: count, into: &values, raw: &raw)
        return TermStatistics(observations: data.observations, values: values, raw: raw)
    }

    public func remainder(_ r: Expr, of term: LikelihoodTerm) throws(LikelihoodError) -> any RemainderSums {
        TermEvaluator(remainder: r, rows: term.rows, columns: columns, predictors: predictors)
    }

    public func sides(_ request: SideRequest) -> SideSummary? {
        let store = request.linear.store
        var bound = request.linear
        var extra: [Symbol: [Double]] = [:]
        for p in predictors where bound.depends(on: p.symbol) {
            let column = Symbol.column(100_000 + p.index)
            extra[column] = p.matrix * Array(request.theta[p.offset..<(p.offset + p.length)])
            bound = bound.substituting([p.symbol: store.symbol(column)])
        }
        let needed = [bound, request.response, request.weight, request.upper]
        let all = columns.merging(extra) { a, _ in a }
        guard let data = try? TermData(request.term, columns: all, checkingSupport: false) else { return nil }
        let per = data.evaluate(needed)
        guard per.count == needed.count else { return nil }
        var summary = SideSummary(rows: 0, onTheirSide: 0, onTheirSideOrNearLine: 0, largestMargin: -.infinity)
        for i in 0..<request.term.rows where per[2][i] > 0 && per[3][i] > 0 {
            let (eta, y, upper) = (per[0][i], per[1][i], per[3][i])
            let side: Double = y == upper ? 1 : y == 0 ? -1 : 0
            let margin = side * eta
            summary.rows += 1
            if margin > 0 { summary.onTheirSide += 1 }
            if margin > 0 || abs(eta) < 3 { summary.onTheirSideOrNearLine += 1 }
            if margin > summary.largestMargin { summary.largestMargin = margin }
        }
        return summary
    }
}

extension TermEvaluator: RemainderSums {
    func listing(number: Int) -> String {
        "per-row tape \(number) (ℓ, ∇ℓ and ∇²ℓ for \(rows) rows, in blocks of \(TermEvaluator.blockSize)):\n"
            + tape(2).0.disassembled()
    }
}

extension ColumnSums {
    /// Checks a term's rows as building the likelihood does (data arguments, support,
    /// truncation, indicators, weights), throwing the error that names the first bad row.
    /// A database streams its rows through this in batches to find that row.
    public func checkRows(_ term: LikelihoodTerm, index: Int) throws(LikelihoodError) {
        _ = try TermData(term, columns: columns, index: index)
    }
}

extension LikelihoodTerm {
    /// The same term over `rows` rows (a batch of a database's rows, for checking them).
    public func withRows(_ rows: Int) -> LikelihoodTerm {
        LikelihoodTerm(
            family: family, response: response, arguments: arguments, weight: weight, censored: censored, rows: rows,
            censoring: censoring, lower: lower, upper: upper)
    }
}

extension LikelihoodError {
    /// The error with its row number moved on by `offset` (an error found in a batch of rows).
    public func rowsShifted(by offset: Int) -> LikelihoodError {
        switch self {
        case .outsideSupport(let family, let support, let row, let value):
            return .outsideSupport(family: family, support: support, row: row + offset, value: value)
        case .notFinite(let row, let what): return .notFinite(row: row + offset, what: what)
        case .badIndicator(let t, let row, let value): return .badIndicator(term: t, row: row + offset, value: value)
        case .negativeWeight(let t, let row, let value):
            return .negativeWeight(term: t, row: row + offset, value: value)
        case .argumentOutsideDomain(let t, let a, let row, let value):
            return .argumentOutsideDomain(term: t, argument: a, row: row + offset, value: value)
        case .outsideTruncation(let t, let row, let value):
            return .outsideTruncation(term: t, row: row + offset, value: value)
        case .censoringUnsupported, .truncationUnsupported, .sumsUnavailable, .sumsFailed: return self
        }
    }
}
