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
    /// Terms whose parameters are picked per row by data, summed group by group.
    public let groups: [GroupedTerm]
    /// The per-row picks of params (`μ[d.class]`) and the data columns that pick them.
    public let selectors: [Selector]
    public let indexColumns: [IndexColumn]
    let summaryParameters: [Symbol]
    /// The slots that appear as parameters (not through a selector) anywhere in ℓ.
    let scalarSlots: [Int]
    lazy var summaryGradient: [Expr] = summaryParameters.map { summary.derivative(withRespectTo: $0) }
    lazy var summaryHessian: [[Expr]] = summaryGradient.map { g in
        summaryParameters.map { g.derivative(withRespectTo: $0) }
    }

    /// Builds the likelihood: checks each term's data against its family's support, finds the
    /// statistics and computes them in one pass (two where a pilot centres them). A term
    /// listed in `sums` has its rows there (a database); the others' are `columns`.
    public init(
        store: ExprStore, terms: [LikelihoodTerm], priors: Expr, columns: [Symbol: [Double]],
        predictors: [LinearPredictor], parameterCount: Int, sums: [Int: any TermSums] = [:],
        selectors: [Selector] = [], indexColumns: [IndexColumn] = []
    ) throws(LikelihoodError) {
        self.store = store
        self.parameterCount = parameterCount
        self.priors = priors
        self.selectors = selectors
        self.indexColumns = indexColumns
        var forms: [StatisticalForm] = []
        var observations: [Int] = []
        var groups: [GroupedTerm] = []
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
            let picked = selectors.filter { form.value.depends(on: $0.symbol) }
            let rowPicked = form.remainder.map { r in selectors.filter { r.depends(on: $0.symbol) } } ?? []
            // Params picked per row by data are summed group by group over rows in memory.
            if !(picked.isEmpty && rowPicked.isEmpty), !termSums[t].rowsInMemory {
                throw .sumsUnavailable("params picked per row by data are summed group by group in memory")
            }
            if picked.isEmpty {
                let statistics = try termSums[t].statistics(form, of: term, index: t, count: count)
                observations.append(statistics.observations)
                values.merge(statistics.values) { _, new in new }
                raw.merge(statistics.raw) { _, new in new }
            } else {
                let data = try TermData(term, columns: columns, index: t)
                observations.append(data.observations)
                let cellColumns = Array(Set(picked.flatMap(\.columns))).sorted()
                let cells = CellTable(columns: cellColumns, indexColumns: indexColumns, rows: term.rows)
                groups.append(
                    GroupedTerm(
                        term: t, form: form, selectors: picked, cells: cells, indexColumns: indexColumns, data: data))
            }
            firstStatistic += form.statistics.count
            firstAtom += form.atoms.count
            forms.append(form)
            if let r = form.remainder {
                if rowPicked.isEmpty {
                    remainders.append(try termSums[t].remainder(r, of: term))
                } else {
                    let rowSelectors = rowPicked.map {
                        RowSelector(symbol: $0.symbol, slots: $0.rowSlots(indexColumns, rows: term.rows))
                    }
                    remainders.append(
                        TermEvaluator(
                            remainder: r, rows: term.rows, columns: columns, predictors: predictors,
                            selectors: rowSelectors))
                }
            }
        }
        self.forms = forms
        self.observations = observations
        self.groups = groups
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
        let grouped = Set(groups.map(\.term))
        let summed = forms.enumerated().filter { !grouped.contains($0.offset) }.map(\.element.value)
        summary = store.add(summed + [priors]).collectedByParameters()
        summaryParameters = summary.symbols.filter { if case .parameter = $0 { return true } else { return false } }
            .sorted()
        let mentioned = [summary] + forms.compactMap(\.remainder) + groups.map(\.form.value)
        scalarSlots = Set(mentioned.flatMap { $0.symbols }).compactMap {
            if case .parameter(let i) = $0 { return i } else { return nil }
        }.sorted()
    }

    /// The compiled per-row tapes (value, gradient and Hessian), disassembled, for `show tape`.
    public func tapeListing() -> String {
        // A term summed group by group runs its template over the groups, as a row tape over rows.
        let grouped = groups.enumerated().map { k, g in
            "per-group tape \(k + 1) (the template, its gradient and Hessian, over \(g.cellCount) groups of rows, in blocks of \(CellEvaluator.blockSize)):\n"
                + g.evaluator.tape(2).0.disassembled()
        }
        let rowTapes = remainders.enumerated().map { k, r in r.listing(number: k + 1) }
        if remainders.isEmpty {
            let summary = "no per-row tape: ℓ is summarised by its sufficient statistics (O(1) in n)"
            return ([summary] + grouped).joined(separator: "\n")
        }
        return (rowTapes + grouped).joined(separator: "\n")
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
    ///
    /// The last evaluations are remembered (`EvaluationCache`): asked again at the same θ
    /// (bit for bit) for the same or a lower order — the solver's last step, then the fit's
    /// checks, ℓ̂ and the covariance at θ̂ — the answer is the one already computed, not
    /// another pass over the rows. Evaluation is deterministic (chunks merged in order), so
    /// the remembered answer is the one a new pass would give.
    public func evaluate(_ theta: [Double], order: Int = 2) -> Evaluation {
        if let hit = cache.lookup(theta, order: order) {
            counters.record(cached: true, order: order, rowPasses: 0)
            return hit
        }
        var hessian = Matrix(rows: order >= 2 ? parameterCount : 0, columns: order >= 2 ? parameterCount : 0)
        var (value, gradient) = evaluate(theta, order: order, into: &hessian)
        for r in remainders {
            r.accumulate(
                theta, order: order, scalars: scalars(theta), value: &value, gradient: &gradient, hessian: &hessian)
        }
        let e = Evaluation(value: value, gradient: gradient, hessian: hessian)
        counters.record(cached: false, order: order, rowPasses: remainders.count)
        cache.store(theta, order: order, e)
        return e
    }

    /// The θ slots an expression depends on: its scalar params and the components of the
    /// linear predictors it mentions, in increasing order.
    public func parameterSlots(of e: Expr) -> [Int] {
        let scalars = e.symbols.compactMap { s -> Int? in if case .parameter(let i) = s { return i } else { return nil } }
        return (scalars + predictors.filter { e.depends(on: $0.symbol) }.flatMap { Array($0.slots) }).sorted()
    }

    /// Remembered evaluations (see `evaluate(_:order:)`).
    let cache = EvaluationCache()
    /// Forgets the remembered evaluations, so the next one reads the rows (for timing a pass).
    public func forgetEvaluations() { cache.clear() }
    /// How often ℓ was asked for and how often the rows were actually read (for mle-bench).
    public let counters = EvaluationCounters()

    /// ℓ, ∇ℓ and ∇²ℓ with the Hessian kept sparse, for a model summarised by its statistics
    /// (no per-row part): its parameters meet only within a group, so the Hessian has O(cells)
    /// entries where a dense one would have k².
    public func evaluateSparse(_ theta: [Double]) -> (value: Double, gradient: [Double], hessian: SparseSymmetric) {
        var hessian = SparseSymmetric(size: parameterCount)
        let (value, gradient) = evaluate(theta, order: 2, into: &hessian)
        return (value, gradient, hessian)
    }

    /// The summarised part (statistics, symbolic) and the grouped part (per cell), into any Hessian.
    func evaluate<H: HessianAccumulator>(_ theta: [Double], order: Int, into hessian: inout H) -> (Double, [Double]) {
        let scalars = scalars(theta)
        var value = summary.evaluate(scalars)
        var gradient = [Double](repeating: 0, count: parameterCount)
        if order >= 1 {
            for (k, s) in summaryParameters.enumerated() {
                gradient[slot(s)] += summaryGradient[k].evaluate(scalars)
            }
        }
        if order >= 2 {
            for (a, s) in summaryParameters.enumerated() {
                for (b, t) in summaryParameters.enumerated() {
                    hessian.add(slot(s), slot(t), summaryHessian[a][b].evaluate(scalars))
                }
            }
        }
        for g in groups {
            g.evaluator.accumulate(
                theta, order: order, scalars: scalars, value: &value, gradient: &gradient, hessian: &hessian)
        }
        return (value, gradient)
    }

    /// The slots some row picks through a selector (in a group, or per row): a component of a
    /// param picked by data that no row picks does not enter ℓ at all.
    public var pickedSlots: Set<Int> {
        var slots = Set<Int>()
        for g in groups { for s in g.selectors { slots.formUnion((g.slots[s.symbol] ?? []).map(Int.init)) } }
        for case let r as TermEvaluator in remainders {
            for s in r.selectors { slots.formUnion(s.slots.map(Int.init)) }
        }
        return slots
    }

    /// A group of rows that θ gives probability 0 (its ℓ is −∞): the term, the θ slot its
    /// selectors pick there (the component at 0), and its rows; nil if there is none.
    public func impossibleGroup(_ theta: [Double]) -> (term: Int, slots: [Int], rows: Int)? {
        let scalars = scalars(theta)
        for g in groups {
            let values = g.evaluator.perCell(theta, scalars: scalars)
            guard let c = values.firstIndex(where: { $0 == -.infinity || $0.isNaN }) else { continue }
            let slots = g.selectors.compactMap { g.slots[$0.symbol].map { Int($0[c]) } }
            return (g.term, slots, Int(g.counts[c]))
        }
        return nil
    }

    /// The statistics' values with θ's components as the parameters' values (those that appear
    /// outside selectors: a model with 10⁶ picked components does not copy them all).
    func scalars(_ theta: [Double]) -> [Symbol: Double] {
        var scalars = statisticValues
        for i in scalarSlots { scalars[.parameter(i)] = theta[i] }
        return scalars
    }

    func slot(_ s: Symbol) -> Int {
        if case .parameter(let i) = s { return i }
        return 0
    }
}
