import Diagnostics
import Fitting
import Model

/// The wording of every message the Checker stage produces, in one place, so
/// that they read alike: what was expected, what was found, and the culprit
/// named by its role ("param 'σ' must be > 0, but its start value is −1").
///
/// Shapes and kinds come in as values and are shown by their descriptions
/// ("a vector of 3", "a param"); numbers are shown as `number(_:)` writes them.
public enum CheckerMessage {
    // MARK: Names

    public static func alreadyDefined(_ name: String, as kind: String) -> String {
        "'\(name)' is already defined (as \(kind))"
    }

    public static func firstDefinedHere(_ name: String) -> String {
        "'\(name)' was first defined here"
    }

    public static let chooseAnotherName = "choose another name"

    public static func builtinRedefined(_ name: String) -> String {
        "'\(name)' is the name of a built-in function and cannot be redefined"
    }

    public static func anotherName(like name: String) -> String {
        "choose another name, such as '\(name)_'"
    }

    public static func undefinedName(_ name: String) -> String {
        "undefined name '\(name)'"
    }

    /// The help for a misspelling, given the closest known name.
    public static func didYouMean(_ name: String) -> String {
        "did you mean '\(name)'?"
    }

    public static func modelIsNotAValue(_ name: String) -> String {
        "'\(name)' is a model, not a value"
    }

    public static func fitIt(_ name: String) -> String {
        "to fit it, write 'fit \(name)'"
    }

    /// `loglik`, `aic`, `bic` or `n` before any `fit`.
    public static func onlyAfterFit(_ name: String) -> String {
        "'\(name)' has a value only after 'fit'"
    }

    public static let addFitFirst = "add a 'fit' statement before this line"

    public static func functionWithoutCall(_ name: String) -> String {
        "'\(name)' is a function; call it with arguments, e.g. \(name)(x)"
    }

    // MARK: Statements

    public static func letIsDistribution(_ name: String, family: String) -> String {
        "'\(name)' would be a \(family) distribution; distributions are used in 'model', 'prior' and sample(...)"
    }

    public static func dataDependsOnParam(_ name: String, param: String) -> String {
        "data '\(name)' cannot depend on param '\(param)'"
    }

    public static func useLetForFormula(_ name: String) -> String {
        "data is fixed before fitting; use 'let \(name) = ...' for a formula in params"
    }

    public static func dataIsDistribution(_ name: String, family: String) -> String {
        "data '\(name)' is a \(family) distribution, not data"
    }

    public static func drawWithSample(_ family: String) -> String {
        "to draw from it, write sample(\(family)(...), n, seed: 1)"
    }

    public static func priorOnNonParam(_ name: String, kind: String) -> String {
        "a prior is put on a param, but '\(name)' is \(kind)"
    }

    public static let noModelToFit = "there is no model to fit"

    // MARK: Fits by model name

    public static func needsModelArgument(_ function: String) -> String {
        "\(function)() takes a model's name: \(function)(m1)"
    }

    /// `m1.b1` or `vcov(m1)` before `fit m1`.
    public static func modelNotFitted(_ model: String, _ what: String) -> String {
        "model '\(model)' has not been fitted, so \(what) has no value yet"
    }

    public static func fitModelFirst(_ model: String) -> String { "add 'fit \(model)' before this line" }

    public static func notAFitResult(_ member: String, of model: String) -> String {
        "'\(member)' is not a param of model '\(model)' nor one of loglik, aic, bic, n"
    }

    public static func fitResults(_ params: [String]) -> String {
        "a fit's values are its params (\(params.joined(separator: ", "))) and loglik, aic, bic, n"
    }

    /// A note: a `model` line with the same data on the left of `~` as an earlier line of the model.
    public static func modelReplaced(_ model: String, earlier: String) -> String {
        let name = model.isEmpty ? "the unnamed model" : "model '\(model)'"
        return "\(name) is re-declared: this line replaces its earlier definition (\(earlier)), it does not add to it"
    }
    public static let noModelYet = "there is no model yet"

    public static let stateAModel = "state one first, e.g. 'model y ~ Normal(μ, σ)'"

    public static func noModelNamed(_ name: String) -> String {
        "there is no model named '\(name)'"
    }

    public static func notAModel(_ name: String, kind: String) -> String {
        "'\(name)' is \(kind), not a model"
    }

    public static func cannotShow(_ target: String) -> String {
        "cannot show '\(target)'"
    }

    public static func showTargets(_ targets: [String]) -> String {
        "you can show \(targets.joined(separator: ", "))"
    }

    public static let assertNeedsCondition = "an assert needs a condition, such as 'x ≈ 3' or 'x > 0'"

    public static let withinNeedsApprox = "'within' goes with '≈': write 'assert a ≈ b within t'"

    public static func negativeTolerance(_ value: Double) -> String {
        "a tolerance must be ≥ 0, but it is \(number(value))"
    }

    // MARK: Params

    public static func badVectorLength(_ value: Double) -> String {
        "a vector param's length must be a whole number ≥ 1, but it is \(number(value))"
    }

    public static func boundsOutOfOrder(lower: Double, upper: Double) -> String {
        "the interval's lower bound \(number(lower)) must be below its upper bound \(number(upper))"
    }

    public static func startLength(_ name: String, components: Int, given: Int) -> String {
        "param '\(name)' has \(components) components, but its start value has \(given)"
    }

    public static func startNotANumber(_ name: String, shape: Shape) -> String {
        "param '\(name)' needs a number as its start value, but it is \(shape)"
    }

    public static func startBelowBound(_ name: String, bound: Double, start: Double) -> String {
        "param '\(name)' must be > \(number(bound)), but its start value is \(number(start))"
    }

    public static func startAboveBound(_ name: String, bound: Double, start: Double) -> String {
        "param '\(name)' must be < \(number(bound)), but its start value is \(number(start))"
    }

    // MARK: Fitting methods

    public static func unknownMethod(_ name: String) -> String {
        "unknown fitting method '\(name)'"
    }

    public static var knownMethods: String {
        let methods = FitMethodKind.allCases.map { kind in
            kind.options.isEmpty
                ? kind.rawValue
                : kind.rawValue + "(" + kind.options.map { "\($0.name): …" }.joined(separator: ", ") + ")"
        }
        return "the methods are " + methods.dropLast().joined(separator: ", ") + " and " + (methods.last ?? "")
    }

    public static func unnamedOption(_ method: String) -> String {
        "options of '\(method)' are named, e.g. lr: 0.01"
    }

    public static func unknownOption(_ option: String, of method: String) -> String {
        "'\(method)' has no option '\(option)'"
    }

    public static func takesNoOptions(_ method: String) -> String {
        "'\(method)' takes no options"
    }

    public static func itsOptions(_ options: [String]) -> String {
        "its options are \(options.joined(separator: ", "))"
    }

    public static func methodNeeds(_ option: String, of method: String) -> String {
        method == "gradient" ? "gradient ascent needs '\(option):'" : "'\(method)' needs '\(option):'"
    }

    /// An example of the method with its required options.
    public static func methodExample(_ kind: FitMethodKind) -> String {
        let examples = ["lr": "0.01", "steps": "500"]
        let options = kind.options.filter(\.required).map { "\($0.name): \(examples[$0.name] ?? "…")" }
        return "write: fit using \(kind.rawValue)(\(options.joined(separator: ", ")))"
    }

    // MARK: Models and distributions

    public static func nameTakenForModel(_ name: String, kind: String) -> String {
        "'\(name)' is \(kind), so it cannot also name a model"
    }

    public static func paramOnLeftOfTilde(_ param: String) -> String {
        "the left of '~' must be data, but '\(param)' is a param"
    }

    public static func givePrior(_ param: String) -> String {
        "to give a param a prior, write 'prior \(param) ~ ...'"
    }

    public static func modelledDataNotVector(_ shape: any CustomStringConvertible) -> String {
        "the modelled data must be a vector (one value per row), but it is \(shape)"
    }

    public static func unknownDistribution(_ name: String) -> String {
        "unknown distribution '\(name)'"
    }

    public static func knownDistributions(_ names: [String]) -> String {
        "the distributions are \(names.joined(separator: ", "))"
    }

    public static let positionalDistributionArguments = "a distribution's arguments are positional"

    public static func writeDistribution(_ family: String, parameters: [String]) -> String {
        "write \(family)(\(parameters.joined(separator: ", ")))"
    }

    public static func distributionArity(_ family: String, parameters: [String], given: Int) -> String {
        let want = parameters.count
        return "\(family) takes \(want) \(plural(want, "argument")) (\(parameters.joined(separator: ", "))), "
            + "but \(given) \(wasOrWere(given)) given"
    }

    public static func rowCount(_ role: String, values: Int, rows: Int) -> String {
        "\(role) has \(values) values, but the modelled data has \(rows) rows"
    }

    public static func notPerRow(_ role: String, shape: Shape) -> String {
        "\(role) must be a number or a vector with one value per row, but it is \(shape)"
    }

    /// A warning: a bare param where the distribution needs a domain its constraint does not ensure.
    public static func unconstrainedParam(_ name: String, family: String, parameter: String, domain: Domain) -> String {
        "param '\(name)' is used as \(family)'s \(parameter), which must be \(domain), "
            + "but it is declared without that constraint"
    }

    /// The declaration that ensures `domain`: "> 0" for a positive one, else "in (0, 1)".
    public static func declareConstrained(_ name: String, domain: Domain) -> String {
        let constraint = domain == .positive ? "> 0" : "in (0, 1)"
        return "declare it as 'param \(name) \(constraint)'"
    }

    public static func usedAsHere(family: String, parameter: String) -> String {
        "used as \(family)'s \(parameter) here"
    }

    // MARK: Calls

    public static func notAFunction(_ name: String, kind: String) -> String {
        "'\(name)' is \(kind), not a function"
    }

    public static let multiplyBeforeParenthesis = "to multiply, write '*' before '('"

    public static func unknownFunction(_ name: String) -> String {
        "unknown function '\(name)'"
    }

    public static func noNamedArguments(_ function: String) -> String {
        "\(function)() takes no named arguments"
    }

    /// The argument count of a built-in function; an upper bound of `Int.max` means "at least".
    public static func arity(_ function: String, range: ClosedRange<Int>, given: Int) -> String {
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

    public static func lengthOfNonVector(_ shape: Shape) -> String {
        "length() takes a vector, but this is \(shape)"
    }

    public static let useNrowOrNcol = "for a matrix use nrow() or ncol()"

    public static func dimensionOfNonMatrix(_ function: String, shape: Shape) -> String {
        "\(function)() takes a matrix or a table, but this is \(shape)"
    }

    public static let csvNeedsPath = "csv() takes the file's path as a string, e.g. csv(\"data/cars.csv\")"

    public static let sqlNeedsArguments =
        "sql() takes a database and a query, both as strings: sql(\"sqlite:data/cars.db\", \"SELECT * FROM cars\")"

    public static let sqlUnavailable = "sql() tables cannot be opened here"

    public static let sampleArguments = "sample() takes a distribution and a count: sample(Normal(0, 1), 100, seed: 1)"

    public static func sampleOfNonDistribution(_ shape: Shape) -> String {
        "sample() draws from a distribution such as Normal(0, 1), but this is \(shape)"
    }

    public static func badSampleSize(_ value: Double) -> String {
        "a sample size is a whole number ≥ 0, but it is \(number(value))"
    }

    public static func sampleOption(_ option: String) -> String {
        "sample() has no option '\(option)'"
    }

    public static let sampleOptions = "its option is seed:"

    public static func badSeed(_ value: Double) -> String {
        "a seed is a whole number ≥ 0, but it is \(number(value))"
    }

    public static let seArguments = "se() takes one param (or a formula in params), e.g. se(p)"

    public static let seWithoutParams = "se() needs a param or a formula in params; this does not depend on any"

    public static let seBeforeFit = "se() has a value only after 'fit'"

    public static func seOfNonVector(_ shape: Shape) -> String {
        "se() takes a number or a vector, but this is \(shape)"
    }

    // MARK: Evaluating at a point

    /// `loglik()`, `score()` or `hessian()` with no point and no fit; `example` is
    /// a param of the model to show, else "p".
    public static func needsAPoint(_ function: String, example: String?) -> String {
        "\(function)() needs a point, e.g. \(function)(\(example ?? "p"): 0.5), or a 'fit' before it"
    }

    public static let noModelToEvaluate = "there is no model to evaluate"

    public static func pointByName(_ function: String, example: String?) -> String {
        "give the point by name, e.g. \(function)(\(example ?? "p"): 0.5)"
    }

    public static func notAParamOfModel(_ name: String) -> String {
        "'\(name)' is not a param of the model"
    }

    public static func givenTwice(_ name: String) -> String {
        "'\(name)' is given twice"
    }

    public static func missingPointValues(_ function: String, params: [String]) -> String {
        let list = params.map { "'\($0)'" }.joined(separator: ", ")
        return "\(function)() needs a value for \(plural(params.count, "param")) \(list)"
    }

    public static func pointLength(_ name: String, components: Int, given: Int) -> String {
        "param '\(name)' has \(components) components, but \(given) were given"
    }

    public static func pointNotANumber(_ name: String, shape: Shape) -> String {
        "param '\(name)' is a number, but this is \(shape)"
    }

    public static func pointNotAVector(_ name: String) -> String {
        "param '\(name)' is a vector; give it as [a, b, ...]"
    }

    // MARK: Vector and matrix literals

    public static func rowLength(row: Int, values: Int, firstRow: Int) -> String {
        "row \(row) of the matrix has \(values) \(plural(values, "value")), but row 1 has \(firstRow)"
    }

    public static let nestedTooDeep =
        "a literal can be a vector [1, 2] or a matrix [[1, 2], [3, 4]], but not nested deeper"

    public static func nonNumericElement(_ position: Int, shape: Shape) -> String {
        "a vector holds numbers, but element \(position) is \(shape)"
    }

    public static let mixedLiteral = "a literal mixes numbers and vectors; a matrix is written [[1, 2], [3, 4]]"

    // MARK: Arithmetic and shapes

    public static let tableInArithmetic = "a table cannot be used in arithmetic"

    public static let useAColumn = "use one of its columns, e.g. d.x, or d[a, b] for a matrix"

    public static let stringInArithmetic = "a string cannot be used in arithmetic"

    public static func distributionInArithmetic(_ family: String) -> String {
        "a \(family) distribution cannot be used in arithmetic"
    }

    public static let useSample = "to draw from it, use sample(...)"

    public static let intervalInArithmetic = "an interval (a ± b) cannot be used in arithmetic"

    public static func shapeMismatch(_ left: Shape, _ right: Shape) -> String {
        "shapes do not match: \(left) and \(right)"
    }

    public static let equalShapes = "element-wise operations need equal shapes, or a number on one side"

    /// The note under each operand of a mismatch.
    public static func thisIs(_ shape: Shape) -> String {
        "this is \(shape)"
    }

    public static func dotLength(components: Int, columns: Int) -> String {
        "'·' needs as many components as columns: one side has \(components), the other \(columns) columns"
    }

    public static func dotOperands(_ left: Shape, _ right: Shape) -> String {
        "'·' takes a vector and a vector, or a data matrix and a vector, but here it has \(left) and \(right)"
    }

    /// Something other than data where only data may go; `role` names the place ("a start value").
    public static func dependsOnParam(_ role: String, param: String) -> String {
        "\(role) cannot depend on param '\(param)'"
    }

    public static func notANumber(_ role: String, shape: Shape) -> String {
        "\(role) must be a number, but it is \(shape)"
    }

    // MARK: Tables and indexing

    public static func memberOfNonTable(_ shape: Shape) -> String {
        "'.' picks a column of a table, but this is \(shape)"
    }

    public static func noColumn(_ name: String, in table: String) -> String {
        "\(table) has no column '\(name)'"
    }

    public static func itsColumns(_ names: [String]) -> String {
        "its columns are \(names.joined(separator: ", "))"
    }

    public static func badIndex(_ value: Double) -> String {
        "an index is a whole number from 1 (indexing starts at 1), but it is \(number(value))"
    }

    /// `extent` says how far the index may go: `vectorExtent`, `rowExtent`, `columnExtent`.
    public static func indexOutOfRange(_ value: Double, extent: String) -> String {
        "index \(number(value)) is out of range: \(extent)"
    }

    public static func vectorExtent(_ n: Int) -> String { "the vector has \(n) elements" }

    public static func rowExtent(_ n: Int) -> String { "the matrix has \(n) rows" }

    public static func columnExtent(_ n: Int) -> String { "the matrix has \(n) columns" }

    public static func cannotIndex(_ shape: any CustomStringConvertible, count: Int) -> String {
        "cannot index \(shape) with \(count) index\(count == 1 ? "" : "es")"
    }

    public static let tableIndexByName = "a table is indexed by column names, e.g. d[x1, x2]"

    // MARK: Roles

    /// How a message names the place a value stands in ("a start value must be a number, …").
    static func distributionFunctionArguments(_ name: String) -> String {
        "\(name)() takes a distribution and a value: \(name)(Normal(0, 1), \(name == "quantile" ? "0.975" : "1.96"))"
    }

    static func distributionFunctionOfNonDistribution(_ name: String, _ shape: Shape) -> String {
        "the first argument of \(name)() must be a distribution such as Normal(0, 1), but this is \(shape)"
    }

    public enum Role {
        public static let vectorLength = "a vector param's length"
        public static let startValue = "a start value"
        public static let constraintBound = "a constraint's bound"
        public static let priorArgument = "a prior's argument"
        public static let option = "an option"
        public static let weight = "a weight"
        public static let censoring = "a censoring indicator"
        public static let truncationBound = "a truncation bound"
        public static let tolerance = "a tolerance"
        public static let sampledDistribution = "a sampled distribution"
        public static let sampleSize = "a sample size"
        public static let seed = "a seed"
        public static let pointCoordinate = "a point's coordinate"
        public static let logsumexpArgument = "each argument of logsumexp"
        public static let plusMinusCentre = "the centre of '±'"
        public static let plusMinusHalfWidth = "the half-width of '±'"
        public static let index = "an index"

        /// A named option's value: `'lr'`.
        public static func namedOption(_ label: String) -> String { "'\(label)'" }

        /// A distribution's parameter: "Normal's σ".
        public static func parameter(_ name: String, of family: String) -> String { "\(family)'s \(name)" }

        /// A distribution argument past its parameters, counted from 1.
        public static func argument(_ position: Int) -> String { "argument \(position)" }
    }

    // MARK: Helpers

    /// A number as messages show it: whole numbers without a decimal point.
    public static func number(_ v: Double) -> String { NumberFormat.shortest(v) }

    private static func plural(_ n: Int, _ word: String) -> String {
        n == 1 ? word : word + "s"
    }

    private static func wasOrWere(_ n: Int) -> String {
        n == 1 ? "was" : "were"
    }
}
