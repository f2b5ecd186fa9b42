import Diagnostics

/// The wording of the interpreter's messages about shaped params (simplexes,
/// matrices) and params indexed by data.
extension InterpreterMessage {
    static func simplexStartSum(param name: String, row: Int?, sum: Double) -> String {
        let which = row.map { "row \($0) of its start value sums" } ?? "its start value sums"
        return
            "param '\(name)' is a simplex, so its start value must sum to 1, but \(which) to \(NumberFormat.significant(sum))"
    }
}

extension InterpreterMessage {
    static func rowOfParamOutsideCategorical(_ name: String) -> String {
        "'\(name)[…]' with one index is a row of '\(name)' (a vector per row), which only Categorical takes as its argument; give two indices for one component: '\(name)[i, j]'"
    }

    static func indexCount(param name: String, dimensions: Int, given: Int) -> String {
        "param '\(name)' has \(dimensions) dimension\(dimensions == 1 ? "" : "s"), so it takes \(dimensions) ind\(dimensions == 1 ? "ex" : "ices"), but \(given) \(given == 1 ? "is" : "are") given"
    }

    static func baselineRowFixed(_ name: String) -> String {
        "row 1 of '\(name)' is held at 0 (category 1 is the baseline of the softmax): it is not a parameter"
    }

    static func indexDependsOnParam(_ name: String) -> String {
        "an index of '\(name)' must be data (a number, or a column with a value per row), not depend on a param"
    }

    static func indexOutOfRange(_ column: String, row: Int, value: Double, param: String, extent: String, limit: Int)
        -> String
    {
        "\(column) row \(row) is \(NumberFormat.shortest(value)), but '\(param)' has \(extent): each row's index must be a whole number from 1 to \(limit)"
    }

    /// "3 components"; for a table-shaped param "3 rows" or "15 columns".
    static func extent(_ count: Int, dimension: Int, of dimensions: Int) -> String {
        let what = dimensions == 1 ? "component" : dimension == 0 ? "row" : "column"
        return "\(count) \(what)\(count == 1 ? "" : "s")"
    }

    static func indexNotData(_ name: String, found: String) -> String {
        "an index of '\(name)' must be a number or a column with a value per row, but it is \(found)"
    }

    static func indexCellEmpty(_ problem: String) -> String {
        "\(problem); an index needs a value in every row"
    }

    /// A text index whose number of levels does not match the param's dimension.
    static func levelCount(_ column: String, levels: [String], param: String, extent: Int, rows: Bool) -> String {
        let listed = levels.prefix(8).joined(separator: ", ") + (levels.count > 8 ? ", …" : "")
        let what = rows ? "rows" : "components"
        return
            "\(column) has \(levels.count) level\(levels.count == 1 ? "" : "s") (\(listed)), but '\(param)' has \(extent) \(what): the levels of a text index name the components, so there must be \(extent)"
    }

    static func unknownLevel(_ column: String, row: Int, _ text: String, param: String, levels: [String]) -> String {
        let listed = levels.prefix(8).joined(separator: ", ") + (levels.count > 8 ? ", …" : "")
        return "\(column) row \(row) is '\(text)', which is not one of the levels that name '\(param)' (\(listed))"
    }

    static func softmaxNeedsDataMatrix(_ name: String, columns: Int) -> String {
        "in softmax(\(name)·x), x must be a data matrix with \(columns) columns (one row per observation)"
    }
}

extension InterpreterMessage {
    static let curvatureInBlocks =
        "the Hessian has too many parameters to print; it was checked block by block (each group's own block is negative definite)"

    static func matrixTooLarge(_ what: String, _ model: String, parameters: Int) -> String {
        "\(what)(\(model)) would be a \(parameters)×\(parameters) matrix, too large to form: this model's covariance is kept in blocks, one per group of parameters that covary"
    }

    static let readComponentsInstead =
        "read one component's standard error with se(P[i, j]), or the estimates themselves with P[i, j]"
}

extension InterpreterMessage {
    /// Held-out rows with probability 0 under the estimates (ℓ = −∞).
    static func impossibleRows(_ what: String, _ model: String, components: [String], rows: Int?, simplex: Bool)
        -> String
    {
        guard let first = components.first, let rows else {
            return "\(what)(\(model)) is infinite: ℓ = −∞, some row has probability 0 under the current estimates"
        }
        let those = rows == 1 ? "1 row of \(model) has" : "\(rows) rows of \(model) have"
        let why = simplex ? " (no row of the data it was fitted to has that outcome)" : ""
        let smoothing =
            simplex
            ? "; a Dirichlet prior keeps every outcome possible: 'prior \(String(first.prefix { $0 != "[" })) ~ Dirichlet(2)' is add-one (Laplace) smoothing, (count + 1)/(total + V)"
            : ""
        return
            "\(what)(\(model)) is infinite: ℓ = −∞ because \(those) probability \(first), which is estimated as 0\(why)\(smoothing)"
    }
}

extension InterpreterMessage {
    static func softmaxSizes(_ a: String, _ k: Int, _ b: String, _ rows: Int) -> String {
        "in softmax(\(a) + \(b)·x), '\(a)' has \(k) components but '\(b)' has \(rows) rows: each is one per category"
    }
}
