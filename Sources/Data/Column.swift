import Diagnostics

/// One column of a table: its name, its cells, and their numbers.
///
/// A column is numeric when every non-empty cell is a number (so a column whose
/// cells are all empty is numeric), and text otherwise; "NA", "nan" and "inf"
/// are text. Only empty cells are missing.
public struct Column: Sendable {
    /// Whether a column's cells are all numbers (or missing).
    public enum Kind: Sendable, Equatable {
        case numeric
        case text
    }

    /// Where the cells' text lives: in strings, or in the file's bytes (numeric
    /// columns read from CSV, whose cells are rarely wanted as text).
    enum Storage: Sendable {
        case strings([String?])
        case source(CSVSource, column: Int)
        /// A column of a query's result: its cells stay in the database until first wanted,
        /// then every column of the result is fetched together.
        case query(QueryResult, column: Int)
    }

    /// The header's name for the column, trimmed.
    public let name: String
    /// Numeric iff every non-empty cell is a number.
    public let kind: Kind
    /// Numeric columns: the numbers, `Double.nan` where a cell is missing. Text columns: empty.
    /// A query's column fetches the result's rows the first time (`QueryResult.fetch`).
    public var values: [Double] {
        if case .query(let result, let column) = storage, kind == .numeric { return result.numbers(column: column) }
        return storedValues
    }
    /// The 1-based file line on which each row starts (for messages); empty for a query's
    /// rows, which have no lines.
    public let lines: RowLines
    /// The number of rows.
    public let count: Int
    let storedValues: [Double]
    /// The table's name, for the problems `numbers()` reports.
    let file: String
    let storage: Storage
    /// The 0-based row of the first cell that is neither missing nor a number.
    let firstTextRow: Int?
    let missing: Int
    /// How many cells are numbers (all the non-empty ones, in a numeric column).
    public let numberCount: Int

    init(
        name: String, file: String, values: [Double], lines: RowLines, storage: Storage,
        firstTextRow: Int?, missing: Int
    ) {
        self.name = name
        self.file = file
        self.kind = firstTextRow == nil ? .numeric : .text
        self.storedValues = firstTextRow == nil ? values : []
        self.lines = lines
        self.count = lines.count
        self.storage = storage
        self.firstTextRow = firstTextRow
        self.missing = missing
        self.numberCount = values.reduce(0) { $1.isNaN ? $0 : $0 + 1 }
    }

    /// A column made from cell texts, classified as a CSV file's cells are: nil or
    /// blank is missing, a number is a number, anything else is text.
    ///
    /// `lines` defaults to 2, 3, …: one row per line after a header line. `file`
    /// names the table in the problems `numbers()` reports.
    public init(name: String, cells: [String?], lines: [Int]? = nil, file: String = "") {
        var values: [Double] = []
        var texts: [String?] = []
        var firstTextRow: Int?
        for (row, cell) in cells.enumerated() {
            let text = cell.flatMap { $0.allSatisfy { $0 == " " || $0 == "\t" } ? nil : $0 }
            texts.append(text)
            let value = text.flatMap(NumberParser.value(of:))
            if text != nil, value == nil, firstTextRow == nil { firstTextRow = row }
            values.append(value ?? .nan)
        }
        self.init(
            name: name, file: file, values: values, lines: RowLines(lines ?? cells.indices.map { $0 + 2 }),
            storage: .strings(texts), firstTextRow: firstTextRow,
            missing: texts.lazy.filter { $0 == nil }.count)
    }

    /// Column `column` of a query's result, with the kind and NULL count its profile found.
    init(query result: QueryResult, column: Int) {
        let profile = result.columns[column]
        name = profile.name
        file = result.name
        kind = profile.kind
        storedValues = []
        lines = []
        count = result.rowCount
        storage = .query(result, column: column)
        firstTextRow = nil
        missing = profile.nulls
        numberCount = profile.numbers
    }

    /// How many cells are empty.
    public var missingCount: Int { missing }

    /// The raw text of each row's cell; nil where the cell is empty (missing).
    ///
    /// For a numeric column read from a file this decodes every cell from the
    /// file's bytes, in time proportional to the file: for one cell, use `cell(at:)`.
    /// If the file was rewritten since it was read, the cells are the column's numbers
    /// written out (`NumberFormat.shortest`), not the file's new text.
    public var cells: [String?] {
        switch storage {
        case .strings(let texts): return texts
        case .source(let source, let column):
            guard source.isIntact else { return values.map(Self.written) }
            return source.cells(columns: [column]).first ?? []
        case .query(let result, let column): return result.texts(column: column)
        }
    }

    /// The raw text of the cell in the 0-based `row`; nil if the cell is empty or there is no such row.
    public func cell(at row: Int) -> String? {
        switch storage {
        case .strings(let texts): return texts.indices.contains(row) ? texts[row] : nil
        case .source(let source, let column):
            guard source.isIntact else { return values.indices.contains(row) ? Self.written(values[row]) : nil }
            return source.cell(row: row, column: column)
        case .query(let result, let column): return result.text(row: row, column: column)
        }
    }

    /// A number as a cell's text, nil for a missing cell (NaN).
    private static func written(_ value: Double) -> String? {
        value.isNaN ? nil : NumberFormat.shortest(value)
    }

    /// The column as numbers for arithmetic, or the problem with its first unusable cell:
    /// a text column → the first cell that is not a number; a numeric column with
    /// missing cells → the first empty cell.
    public func numbers() -> Result<[Double], CellProblem> {
        if let problem { return .failure(problem) }
        return .success(values)
    }

    /// The problem with the column's first unusable cell, as `numbers()` reports it, or nil
    /// when arithmetic can use every cell. It does not read the values when it need not
    /// (a query's numeric column without NULLs is known to be usable without fetching a row).
    public var problem: CellProblem? {
        if case .query(let result, let column) = storage {
            if kind == .text { return problem(at: result.firstText(column: column) ?? 0) }
            guard missing > 0, let row = values.firstIndex(where: \.isNaN) else { return nil }
            return problem(at: row)
        }
        if let row = firstTextRow { return problem(at: row) }
        if missing > 0, let row = values.firstIndex(where: \.isNaN) { return problem(at: row) }
        return nil
    }

    /// The problem with the cell in the 0-based `row`.
    func problem(at row: Int) -> CellProblem {
        if case .query = storage {
            return CellProblem(file: file, line: nil, row: row + 1, column: name, cell: cell(at: row), fromQuery: true)
        }
        let line = lines.indices.contains(row) ? lines[row] : row + 2
        return CellProblem(file: file, line: line, row: row + 1, column: name, cell: cell(at: row))
    }

    /// The query result this column belongs to, when it came from `sql(...)`.
    public var query: QueryResult? {
        if case .query(let result, _) = storage { return result }
        return nil
    }
}
