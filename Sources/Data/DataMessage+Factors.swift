// The wording of the Data stage's messages about factors (an extension of
// DataMessage in its own file, so the CSV messages and these do not collide).

extension DataMessage {
    static let emptyCell = "the cell is empty (a missing value)"
    static let nullValue = "the value is NULL (missing)"

    static func missingLevel(_ p: CellProblem) -> String {
        let place = p.place
        guard let cell = p.cell else {
            return "\(place): \(p.missing), so the row has no level"
        }
        return "\(place): '\(shown(cell))' marks a missing value, so the row has no level"
    }

    static func notALevel(_ level: String, of factor: String, _ levels: [String]) -> String {
        "no row of '\(factor)' has the level \"\(shown(level))\"; its levels are \(list(levels))"
    }

    static func notListed(_ level: String, row: Int, of factor: String) -> String {
        "row \(row) of '\(factor)' has the level \"\(shown(level))\", which the levels given do not list"
    }

    static func listedTwice(_ level: String, of factor: String) -> String {
        "the level \"\(shown(level))\" of '\(factor)' is listed twice"
    }

    static func singleLevel(_ level: String, of factor: String) -> String {
        "every row of '\(factor)' has the level \"\(shown(level))\", so it has no indicator columns: "
            + "a factor with one level is collinear with the intercept"
    }

    static func emptyFactor(_ factor: String) -> String {
        "'\(factor)' has no rows, so it has no levels"
    }

    static func termLengths(_ a: Int, _ b: Int) -> String {
        "the columns of a design matrix must have the same number of rows, but one has \(a) and another \(b)"
    }

    /// "\"A\", \"B\" and \"C\"", at most ten shown.
    static func list(_ levels: [String]) -> String {
        let quoted = levels.prefix(10).map { "\"\(shown($0))\"" }
        if levels.count > 10 { return quoted.joined(separator: ", ") + ", … (\(levels.count) levels)" }
        if quoted.count <= 1 { return quoted.first ?? "none" }
        return quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
    }
}
