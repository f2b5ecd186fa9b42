import Foundation
import LinearAlgebra
import Symbolic

/// ℓ(θ) for a whole model: its terms' sufficient-statistic parts (O(1) in n),
/// their row-coupled remainders (compiled tapes), and the log-priors; with the
/// exact gradient and Hessian. The data are prepared once, when it is built.
public final class LogLikelihood {
    public let store: ExprStore
    public let parameterCount: Int
    public let forms: [StatisticalForm]
    /// Σ over terms of their statistic parts, plus the log-priors (symbolic, in θ and the statistics).
    public let summary: Expr
    public let priors: Expr
    /// Values of statistics, pilots and counts.
    public private(set) var statisticValues: [Symbol: Double] = [:]
    /// Raw (uncentred) sums of each statistic, for showing them (Σx = 50.1).
    public private(set) var rawStatisticValues: [Symbol: Double] = [:]
    let remainders: [any RemainderSums]
    /// Where each term's rows are, and the sums over them.
    public let sums: [any TermSums]
    public let rows: [Int]
    /// Per term, the rows that count as observations (a row of weight 0 does not).
    public let observations: [Int]
    public let terms: [LikelihoodTerm]
    public let columns: [Symbol: [Double]]
    public let predictors: [LinearPredictor]
    let summaryParameters: [Symbol]
    lazy var summaryGradient: [Expr] = summaryParameters.map { summary.derivative(withRespectTo: $0) }
    lazy var summaryHessian: [[Expr]] = summaryGradient.map { g in
        summaryParameters.map { g.derivative(withRespectTo: $0) }
    }

    /// Builds the likelihood: checks each term's data against its family's support, finds the
    /// statistics and computes them in one pass (two where a pilot centres them). A term
    /// listed in `sums` has its rows there (a database); the others' are `columns`.
    public init(
        store: ExprStore, terms: [LikelihoodTerm], priors: Expr, columns: [Symbol: [Double]],
        predictors: [LinearPredictor], parameterCount: Int, sums: [Int: any TermSums] = [:]
    ) throws(LikelihoodError) {
        self.store = store
        self.parameterCount = parameterCount
        self.priors = priors
        var forms: [StatisticalForm] = []
        var observations: [Int] = []
        var remainders: [any RemainderSums] = []
        var values: [Symbol: Double] = [:]
        var raw: [Symbol: Double] = [:]
        var firstStatistic = 0
        var firstAtom = 0
        let inMemory = ColumnSums(columns: columns, predictors: predictors)
        let termSums = terms.indices.map { sums[$0] ?? inMemory }
        for (t, term) in terms.enumerated() {
            let count = Symbol.count(t)
            // Domain-dependent identities first (log(λ·t) = log λ + log t when both are positive),
            // so more of ℓ factors into statistics.
            let core = try term.core().simplified()
            let form = SufficientStatistics.factor(
                core, count: count, firstStatistic: firstStatistic, firstAtom: firstAtom)
            let statistics = try termSums[t].statistics(form, of: term, index: t, count: count)
            observations.append(statistics.observations)
            values.merge(statistics.values) { _, new in new }
            raw.merge(statistics.raw) { _, new in new }
            firstStatistic += form.statistics.count
            firstAtom += form.atoms.count
            forms.append(form)
            if let r = form.remainder { remainders.append(try termSums[t].remainder(r, of: term)) }
        }
        self.forms = forms
        self.observations = observations
        self.remainders = remainders
        self.sums = termSums
        self.terms = terms
        self.columns = columns
        self.predictors = predictors
        self.rows = terms.map(\.rows)
        statisticValues = values
        rawStatisticValues = raw
        // Collected by parameter functions, S·log p + (n − S)·log(1 − p), so a zero count
        // multiplies log 0 as a whole (0·log 0 = 0 at the boundary) instead of ∞ − ∞.
        summary = store.add(forms.map(\.value) + [priors]).collectedByParameters()
        summaryParameters = summary.symbols.filter { if case .parameter = $0 { return true } else { return false } }
            .sorted()
    }

    /// The compiled per-row tapes (value, gradient and Hessian), disassembled, for `show tape`.
    public func tapeListing() -> String {
        if remainders.isEmpty {
            return "no per-row tape: ℓ is summarised by its sufficient statistics (O(1) in n)"
        }
        return remainders.enumerated().map { k, r in r.listing(number: k + 1) }.joined(separator: "\n")
    }

    /// Data-only per-row expressions of term `t`, evaluated for every row; [] when the term's
    /// rows are not in memory (a database's rows are never fetched for this).
    public func perRow(_ expressions: [Expr], term t: Int, extraColumns: [Symbol: [Double]] = [:]) -> [[Double]] {
        guard sums.indices.contains(t), sums[t].rowsInMemory else { return [] }
        let all = columns.merging(extraColumns) { a, _ in a }
        guard let data = try? TermData(terms[t], columns: all, checkingSupport: false) else { return [] }
        return data.evaluate(expressions)
    }

    /// Whether every term is summarised by its statistics (ℓ costs O(1) in n).
    public var isFullySummarised: Bool { remainders.isEmpty }

    /// Whether every term's rows are in memory (none in a database).
    public var rowsInMemory: Bool { sums.allSatisfy(\.rowsInMemory) }

    /// The first failure a term's sums met while evaluating (a database gone away), if any.
    public var sumsFailure: LikelihoodError? { sums.lazy.compactMap(\.failure).first }

    /// Pilots (centring values) set to 0, so statistics read as raw sums Σx, Σx² when shown.
    public var displayPilots: [Symbol: Double] {
        var d: [Symbol: Double] = [:]
        for form in forms { for p in form.pilots.compactMap({ $0 }) { d[p] = 0 } }
        return d
    }

    public struct Evaluation {
        public var value: Double
        public var gradient: [Double]
        public var hessian: Matrix
    }

    /// ℓ(θ) (order 0), with ∇ℓ (order ≥ 1) and ∇²ℓ (order 2).
    public func evaluate(_ theta: [Double], order: Int = 2) -> Evaluation {
        var scalars = statisticValues
        for (i, x) in theta.enumerated() { scalars[.parameter(i)] = x }
        var value = summary.evaluate(scalars)
        var gradient = [Double](repeating: 0, count: parameterCount)
        var hessian = Matrix(rows: order >= 2 ? parameterCount : 0, columns: order >= 2 ? parameterCount : 0)
        if order >= 1 {
            for (k, s) in summaryParameters.enumerated() {
                gradient[slot(s)] += summaryGradient[k].evaluate(scalars)
            }
        }
        if order >= 2 {
            for (a, s) in summaryParameters.enumerated() {
                for (b, t) in summaryParameters.enumerated() {
                    hessian[slot(s), slot(t)] += summaryHessian[a][b].evaluate(scalars)
                }
            }
        }
        for r in remainders {
            r.accumulate(theta, order: order, scalars: scalars, value: &value, gradient: &gradient, hessian: &hessian)
        }
        return Evaluation(value: value, gradient: gradient, hessian: hessian)
    }

    func slot(_ s: Symbol) -> Int {
        if case .parameter(let i) = s { return i }
        return 0
    }
}
