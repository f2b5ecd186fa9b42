import Data

// The interpreter's messages about factors in models (an extension of
// InterpreterMessage in its own file).

extension InterpreterMessage {
    static func factorOfNaN(element: Int) -> String {
        "factor() needs numbers, but element \(element) is not a number (nan)"
    }

    static let factorInModel =
        "a text column in a model needs coefficients: b*d.wool (two levels), or w·d.tension and w·d[wool, tension]"

    static let factorInModelHelp = "for a 0/1 indicator of one level, compare it: d.wool == \"B\""

    /// A column of a design that no row of the fitted data sets.
    static func emptyLevel(_ empty: DesignMatrix.EmptyLevel, coefficient: String?) -> String {
        let rows: String
        if empty.levels.count == 1, let (factor, level) = empty.levels.first {
            rows = "no row of '\(factor)' has the level \"\(level)\""
        } else {
            rows =
                "no row has "
                + empty.levels.map { "\($0.factor) \"\($0.level)\"" }.joined(separator: " together with ")
        }
        guard let coefficient else { return rows + ", the baseline, so the other levels have nothing to compare with" }
        return rows + ", so \(coefficient) cannot be estimated"
    }

    static let emptyLevelHelp = "leave the level out of levels: [...], or fit data that have it"

    static func designColumns(param name: String, components: Int, _ matrix: String, _ labels: [String]) -> String {
        "param '\(name)' has \(components) components, but \(matrix) expands to \(labels.count) "
            + "\(labels.count == 1 ? "column" : "columns"): \(labels.joined(separator: ", "))"
    }
}
