import Checker
import Diagnostics
import Model

/// The wording of every message the Interpreter stage produces — errors, warnings,
/// their help, and the notes a fit report carries — in one place, so that they read
/// alike: what was expected, what was found, and the culprit named by its role.
///
/// Numbers come in as values and are written here, by `NumberFormat`, so a message and
/// the report around it show them the same way. Messages the checker also gives are
/// CheckerMessage's, used from here (each message exists once).
enum InterpreterMessage {
    // MARK: Script files

    /// `mle run`, `mle check` or `:load` on a path that cannot be read.
    static func cannotReadScript(_ path: String) -> String {
        "cannot read '\(path)': no such file, or it is not readable"
    }

    /// The first byte that is not part of a valid UTF-8 sequence, in hex.
    static func invalidUTF8(byte: UInt8) -> String {
        "the file is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)))"
    }

    static let saveAsUTF8 = "save the script as UTF-8"

    // MARK: Names and values

    static func noEstimateYet(param name: String) -> String {
        "param '\(name)' has no estimate yet"
    }

    static let runFitFirst = "run 'fit' first"

    static func noValueYet(_ name: String) -> String {
        "'\(name)' has no value yet"
    }

    static func expectedNumbers(found kind: String) -> String {
        "expected numbers here, but this is \(kind)"
    }

    static func expectedNumber(found kind: String) -> String {
        "expected a number, but this is \(kind)"
    }

    // MARK: Vectors, matrices and arithmetic

    static let matrixRowsMustBeVectors = "a matrix literal's rows must all be vectors"

    static func matrixRowLength(row: Int, count: Int, firstCount: Int) -> String {
        "row \(row) of the matrix has \(count) values, but row 1 has \(firstCount)"
    }

    /// Two operands of an element-wise operation, by kind (`a vector of 3`, `a 2×2 matrix`).
    static func shapesDiffer(_ left: String, _ right: String) -> String {
        "shapes do not match: \(left) and \(right)"
    }

    static let equalShapesHelp = "element-wise operations need equal shapes, or a number on one side"

    /// Two operands of an element-wise operation, by length.
    static func lengthsDiffer(_ left: Int, _ right: Int) -> String {
        "shapes do not match: \(left) values and \(right) values"
    }

    /// `u op v` gave NaN; `element` (from 1) when the operands have several.
    static func operationUndefined(_ u: Double, _ op: String, _ v: Double, element: Int?) -> String {
        "\(NumberFormat.significant(u)) \(op) \(NumberFormat.significant(v)) is undefined\(elementSuffix(element))"
    }

    static func dotShapes(_ left: String, _ right: String) -> String {
        "'·' needs a vector and a vector of the same length, or a matrix and a vector with one component per column; here it has \(left) and \(right)"
    }

    // MARK: Indexing and columns

    static func cellIndexOutOfRange(_ index: Double, cells: Int) -> String {
        "index \(NumberFormat.significant(index)) is out of range: the column has \(cells) cells"
    }

    static func indexNotWhole(_ index: Double) -> String {
        "an index is a whole number from 1 (indexing starts at 1), but it is \(NumberFormat.significant(index))"
    }

    static func elementIndexOutOfRange(_ index: Int, count: Int) -> String {
        "index \(index) is out of range: the vector has \(count) elements"
    }

    static func rowIndexOutOfRange(_ index: Int, count: Int) -> String {
        "row index \(index) is out of range: the matrix has \(count) rows"
    }

    static func columnIndexOutOfRange(_ index: Int, count: Int) -> String {
        "column index \(index) is out of range: the matrix has \(count) columns"
    }

    static let tableIndexedByNames = "a table is indexed by column names, e.g. d[x1, x2]"

    static func memberNeedsTable(found kind: String) -> String {
        "'.' picks a column of a table, but this is \(kind)"
    }

    // MARK: Built-in functions

    /// `log(-1)`: a function's result is not a number; `element` (from 1) when the argument has several.
    static func functionUndefined(_ function: String, at x: Double, element: Int?) -> String {
        "\(function)(\(NumberFormat.significant(x))) is undefined\(elementSuffix(element))"
    }

    /// The domain of an element-wise function, as help when it is left; nil if it has no limits worth saying.
    static func domainHelp(_ builtin: Builtin) -> String? {
        switch builtin {
        case .log: return "log is defined for x ≥ 0 (log 0 = -inf)"
        case .sqrt: return "sqrt is defined for x ≥ 0"
        case .log1p: return "log1p is defined for x ≥ −1"
        case .log10, .log2: return "\(builtin.rawValue) is defined for x ≥ 0"
        case .logit: return "logit is defined for 0 ≤ p ≤ 1"
        default: return nil
        }
    }

    static func needsMatrix(_ function: String, found kind: String) -> String {
        "\(function)() takes a matrix, but this is \(kind)"
    }

    static func noValues(_ function: String) -> String {
        "\(function)() of no values is undefined"
    }

    static func needsTwoValues(_ function: String) -> String {
        "\(function)() needs at least 2 values (it divides by n − 1)"
    }

    // MARK: Sampling

    static let sampleNeedsDistribution = "sample() draws from a distribution such as Normal(0, 1)"

    static let argumentLengthsDiffer = "the distribution's arguments have different lengths"

    static func argumentsVersusDraws(values: Int, draws: Int) -> String {
        "the distribution's arguments have \(values) values, but \(draws) draws were asked for"
    }

    static func sampleNeedsCount(_ family: String) -> String {
        "sample() needs a count: sample(\(family)(...), 100, seed: 1)"
    }

    /// A distribution's argument outside its domain: "Normal's σ must be > 0, but it is -1".
    static func outsideDomain(_ family: String, _ parameter: String, _ domain: Domain, _ value: Double) -> String {
        "\(family)'s \(parameter) must be \(domain), but it is \(NumberFormat.significant(value))"
    }

    // MARK: Asserts

    static func approxNeedsNumbers(_ left: String, _ right: String) -> String {
        "'≈' compares numbers, but here it has \(left) and \(right)"
    }

    /// `x > 0 is false (element 2): x = [1, -1]`: the condition's text, whether it holds,
    /// the first failing element (from 1) when there are several, and the operands' values.
    static func conditionDetail(
        _ condition: String, holds: Bool, element: Int?,
        operands: [(text: String, value: String)]
    ) -> String {
        var detail = "\(condition) is " + (holds ? "true" : "false")
        if let element { detail += " (element \(element))" }
        if !operands.isEmpty { detail += ": " + operands.map { "\($0.text) = \($0.value)" }.joined(separator: ", ") }
        return detail
    }

    static func approxHolds(_ left: String, _ right: String) -> String {
        "\(left) ≈ \(right)"
    }

    /// The first pair that is not close enough; `element` (from 1) when there are several.
    static func approxFails(
        _ left: String, _ right: String, element: Int?, _ u: Double, _ v: Double,
        difference: Double, allowed: Double
    ) -> String {
        let at = element.map { " at element \($0)" } ?? ""
        return "\(left) ≈ \(right)\(at): \(NumberFormat.shortest(u)) vs \(NumberFormat.shortest(v)), "
            + "difference \(NumberFormat.significant(difference, digits: 3)) > allowed \(NumberFormat.significant(allowed, digits: 3))"
    }

    static func assertionFailed(_ detail: String) -> String {
        "assertion failed: \(detail)"
    }

    // MARK: Models

    static let modelledDataEmpty = "the modelled data has no rows"

    /// "Poisson data must be whole numbers ≥ 0, but 'y' has 2.5 at row 3".
    static func outsideSupport(_ family: String, _ support: Support, data: String, value: Double, row: Int) -> String {
        "\(family) data must be \(support), but '\(data)' has \(NumberFormat.significant(value)) at row \(row)"
    }

    static let outsideSupportHelp = "check the data, or choose a distribution whose support covers it"

    static func badIndicator(_ data: String, value: Double, row: Int) -> String {
        "a censoring indicator must be 0 (observed) or 1 (censored), but '\(data)' has \(NumberFormat.significant(value)) at row \(row)"
    }

    static let badIndicatorHelp =
        "a censored row counts once, through the probability beyond its value; it is not a weight"

    static func negativeWeight(_ data: String, value: Double, row: Int) -> String {
        "weights must be finite and ≥ 0, but '\(data)' has \(NumberFormat.significant(value)) at row \(row)"
    }

    static func argumentOutsideDomain(
        _ family: String, _ parameter: String, _ domain: Domain, data: String, value: Double, row: Int?
    ) -> String {
        let found = NumberFormat.significant(value)
        guard let row else { return "\(family)'s \(parameter) must be \(domain), but it is \(found)" }
        return "\(family)'s \(parameter) must be \(domain), but '\(data)' has \(found) at row \(row)"
    }

    static func outsideTruncation(_ data: String, value: Double, row: Int) -> String {
        "'\(data)' has \(NumberFormat.significant(value)) at row \(row), outside the truncation bounds"
    }

    static let truncatedHere = "the distribution is truncated here"

    static func probabilityOutside(_ p: Double) -> String {
        "quantile() takes a probability from 0 to 1, but this is \(NumberFormat.significant(p))"
    }

    // MARK: Params

    static func startValueCount(param name: String, size: Int) -> String {
        "param '\(name)' needs \(size) start value\(size == 1 ? "" : "s")"
    }

    static func startOutsideConstraint(param name: String, start: Double) -> String {
        "param '\(name)' must be inside its constraint, but its start value is \(NumberFormat.significant(start))"
    }

    /// loglik(...) at a point without a value for one of the model's params.
    static func valueNeeded(param name: String) -> String {
        "a value for param '\(name)' is needed"
    }

    /// The shape a point's value for a param must have: `length` nil for a scalar.
    static func pointShape(param name: String, length: Int?) -> String {
        "param '\(name)' needs \(length.map { "a vector of \($0)" } ?? "a number")"
    }

    /// A named argument at a point that names no param of the model.
    static func notAParamOfTheModel(_ name: String) -> String {
        "'\(name)' is not a param of the model"
    }

    static func needsPoint(_ function: String) -> String {
        "\(function)() needs a point, e.g. \(function)(p: 0.5), or a fit first"
    }

    // MARK: Model formulas

    /// A name the lowering met that is not one of the model's params.
    static func notAParamOfThisModel(_ name: String) -> String {
        "'\(name)' is not a param of this model"
    }

    static func vectorParamUse(_ name: String) -> String {
        "vector param '\(name)' must be used as \(name)·x (with a data matrix x) or as \(name)[i]"
    }

    static let notUsableInModel = "this cannot be used in a model"

    /// An operator or a function a formula cannot hold.
    static func notUsableInFormula(_ symbol: String) -> String {
        "'\(symbol)' cannot be used inside a model's formula"
    }

    static func functionOfParams(_ function: String) -> String {
        "\(function)() of params cannot be used inside a model's formula"
    }

    static let onlyVectorParamIndexed = "only a vector param can be indexed inside a model's formula"

    static func paramIndexOutOfRange(param name: String, components: Int) -> String {
        "index out of range: param '\(name)' has \(components) components"
    }

    static let dotInModel = "'·' in a model needs a vector param on one side and data on the other, e.g. w·x"

    static func matrixColumns(param name: String, components: Int, columns: Int) -> String {
        "param '\(name)' has \(components) components, but the matrix has \(columns) columns"
    }

    static func matrixRows(_ rows: Int, modelled: Int) -> String {
        "the matrix has \(rows) rows, but the modelled data has \(modelled)"
    }

    static func dotNeedsDataMatrix(param name: String, columns: Int, found kind: String) -> String {
        "'\(name)·…' needs a data matrix with \(columns) columns, but this is \(kind)"
    }

    static func dataLength(_ name: String, values: Int, rows: Int) -> String {
        "'\(name)' has \(values) values, but the modelled data has \(rows) rows"
    }

    static let columnNotNumbers = "this column cannot be used as numbers"

    static let matrixInModel = "a data matrix can be used in a model only as w·x, with w a vector param"

    static func valueNotUsableInModel(_ kind: String) -> String {
        "\(kind) cannot be used inside a model"
    }

    // MARK: Bugs in mle (shown after "internal error: ")

    /// A bug: something the checker rules out reached the interpreter.
    static func unchecked(_ what: String) -> String { "\(what) reached the interpreter unchecked" }

    /// A bug: a model the checker accepted is missing.
    static func modelNotDefined(_ name: String) -> String { "model '\(name)' is not defined" }

    // MARK: Fits by model name

    static func modelNotFitted(_ model: String) -> String {
        "model '\(model)' has not been fitted yet"
    }

    static func hessianTooLarge(_ k: Int) -> String {
        "this model has \(k) parameters: its \(k)×\(k) Hessian is too large to form (at most 4000 parameters)"
    }

    static let seOnlyAfterFit = "se() has a value only after 'fit'"

    /// A slot with no standard error, and why when known (it is on the boundary).
    static func noStandardError(_ name: String, reason: String?) -> String {
        "\(name) has no standard error" + (reason.map { ": \($0)" } ?? "")
    }

    static let seNeedsParamFormula = "se() takes a formula in params (and numbers), not per-row data"

    static let noCovariance = "there is no covariance for this fit"

    // MARK: Helpers

    private static func elementSuffix(_ element: Int?) -> String {
        element.map { " (element \($0))" } ?? ""
    }
}
