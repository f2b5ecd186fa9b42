import Interrupt

/// Gathers a CSV file's data rows into columns in one pass over the bytes.
///
/// Every cell is classified as it is met (missing, number or text), and numbers
/// are converted then and there, so a numeric column is done when the pass
/// ends. Text columns, which need their cells as strings, are decoded in a
/// second pass over only the rows' bytes, once the pass has shown which they are.
struct TableBuilder {
    let names: [String]
    let file: String
    private var values: [[Double]]
    private var firstTextRow: [Int?]
    private var missing: [Int]
    private var rowStarts: [Int] = []
    private var lines: [Int] = []

    init(names: [String], file: String) {
        self.names = names
        self.file = file
        values = names.map { _ in [] }
        firstTextRow = names.map { _ in nil }
        missing = names.map { _ in 0 }
    }

    /// Reads every remaining record; blank lines (empty, or only spaces and tabs) are skipped.
    /// Every 65,536 rows it polls `isInterrupted` (Ctrl-C in the REPL) and, if true, stops
    /// with an error at the line it reached.
    mutating func addRows(
        from scanner: inout CSVScanner, isInterrupted: () -> Bool = { Interrupt.requested }
    ) throws(CSVError) {
        while !scanner.isAtEnd {
            if scanner.skipBlankLine() { continue }
            if lines.count % 65_536 == 65_535, isInterrupted() {
                throw CSVError(file: file, line: scanner.line, message: DataMessage.interrupted)
            }
            try addRow(from: &scanner)
        }
    }

    /// Reads one record, which must have one field per column.
    private mutating func addRow(from scanner: inout CSVScanner) throws(CSVError) {
        let row = lines.count
        let line = scanner.line
        rowStarts.append(scanner.position)
        lines.append(line)
        let bytes = scanner.bytes
        let columnCount = names.count
        let found = try scanner.forEachField { column, field in
            guard column < columnCount else { return }
            add(field.content(in: bytes), column: column, row: row)
        }
        guard found == columnCount else {
            throw CSVError(file: file, line: line, message: DataMessage.fieldCount(found: found, expected: columnCount))
        }
    }

    @inline(__always)
    private mutating func add(_ content: CSVField.Content, column: Int, row: Int) {
        switch content {
        case .number(let value):
            values[column].append(value)
        case .missing:
            values[column].append(.nan)
            missing[column] += 1
        case .text:
            values[column].append(.nan)
            if firstTextRow[column] == nil { firstTextRow[column] = row }
        }
    }

    /// The finished columns; text columns take their cells from `bytes`, which the
    /// numeric columns keep to give their cells back as text on demand.
    func columns(bytes: [UInt8]) -> [Column] {
        let source = CSVSource(bytes: bytes, name: file, rowStarts: rowStarts)
        let textColumns = names.indices.filter { firstTextRow[$0] != nil }
        let texts = source.cells(columns: textColumns)
        return names.indices.map { index in
            let storage: Column.Storage
            if let position = textColumns.firstIndex(of: index), texts.indices.contains(position) {
                storage = .strings(texts[position])
            } else {
                storage = .source(source, column: index)
            }
            return Column(
                name: names[index], file: file, values: values[index], lines: lines,
                storage: storage, firstTextRow: firstTextRow[index], missing: missing[index])
        }
    }
}
