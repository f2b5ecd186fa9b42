import Diagnostics
import LinearAlgebra

/// A model matrix: the columns a linear predictor `w·X` multiplies, each with a
/// label that names the coefficient bound to it (`w[hp]`, `w[woolB]`).
///
/// It is built from terms, in order, as R's `model.matrix` is (without the
/// intercept, which a script writes itself): a numeric column as it is; a factor
/// as its treatment-coded indicator columns (`Factor`); the interaction of two
/// factors as the products of their indicator columns.
public struct DesignMatrix: Sendable {
    /// One source of columns.
    public enum Term: Sendable {
        /// A numeric column, as it is: one column, labelled by its name.
        case numbers(String, [Double])
        /// A factor: one indicator column per level after the baseline, labelled name + level (`tensionM`).
        case factor(Factor)
        /// The interaction of two factors (R's `a:b`): one column per pair of levels after the
        /// baselines, the first factor's level varying fastest, labelled `woolB:tensionM`.
        case interaction(Factor, Factor)

        /// The number of rows.
        public var count: Int {
            switch self {
            case .numbers(_, let xs): return xs.count
            case .factor(let f): return f.count
            case .interaction(let a, _): return a.count
            }
        }

        /// The labels of the columns, in order.
        public var labels: [String] {
            switch self {
            case .numbers(let name, _): return [name]
            case .factor(let f): return f.indicatorLabels
            case .interaction(let a, let b):
                return b.indicatorLabels.flatMap { lb in a.indicatorLabels.map { "\($0):\(lb)" } }
            }
        }

        /// A factor with one level has no indicator column: that (or a factor of no rows) is an error.
        public var problem: FactorError? {
            switch self {
            case .numbers: return nil
            case .factor(let f): return f.codingProblem
            case .interaction(let a, let b): return a.codingProblem ?? b.codingProblem
            }
        }
    }

    /// How the script wrote it ("d[wool, tension]"), for messages and printing.
    public let name: String
    public let terms: [Term]
    /// One label per column.
    public let labels: [String]
    /// Rows are observations; one column per label.
    public let matrix: Matrix

    /// The matrix of these terms, which must all have the same number of rows; a factor
    /// with a single level is an error (it would give no column).
    public init(name: String, terms: [Term]) throws(DesignError) {
        let rows = terms.first?.count ?? 0
        for term in terms {
            if term.count != rows { throw .rowCounts(rows, term.count) }
            if let problem = term.problem { throw .factor(problem) }
        }
        self.name = name
        self.terms = terms
        self.labels = terms.flatMap(\.labels)
        let width = labels.count
        // Term t's columns are starts[t]..<starts[t + 1].
        var columnStarts = [0]
        for term in terms { columnStarts.append(columnStarts[columnStarts.count - 1] + term.labels.count) }
        let starts = columnStarts
        let elements = [Double](unsafeUninitializedCapacity: rows * width) { buffer, count in
            nonisolated(unsafe) let out = buffer
            // Blocks of rows on every core; within a block, term after term, so that a
            // term's strided writes stay in the few kilobytes of the block's rows.
            let blocks = (rows + DesignMatrix.blockRows - 1) / DesignMatrix.blockRows
            Parallel.forEach(blocks, threads: rows * width >= 1 << 18 ? Parallel.threadCount : 1) { block in
                guard let base = out.baseAddress else { return }
                let lower = block * DesignMatrix.blockRows
                let rowRange = lower..<min(rows, lower + DesignMatrix.blockRows)
                for (index, term) in terms.enumerated() {
                    DesignMatrix.fill(
                        base, width: width, columns: starts[index]..<starts[index + 1], rows: rowRange, term)
                }
            }
            count = rows * width
        }
        self.matrix = Matrix(rows: rows, columns: width, elements: elements)
    }

    /// Rows filled together (2,048 rows of 10 columns are 160 KB).
    private static let blockRows = 2048

    /// Writes a term's `columns` for `rows` into the row-major `elements` (every one of
    /// those cells, so none is left uninitialised).
    private static func fill(
        _ elements: UnsafeMutablePointer<Double>, width: Int, columns: Range<Int>, rows: Range<Int>, _ term: Term
    ) {
        let first = columns.lowerBound
        switch term {
        case .numbers(_, let xs):
            xs.withUnsafeBufferPointer { xs in
                for i in rows { elements[i * width + first] = xs[i] }
            }
        case .factor(let f):
            // Level k (1-based) > 1 sets column k − 2 of the term.
            for i in rows {
                (elements + i * width + first).initialize(repeating: 0, count: columns.count)
                let c = f.codes[i]
                if c > 1 { elements[i * width + first + c - 2] = 1 }
            }
        case .interaction(let a, let b):
            // The pair (k, l) of non-baseline levels is column (l − 2)·(Ka − 1) + (k − 2).
            let ka = a.levels.count - 1
            for i in rows {
                (elements + i * width + first).initialize(repeating: 0, count: columns.count)
                if a.codes[i] > 1 && b.codes[i] > 1 {
                    elements[i * width + first + (b.codes[i] - 2) * ka + (a.codes[i] - 2)] = 1
                }
            }
        }
    }

    /// The columns no row sets, each with the levels whose rows it would count: a level
    /// listed in `factor(x, levels: …)` that no row has, or a pair of levels that never
    /// occur together. Their coefficients cannot be estimated. A baseline with no rows
    /// is listed too, with no column (`column` nil).
    public var emptyLevels: [EmptyLevel] {
        var found: [EmptyLevel] = []
        var first = 0
        for term in terms {
            found += DesignMatrix.emptyLevels(of: term, from: first, matrix)
            first += term.labels.count
        }
        return found
    }

    private static func emptyLevels(of term: Term, from first: Int, _ m: Matrix) -> [EmptyLevel] {
        switch term {
        case .numbers: return []
        case .factor(let f):
            return zip(f.levels, f.rowCounts).enumerated().compactMap { k, pair in
                guard pair.1 == 0 else { return nil }
                return EmptyLevel(
                    column: k == 0 ? nil : first + k - 1, label: k == 0 ? nil : f.indicatorLabels[k - 1],
                    levels: [(f.name, pair.0)])
            }
        case .interaction(let a, let b):
            var found: [EmptyLevel] = []
            for (j, label) in term.labels.enumerated() where (0..<m.rows).allSatisfy({ m[$0, first + j] == 0 }) {
                let ka = a.levels.count - 1
                let (k, l) = (j % ka + 1, j / ka + 1)
                found.append(
                    EmptyLevel(column: first + j, label: label, levels: [(a.name, a.levels[k]), (b.name, b.levels[l])]))
            }
            return found
        }
    }

    /// A column of a design that no row sets.
    public struct EmptyLevel: Sendable {
        /// The column (0-based), or nil for a baseline level, which has none.
        public let column: Int?
        public let label: String?
        /// (factor, level) pairs a row would need: one for a factor, two for an interaction.
        public let levels: [(factor: String, level: String)]
    }
}

extension Factor {
    /// The labels of the indicator columns: name + level, for each level after the baseline.
    public var indicatorLabels: [String] { levels.dropFirst().map { name + $0 } }

    /// Why the factor has no indicator columns, if it has none.
    var codingProblem: FactorError? {
        if levels.isEmpty || count == 0 { return .empty(factor: name) }
        if levels.count == 1 { return .singleLevel(levels[0], factor: name) }
        return nil
    }
}

/// Why a design matrix could not be built.
public enum DesignError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No column has this name; `suggestion` is the nearest name, if one is a plausible typo.
    case unknownColumn(name: String, suggestion: String?)
    /// A numeric column's cell that arithmetic cannot use (a missing value).
    case cell(CellProblem)
    /// A column that cannot be coded as a factor.
    case factor(FactorError)
    /// Terms of different lengths.
    case rowCounts(Int, Int)

    public var description: String {
        switch self {
        case .unknownColumn(let name, let suggestion): return DataMessage.unknownColumn(name, suggestion: suggestion)
        case .cell(let problem): return problem.description
        case .factor(let problem): return problem.description
        case .rowCounts(let a, let b): return DataMessage.termLengths(a, b)
        }
    }

    /// The column at fault, when the error is about one.
    public var column: String? {
        switch self {
        case .unknownColumn(let name, _): return name
        case .cell(let problem): return problem.column
        case .factor(.missing(let problem)): return problem.column
        case .factor(.notALevel(_, let factor, _)), .factor(.notListed(_, _, let factor)),
            .factor(.listedTwice(_, let factor)), .factor(.singleLevel(_, let factor)), .factor(.empty(let factor)):
            return factor
        case .rowCounts: return nil
        }
    }
}

extension Table {
    /// The terms of `d[a, b, c]`, in that order: a numeric column as numbers, a text
    /// column of categories as a factor (its levels sorted); a text column that is mostly
    /// numbers is reported by its first cell that is not one (`Column.isCategorical`).
    ///
    /// Fails for the first unknown name, missing cell, or text column that cannot be a
    /// factor (a missing level), looking at the columns in the order given.
    public func designTerms(columns names: [String]) -> Result<[DesignMatrix.Term], DesignError> {
        var terms: [DesignMatrix.Term] = []
        for name in names {
            guard let column = column(named: name) else {
                let suggestion = Suggestion.closest(to: name, among: columnNames)
                return .failure(.unknownColumn(name: name, suggestion: suggestion))
            }
            if column.isCategorical {
                switch column.factor() {
                case .success(let f): terms.append(.factor(f))
                case .failure(let problem): return .failure(.factor(problem))
                }
                continue
            }
            switch column.numbers() {
            case .success(let numbers): terms.append(.numbers(name, numbers))
            case .failure(let problem): return .failure(.cell(problem))
            }
        }
        return .success(terms)
    }
}
