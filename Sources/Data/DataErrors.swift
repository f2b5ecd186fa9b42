// The two errors the Data stage reports: a file that is not a table (`CSVError`),
// and a cell that arithmetic cannot use (`CellProblem`). They share a file because
// each is a few lines of fields around one description; their wording lives in
// `DataMessage`.

/// A CSV file that cannot be read as a table: missing, not UTF-8, or malformed.
///
/// `file` is the name the script used for the file (so the message speaks the
/// user's language); `line` is the 1-based line of the file at fault, when
/// there is one.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// "cars.csv line 7: row has 4 fields, but the header has 3 columns"; without
    /// a line, "cars.csv: …".
    public var description: String {
        if let line { return "\(file) line \(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// A cell that arithmetic cannot use: text where a number was expected, or an
/// empty (missing) cell.
///
/// It names the culprit the way a user finds it in a spreadsheet or editor:
/// by data row (1-based, the header is not a row), by file line, and by column.
public struct CellProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The table's name, as the script wrote it.
    public let file: String
    /// The 1-based file line on which the cell's row starts; nil for a query's row.
    public let line: Int?
    /// The 1-based data row.
    public let row: Int
    /// The column's name.
    public let column: String
    /// The cell's text, or nil when the cell is empty.
    public let cell: String?
    /// Whether the row came from a query (an empty cell is then a NULL, and text is typed text).
    public let fromQuery: Bool

    public init(file: String, line: Int?, row: Int, column: String, cell: String?, fromQuery: Bool = false) {
        self.file = file
        self.line = line
        self.row = row
        self.column = column
        self.cell = cell
        self.fromQuery = fromQuery
    }

    /// "cars.csv row 17 (line 18), column 'age': expected a number, found 'NA'", or for an
    /// empty cell "… the cell is empty (a missing value), which arithmetic cannot use".
    public var description: String {
        guard let cell else { return "\(place): \(fromQuery ? DataMessage.nullCell : DataMessage.missingCell)" }
        return "\(place): \(fromQuery ? DataMessage.textInQuery(cell) : DataMessage.notANumber(cell))"
    }

    /// What an empty cell is: "the cell is empty (a missing value)", or for a query's row
    /// "the value is NULL (missing)".
    public var missing: String { fromQuery ? DataMessage.nullValue : DataMessage.emptyCell }

    /// "cars.csv row 17 (line 18), column 'age'" (a query's row has no line).
    public var place: String {
        "\(file) row \(row)" + (line.map { " (line \($0))" } ?? "") + ", column '\(column)'"
    }
}
