import Data
import Diagnostics
import Syntax

/// What a comparison operand is, as text: a string, or a column of texts (its factor,
/// when every row has a level).
enum TextOperand {
    case string
    case column(Int, Factor?)

    init?(_ shape: Shape) {
        switch shape {
        case .string: self = .string
        case .factor(let f, _): self = .column(f.count, f)
        case .unusableColumn(let n, let problem) where problem.cell != nil: self = .column(n, nil)
        default: return nil
        }
    }
}

extension Checker {
    /// `a == b`, `a < b`, …: 1 or 0 per element. Text compares with text (a text column,
    /// a factor, a string; `<` in C-locale byte order), numbers with numbers. `==` or `!=`
    /// between a column and a string that no row has is an error naming the level: it
    /// is nearly always a misspelling, and would silently give all zeros.
    mutating func comparisonShape(
        _ l: Shape, _ r: Shape, _ op: BinaryOperator, _ a: ExpressionSyntax, _ b: ExpressionSyntax
    )
        -> Shape
    {
        for (shape, e) in [(l, a), (r, b)] { if !reportMissingLevel(shape, e) { return .unknown } }
        switch (TextOperand(l), TextOperand(r)) {
        case (.none, .none):
            return broadcast(l, r, a, b)
        case (.some(let x), .some(let y)):
            if op == .equal || op == .notEqual {
                checkLevel(x, b)
                checkLevel(y, a)
            }
            switch (x, y) {
            case (.string, .string): return .scalar
            case (.column(let n, _), .string), (.string, .column(let n, _)): return .vector(n)
            case (.column(let n, _), .column(let m, _)):
                if n != m { mismatch(l, r, a, b) }
                return .vector(n)
            }
        case (.some(let x), .none):
            return textVersusNumber(x, r, text: a, number: b)
        case (.none, .some(let y)):
            return textVersusNumber(y, l, text: b, number: a)
        }
    }

    /// A numeric column with a missing cell, a text column that is mostly numbers (its bad
    /// cell), or a text column with a row that has no level, reported by row; false when reported.
    mutating func reportMissingLevel(_ shape: Shape, _ e: ExpressionSyntax) -> Bool {
        guard case .unusableColumn(_, let problem) = shape else { return true }
        if problem.cell == nil {
            error(CheckerMessage.comparisonMissing(problem), at: e.span)
            return false
        }
        guard let column = columnBehind(e) else { return true }
        if !column.isCategorical {
            error(problem.description, at: e.span)
            return false
        }
        if case .failure(let why) = column.factor() {
            error(why.description, at: e.span)
            return false
        }
        return true
    }

    /// `d.wool == "b"` where no row is "b": an error naming the level, with the nearest one.
    mutating func checkLevel(_ column: TextOperand, _ other: ExpressionSyntax) {
        guard case .column(_, let factor?) = column, case .string(let level) = other.kind,
            factor.code(of: level) == nil
        else { return }
        let problem = FactorError.notALevel(level, factor: factor.name, levels: factor.levels)
        let hint = Suggestion.closest(to: level, among: factor.levels)
        error(problem.description, at: other.span, help: hint.map(CheckerMessage.didYouMean))
    }

    mutating func textVersusNumber(
        _ text: TextOperand, _ number: Shape, text t: ExpressionSyntax, number n: ExpressionSyntax
    )
        -> Shape
    {
        guard !number.isUnknown else {
            if case .column(let rows, _) = text { return .vector(rows) }
            return .unknown
        }
        guard number.isNumeric else {
            _ = numeric(number, n.span)
            return .unknown
        }
        if case .string = text {
            error(CheckerMessage.numberVersusString, at: t.span.merged(with: n.span), help: CheckerMessage.compareLike)
        } else {
            var level: String?
            if case .column(_, let f?) = text { level = f.levels.first }
            error(
                CheckerMessage.textVersusNumber, at: t.span.merged(with: n.span),
                help: CheckerMessage.compareWithLevel(t.span.text, level: level))
        }
        return .unknown
    }

    /// The table column an expression names directly (`d.col`), without reporting anything.
    func columnBehind(_ e: ExpressionSyntax) -> Column? {
        guard case .member(let base, let column) = e.kind, case .name(let t) = base.kind,
            let entry = environment[t], case .data(.table(let table)) = entry.binding
        else { return nil }
        return table.column(named: column.text)
    }

    /// `b*d.wool`: a factor times its coefficient. With a number (a scalar param) a factor
    /// of two levels is its one indicator column; a factor of K levels takes a vector of
    /// K − 1 components, one per indicator column (as R gives a factor term K − 1
    /// coefficients), so `b*d.tension` is `b·d.tension`. Two factors multiply into their
    /// interaction's indicator columns. Nil when neither side is a factor.
    mutating func factorProduct(_ l: Shape, _ r: Shape, _ a: ExpressionSyntax, _ b: ExpressionSyntax) -> Shape? {
        switch (l, r) {
        case (.factor(let f, _), .factor(let g, _)):
            guard f.count == g.count else {
                mismatch(l, r, a, b)
                return .unknown
            }
            let term = DesignMatrix.Term.interaction(f, g)
            if let problem = term.problem {
                error(problem.description, at: a.span.merged(with: b.span))
                return .unknown
            }
            return .design(f.count, term.labels, expanded: true)
        case (.factor(let f, _), _): return coefficientTimesFactor(r, f, coefficient: b, factor: a)
        case (_, .factor(let f, _)): return coefficientTimesFactor(l, f, coefficient: a, factor: b)
        default: return nil
        }
    }

    mutating func coefficientTimesFactor(
        _ c: Shape, _ f: Factor, coefficient: ExpressionSyntax, factor: ExpressionSyntax
    )
        -> Shape
    {
        if let problem = DesignMatrix.Term.factor(f).problem {
            error(problem.description, at: factor.span)
            return .unknown
        }
        let labels = f.indicatorLabels
        switch numeric(c, coefficient.span) {
        case .unknown: return .vector(f.count)
        case .scalar where labels.count == 1: return .vector(f.count)
        case .scalar:
            error(
                CheckerMessage.oneCoefficientForFactor(coefficient.span.text, factor.span.text, f.levels.count, labels),
                at: coefficient.span.merged(with: factor.span),
                help: CheckerMessage.declareCoefficients(coefficient.nameText, factor.span.text, labels.count))
        case .vector(let k) where k == nil || k == labels.count: return .vector(f.count)
        case .vector(let k) where k == f.count:
            error(
                CheckerMessage.factorTimesData, at: coefficient.span.merged(with: factor.span),
                help: CheckerMessage.indicatorProduct(coefficient.span.text, factor.span.text, f.levels.last ?? ""))
        case .vector(let k):
            error(
                CheckerMessage.coefficientsForFactor(
                    coefficient.span.text, components: k ?? 0, factor.span.text, labels),
                at: coefficient.span.merged(with: factor.span))
        default:
            error(CheckerMessage.factorTimesData, at: coefficient.span.merged(with: factor.span))
        }
        return .unknown
    }

    /// The shape `·` sees for a factor or a design: a matrix, and its column labels.
    mutating func designColumns(_ shape: Shape, _ e: ExpressionSyntax) -> (Shape, [String]?, Bool) {
        switch shape {
        case .design(let rows, let labels, let expanded): return (.matrix(rows, labels.count), labels, expanded)
        case .factor(let f, _):
            if let problem = DesignMatrix.Term.factor(f).problem {
                error(problem.description, at: e.span)
                return (.unknown, nil, false)
            }
            return (.matrix(f.count, f.indicatorLabels.count), f.indicatorLabels, true)
        case .unusableColumn:
            return (reportMissingLevel(shape, e) ? shape : .unknown, nil, false)
        default: return (shape, nil, false)
        }
    }

    /// `d[a, b, c]`: the n×3 matrix of those columns, in that order, a text column
    /// expanded into its indicator columns (`DesignMatrix`).
    mutating func tableColumns(_ table: Table, _ indices: [ExpressionSyntax]) -> ExpressionInfo {
        var names: [String] = []
        for index in indices {
            let name: String
            switch index.kind {
            case .name(let n): name = n
            case .string(let s): name = s
            default:
                error(CheckerMessage.tableIndexByName, at: index.span)
                return .unknown
            }
            guard let col = table.column(named: name) else {
                unknownColumn(name, table, at: index.span)
                return .unknown
            }
            names.append(col.name)
        }
        // A query's numeric columns without NULLs are known to be usable without reading a row
        // (the rows stay in the database, for a model to push its sums down).
        if table.query != nil, names.allSatisfy({ table.column(named: $0)?.kind == .numeric }) {
            for (name, index) in zip(names, indices) {
                if let problem = table.column(named: name)?.problem {
                    error(problem.description, at: index.span)
                    return .unknown
                }
            }
            return ExpressionInfo(shape: .design(table.rowCount, names, expanded: false))
        }
        switch table.designTerms(columns: names) {
        case .success(let terms):
            for (term, index) in zip(terms, indices) {
                if let problem = term.problem {
                    error(problem.description, at: index.span)
                    return .unknown
                }
            }
            let expanded = terms.contains { if case .numbers = $0 { return false } else { return true } }
            return ExpressionInfo(shape: .design(table.rowCount, terms.flatMap(\.labels), expanded: expanded))
        case .failure(let problem):
            let culprit = zip(names, indices).first { $0.0 == problem.column }?.1 ?? indices.first
            if let culprit { error(problem.description, at: culprit.span) }
            return .unknown
        }
    }
}
