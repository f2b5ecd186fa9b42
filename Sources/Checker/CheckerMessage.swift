import Model

/// The wording of every message the Checker stage produces, in one place, so
/// that they read alike: what was expected, what was found, and the culprit
/// named by its role ("param 'σ' must be > 0, but its start value is −1").
///
/// Shapes and kinds come in as values and are shown by their descriptions
/// ("a vector of 3", "a param"); numbers are shown as `number(_:)` writes them.
enum CheckerMessage {
    // MARK: Names

    static func alreadyDefined(_ name: String, as kind: String) -> String {
        "'\(name)' is already defined (as \(kind))"
    }

    static func firstDefinedHere(_ name: String) -> String {
        "'\(name)' was first defined here"
    }

    static let chooseAnotherName = "choose another name"

    static func builtinRedefined(_ name: String) -> String {
        "'\(name)' is the name of a built-in function and cannot be redefined"
    }

    static func anotherName(like name: String) -> String {
        "choose another name, such as '\(name)_'"
    }

    static func undefinedName(_ name: String) -> String {
        "undefined name '\(name)'"
    }

    /// The help for a misspelling, given the closest known name.
    static func didYouMean(_ name: String) -> String {
        "did you mean '\(name)'?"
    }

    static func modelIsNotAValue(_ name: String) -> String {
        "'\(name)' is a model, not a value"
    }

    static func fitIt(_ name: String) -> String {
        "to fit it, write 'fit \(name)'"
    }

    /// `loglik`, `aic`, `bic` or `n` before any `fit`.
    static func onlyAfterFit(_ name: String) -> String {
        "'\(name)' has a value only after 'fit'"
    }

    static let addFitFirst = "add a 'fit' statement before this line"

    static func functionWithoutCall(_ name: String) -> String {
        "'\(name)' is a function; call it with arguments, e.g. \(name)(x)"
    }

    // MARK: Statements

    static func letIsDistribution(_ name: String, family: String) -> String {
        "'\(name)' would be a \(family) distribution; distributions are used in 'model', 'prior' and sample(...)"
    }

    static func dataDependsOnParam(_ name: String, param: String) -> String {
        "data '\(name)' cannot depend on param '\(param)'"
    }

    static func useLetForFormula(_ name: String) -> String {
        "data is fixed before fitting; use 'let \(name) = ...' for a formula in params"
    }

    static func dataIsDistribution(_ name: String, family: String) -> String {
        "data '\(name)' is a \(family) distribution, not data"
    }

    static func drawWithSample(_ family: String) -> String {
        "to draw from it, write sample(\(family)(...), n, seed: 1)"
    }

    static func priorOnNonParam(_ name: String, kind: String) -> String {
        "a prior is put on a param, but '\(name)' is \(kind)"
    }

    static let noModelToFit = "there is no model to fit"

    static let stateAModel = "state one first, e.g. 'model y ~ Normal(μ, σ)'"

    static func noModelNamed(_ name: String) -> String {
        "there is no model named '\(name)'"
    }

    static func notAModel(_ name: String, kind: String) -> String {
        "'\(name)' is \(kind), not a model"
    }

    static func cannotShow(_ target: String) -> String {
        "cannot show '\(target)'"
    }

    static func showTargets(_ targets: [String]) -> String {
        "you can show \(targets.joined(separator: ", "))"
    }

    static let assertNeedsCondition = "an assert needs a condition, such as 'x ≈ 3' or 'x > 0'"

    static let withinNeedsApprox = "'within' goes with '≈': write 'assert a ≈ b within t'"

    static func negativeTolerance(_ value: Double) -> String {
        "a tolerance must be ≥ 0, but it is \(number(value))"
    }

    // MARK: Params

    static func badVectorLength(_ value: Double) -> String {
        "a vector param's length must be a whole number ≥ 1, but it is \(number(value))"
    }

    static func boundsOutOfOrder(lower: Double, upper: Double) -> String {
        "the interval's lower bound \(number(lower)) must be below its upper bound \(number(upper))"
    }

    static func startLength(_ name: String, components: Int, given: Int) -> String {
        "param '\(name)' has \(components) components, but its start value has \(given)"
    }

    static func startNotANumber(_ name: String, shape: Shape) -> String {
        "param '\(name)' needs a number as its start value, but it is \(shape)"
    }

    static func startBelowBound(_ name: String, bound: Double, start: Double) -> String {
        "param '\(name)' must be > \(number(bound)), but its start value is \(number(start))"
    }

    static func startAboveBound(_ name: String, bound: Double, start: Double) -> String {
        "param '\(name)' must be < \(number(bound)), but its start value is \(number(start))"
    }

    // MARK: Fitting methods

    static func unknownMethod(_ name: String) -> String {
        "unknown fitting method '\(name)'"
    }

    static let knownMethods = "the methods are closed, newton and gradient(lr: …, steps: …)"

    static func unnamedOption(_ method: String) -> String {
        "options of '\(method)' are named, e.g. lr: 0.01"
    }

    static func unknownOption(_ option: String, of method: String) -> String {
        "'\(method)' has no option '\(option)'"
    }

    static func takesNoOptions(_ method: String) -> String {
        "'\(method)' takes no options"
    }

    static func itsOptions(_ options: [String]) -> String {
        "its options are \(options.joined(separator: ", "))"
    }

    static func gradientNeeds(_ option: String) -> String {
        "gradient ascent needs '\(option):'"
    }

    static let gradientExample = "write: fit using gradient(lr: 0.01, steps: 500)"

    // MARK: Models and distributions

    static func nameTakenForModel(_ name: String, kind: String) -> String {
        "'\(name)' is \(kind), so it cannot also name a model"
    }

    static func paramOnLeftOfTilde(_ param: String) -> String {
        "the left of '~' must be data, but '\(param)' is a param"
    }

    static func givePrior(_ param: String) -> String {
        "to give a param a prior, write 'prior \(param) ~ ...'"
    }

    static func modelledDataNotVector(_ shape: Shape) -> String {
        "the modelled data must be a vector (one value per row), but it is \(shape)"
    }

    static func unknownDistribution(_ name: String) -> String {
        "unknown distribution '\(name)'"
    }

    static func knownDistributions(_ names: [String]) -> String {
        "the distributions are \(names.joined(separator: ", "))"
    }

    static let positionalDistributionArguments = "a distribution's arguments are positional"

    static func writeDistribution(_ family: String, parameters: [String]) -> String {
        "write \(family)(\(parameters.joined(separator: ", ")))"
    }

    static func distributionArity(_ family: String, parameters: [String], given: Int) -> String {
        let want = parameters.count
        return "\(family) takes \(want) \(plural(want, "argument")) (\(parameters.joined(separator: ", "))), "
            + "but \(given) \(wasOrWere(given)) given"
    }

    static func rowCount(_ role: String, values: Int, rows: Int) -> String {
        "\(role) has \(values) values, but the modelled data has \(rows) rows"
    }

    static func notPerRow(_ role: String, shape: Shape) -> String {
        "\(role) must be a number or a vector with one value per row, but it is \(shape)"
    }

    /// A warning: a bare param where the distribution needs a domain its constraint does not ensure.
    static func unconstrainedParam(_ name: String, family: String, parameter: String, domain: Domain) -> String {
        "param '\(name)' is used as \(family)'s \(parameter), which must be \(domain), "
            + "but it is declared without that constraint"
    }

    /// The declaration that ensures `domain`: "> 0" for a positive one, else "in (0, 1)".
    static func declareConstrained(_ name: String, domain: Domain) -> String {
        let constraint = domain == .positive ? "> 0" : "in (0, 1)"
        return "declare it as 'param \(name) \(constraint)'"
    }

    static func usedAsHere(family: String, parameter: String) -> String {
        "used as \(family)'s \(parameter) here"
    }

    // MARK: Calls

    static func notAFunction(_ name: String, kind: String) -> String {
        "'\(name)' is \(kind), not a function"
    }

    static let multiplyBeforeParenthesis = "to multiply, write '*' before '('"

    static func unknownFunction(_ name: String) -> String {
        "unknown function '\(name)'"
    }

    static func noNamedArguments(_ function: String) -> String {
        "\(function)() takes no named arguments"
    }

    /// The argument count of a built-in function; an upper bound of `Int.max` means "at least".
    static func arity(_ function: String, range: ClosedRange<Int>, given: Int) -> String {
        let want: String
        if range.lowerBound == range.upperBound {
            want = "\(range.lowerBound)"
        } else if range.upperBound == Int.max {
            want = "at least \(range.lowerBound)"
        } else {
            want = "\(range.lowerBound) to \(range.upperBound)"
        }
        return "\(function)() takes \(want) \(plural(range.upperBound, "argument")), "
            + "but \(given) \(wasOrWere(given)) given"
    }

    static func lengthOfNonVector(_ shape: Shape) -> String {
        "length() takes a vector, but this is \(shape)"
    }

    static let useNrowOrNcol = "for a matrix use nrow() or ncol()"

    static func dimensionOfNonMatrix(_ function: String, shape: Shape) -> String {
        "\(function)() takes a matrix or a table, but this is \(shape)"
    }

    static let csvNeedsPath = "csv() takes the file's path as a string, e.g. csv(\"data/cars.csv\")"

    static let sampleArguments = "sample() takes a distribution and a count: sample(Normal(0, 1), 100, seed: 1)"

    static func sampleOfNonDistribution(_ shape: Shape) -> String {
        "sample() draws from a distribution such as Normal(0, 1), but this is \(shape)"
    }

    static func badSampleSize(_ value: Double) -> String {
        "a sample size is a whole number ≥ 0, but it is \(number(value))"
    }

    static func sampleOption(_ option: String) -> String {
        "sample() has no option '\(option)'"
    }

    static let sampleOptions = "its option is seed:"

    static let seArguments = "se() takes one param (or a formula in params), e.g. se(p)"

    static let seWithoutParams = "se() needs a param or a formula in params; this does not depend on any"

    static let seBeforeFit = "se() has a value only after 'fit'"

    static func seOfNonVector(_ shape: Shape) -> String {
        "se() takes a number or a vector, but this is \(shape)"
    }

    // MARK: Evaluating at a point

    /// `loglik()`, `score()` or `hessian()` with no point and no fit; `example` is
    /// a param of the model to show, else "p".
    static func needsAPoint(_ function: String, example: String?) -> String {
        "\(function)() needs a point, e.g. \(function)(\(example ?? "p"): 0.5), or a 'fit' before it"
    }

    static let noModelToEvaluate = "there is no model to evaluate"

    static func pointByName(_ function: String, example: String?) -> String {
        "give the point by name, e.g. \(function)(\(example ?? "p"): 0.5)"
    }

    static func notAParamOfModel(_ name: String) -> String {
        "'\(name)' is not a param of the model"
    }

    static func givenTwice(_ name: String) -> String {
        "'\(name)' is given twice"
    }

    static func missingPointValues(_ function: String, params: [String]) -> String {
        let list = params.map { "'\($0)'" }.joined(separator: ", ")
        return "\(function)() needs a value for \(plural(params.count, "param")) \(list)"
    }

    static func pointLength(_ name: String, components: Int, given: Int) -> String {
        "param '\(name)' has \(components) components, but \(given) were given"
    }

    static func pointNotANumber(_ name: String, shape: Shape) -> String {
        "param '\(name)' is a number, but this is \(shape)"
    }

    static func pointNotAVector(_ name: String) -> String {
        "param '\(name)' is a vector; give it as [a, b, ...]"
    }

    // MARK: Vector and matrix literals

    static func rowLength(row: Int, values: Int, firstRow: Int) -> String {
        "row \(row) of the matrix has \(values) \(plural(values, "value")), but row 1 has \(firstRow)"
    }

    static let nestedTooDeep = "a literal can be a vector [1, 2] or a matrix [[1, 2], [3, 4]], but not nested deeper"

    static func nonNumericElement(_ position: Int, shape: Shape) -> String {
        "a vector holds numbers, but element \(position) is \(shape)"
    }

    static let mixedLiteral = "a literal mixes numbers and vectors; a matrix is written [[1, 2], [3, 4]]"

    // MARK: Arithmetic and shapes

    static let tableInArithmetic = "a table cannot be used in arithmetic"

    static let useAColumn = "use one of its columns, e.g. d.x, or d[a, b] for a matrix"

    static let stringInArithmetic = "a string cannot be used in arithmetic"

    static func distributionInArithmetic(_ family: String) -> String {
        "a \(family) distribution cannot be used in arithmetic"
    }

    static let useSample = "to draw from it, use sample(...)"

    static let intervalInArithmetic = "an interval (a ± b) cannot be used in arithmetic"

    static func shapeMismatch(_ left: Shape, _ right: Shape) -> String {
        "shapes do not match: \(left) and \(right)"
    }

    static let equalShapes = "element-wise operations need equal shapes, or a number on one side"

    /// The note under each operand of a mismatch.
    static func thisIs(_ shape: Shape) -> String {
        "this is \(shape)"
    }

    static func dotLength(components: Int, columns: Int) -> String {
        "'·' needs as many components as columns: one side has \(components), the other \(columns) columns"
    }

    static func dotOperands(_ left: Shape, _ right: Shape) -> String {
        "'·' takes a vector and a vector, or a data matrix and a vector, but here it has \(left) and \(right)"
    }

    /// Something other than data where only data may go; `role` names the place ("a start value").
    static func dependsOnParam(_ role: String, param: String) -> String {
        "\(role) cannot depend on param '\(param)'"
    }

    static func notANumber(_ role: String, shape: Shape) -> String {
        "\(role) must be a number, but it is \(shape)"
    }

    // MARK: Tables and indexing

    static func memberOfNonTable(_ shape: Shape) -> String {
        "'.' picks a column of a table, but this is \(shape)"
    }

    static func noColumn(_ name: String, in table: String) -> String {
        "\(table) has no column '\(name)'"
    }

    static func itsColumns(_ names: [String]) -> String {
        "its columns are \(names.joined(separator: ", "))"
    }

    static func badIndex(_ value: Double) -> String {
        "an index is a whole number from 1 (indexing starts at 1), but it is \(number(value))"
    }

    /// `extent` says how far the index may go: `vectorExtent`, `rowExtent`, `columnExtent`.
    static func indexOutOfRange(_ value: Double, extent: String) -> String {
        "index \(number(value)) is out of range: \(extent)"
    }

    static func vectorExtent(_ n: Int) -> String { "the vector has \(n) elements" }

    static func rowExtent(_ n: Int) -> String { "the matrix has \(n) rows" }

    static func columnExtent(_ n: Int) -> String { "the matrix has \(n) columns" }

    static func cannotIndex(_ shape: Shape, count: Int) -> String {
        "cannot index \(shape) with \(count) index\(count == 1 ? "" : "es")"
    }

    static let tableIndexByName = "a table is indexed by column names, e.g. d[x1, x2]"

    // MARK: Roles

    /// How a message names the place a value stands in ("a start value must be a number, …").
    enum Role {
        static let vectorLength = "a vector param's length"
        static let startValue = "a start value"
        static let constraintBound = "a constraint's bound"
        static let priorArgument = "a prior's argument"
        static let option = "an option"
        static let weight = "a weight"
        static let censoring = "a censoring indicator"
        static let tolerance = "a tolerance"
        static let sampledDistribution = "a sampled distribution"
        static let sampleSize = "a sample size"
        static let seed = "a seed"
        static let pointCoordinate = "a point's coordinate"
        static let logsumexpArgument = "each argument of logsumexp"
        static let plusMinusCentre = "the centre of '±'"
        static let plusMinusHalfWidth = "the half-width of '±'"
        static let index = "an index"

        /// A named option's value: `'lr'`.
        static func namedOption(_ label: String) -> String { "'\(label)'" }

        /// A distribution's parameter: "Normal's σ".
        static func parameter(_ name: String, of family: String) -> String { "\(family)'s \(name)" }

        /// A distribution argument past its parameters, counted from 1.
        static func argument(_ position: Int) -> String { "argument \(position)" }
    }

    // MARK: Helpers

    /// A number as messages show it: whole numbers without a decimal point.
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    private static func plural(_ n: Int, _ word: String) -> String {
        n == 1 ? word : word + "s"
    }

    private static func wasOrWere(_ n: Int) -> String {
        n == 1 ? "was" : "were"
    }
}
