import Data

// The wording of the messages about comparisons and factors: an extension of
// CheckerMessage in its own file (the interpreter uses these too, for the same
// errors found when a script runs).

extension CheckerMessage {
    // MARK: Comparisons

    /// A missing cell met by a comparison, named by row and column.
    public static func comparisonMissing(_ p: CellProblem) -> String {
        "\(p.place): \(p.missing), so a comparison has no answer there"
    }

    public static let numberVersusString = "a number cannot be compared with a string"

    public static let compareLike =
        "numbers compare with numbers (d.hp > 100), text with strings (d.wool == \"B\")"

    public static let textVersusNumber = "a text column cannot be compared with a number"

    public static func compareWithLevel(_ column: String, level: String?) -> String {
        "compare it with a level, in quotes: \(column) == \"\(level ?? "A")\""
    }

    // MARK: Factors in arithmetic and models

    public static let factorInArithmetic = "a factor cannot be used in arithmetic"

    public static func factorHelp(_ column: String, level: String?) -> String {
        "compare it with a level for a 0/1 vector (\(column) == \"\(level ?? "A")\"), "
            + "or give it coefficients in a model (b*\(column), w·\(column))"
    }

    public static func oneCoefficientForFactor(
        _ coefficient: String, _ factor: String, _ levels: Int, _ labels: [String]
    )
        -> String
    {
        "'\(coefficient)' is one number, but \(factor) has \(levels) levels, so it expands to "
            + "\(labels.count) indicator columns (\(labels.joined(separator: ", "))), each with its own coefficient"
    }

    public static func declareCoefficients(_ name: String?, _ factor: String, _ count: Int) -> String {
        guard let name else { return "multiply it by a vector param of \(count) components: w·\(factor)" }
        return "declare 'param \(name): vector[\(count)]' and write \(name)·\(factor)"
    }

    public static let factorTimesData = "a factor multiplies a coefficient (a param), not data with a value per row"

    public static func indicatorProduct(_ data: String, _ factor: String, _ level: String) -> String {
        "for the data in the rows at one level, multiply by a comparison: \(data) * (\(factor) == \"\(level)\")"
    }

    public static func coefficientsForFactor(
        _ coefficient: String, components: Int, _ factor: String, _ labels: [String]
    )
        -> String
    {
        "'\(coefficient)' has \(components) components, but \(factor) expands to \(labels.count) indicator "
            + "\(labels.count == 1 ? "column" : "columns"): \(labels.joined(separator: ", "))"
    }

    /// `w·d[wool, tension]` with the wrong K: the columns the design expands to.
    public static func dotExpansion(_ vector: String, components: Int, _ matrix: String, _ labels: [String]) -> String {
        "'·' needs as many components as columns: \(vector) has \(components), but \(matrix) expands to "
            + "\(labels.count) \(labels.count == 1 ? "column" : "columns"): \(labels.joined(separator: ", "))"
    }

    public static func expansionHelp(_ name: String?, _ count: Int, factors: Bool) -> String {
        let rule =
            factors ? "a text column gives one indicator column for each level after the first (its baseline); " : ""
        return rule + (name.map { "declare 'param \($0): vector[\(count)]'" } ?? "use \(count) components")
    }

    public static func factorNotPerRow(_ role: String, _ column: String) -> String {
        "\(role) must be numbers, but \(column) is a text column"
    }

    // MARK: factor() and levels()

    public static let factorArguments =
        "factor() takes one column, and optionally ref: or levels:, as in factor(d.tension, ref: \"L\")"

    public static let refNeedsLevel = "ref: is a level in quotes, such as ref: \"L\""

    public static let levelsNeedLevels =
        "levels: lists every level in order, in quotes, such as levels: [\"L\", \"M\", \"H\"]"

    public static func factorOption(_ label: String) -> String {
        "factor() has no option '\(label)'"
    }

    public static let factorOptions = "its options are ref: (the baseline level) and levels: (every level, in order)"

    public static func factorOfNonColumn(_ kind: String) -> String {
        "factor() needs a column of data (text or numbers), but this is \(kind)"
    }

    public static let levelsArguments = "levels() takes one text column or factor, as in levels(d.wool)"

    public static func levelsOfNonFactor(_ kind: String) -> String {
        "levels() needs a text column or a factor, but this is \(kind)"
    }

    public static let levelsOfNumbers = "a column of numbers has levels once it is a factor: levels(factor(d.cyl))"
}

extension CheckerMessage.Role {
    public static let factorArgument = "a factor's column"
}
