/// The bytes of a parsed CSV file, kept so that a numeric column can give back its
/// cells' text on demand instead of holding a string per cell.
///
/// The file's bytes (mapped, so they cost memory only while being read) are the most
/// compact form of the cells there is; a cell is found again by scanning forward from
/// the nearest checkpoint, the recorded start of every 64th row. The bytes were checked
/// when the table was parsed, so scanning them again cannot fail, unless the file was
/// rewritten since: `isIntact` says so, and the column then writes its numbers instead.
final class CSVSource: Sendable {
    let file: MappedFile
    /// The file's name, for the scanner.
    let name: String
    let rowCount: Int
    /// The table rows at which checkpoints were taken, increasing, and the byte offset
    /// at which each of those rows starts.
    let checkpointRows: [Int]
    let checkpointOffsets: [Int]

    init(file: MappedFile, name: String, rowCount: Int, checkpointRows: [Int], checkpointOffsets: [Int]) {
        self.file = file
        self.name = name
        self.rowCount = rowCount
        self.checkpointRows = checkpointRows
        self.checkpointOffsets = checkpointOffsets
    }

    /// Whether the file still holds the bytes that were parsed.
    var isIntact: Bool { file.isUnchanged }

    /// The text of the cell in `row` (0-based) and `column` (0-based), nil if missing.
    func cell(row: Int, column: Int) -> String? {
        guard row >= 0, row < rowCount, let checkpoint = checkpoint(atOrBefore: row) else { return nil }
        var scanner = CSVScanner(bytes: file.bytes, file: name, position: checkpointOffsets[checkpoint])
        for _ in checkpointRows[checkpoint]..<row { Self.skipRecord(&scanner) }
        while !scanner.isAtEnd, scanner.skipBlankLine() {}
        var text: String?
        let bytes = file.bytes
        _ = try? scanner.forEachField { index, field in
            if index == column { text = field.text(in: bytes) }
        }
        return text
    }

    /// The texts of every cell of each of `columns` (0-based indices), in that order.
    func cells(columns: [Int]) -> [[String?]] {
        guard let start = checkpointOffsets.first else { return columns.map { _ in [] } }
        defer { file.release(0..<file.bytes.count) }
        return Self.texts(of: columns, in: file.bytes, file: name, start: start, rows: rowCount)
    }

    /// The texts of the cells of `columns` in the `rows` records from byte `start` (a row's
    /// start), blank lines skipped, one array per column in the order given.
    static func texts(
        of columns: [Int], in bytes: UnsafeBufferPointer<UInt8>, file: String, start: Int, rows: Int
    ) -> [[String?]] {
        guard !columns.isEmpty else { return [] }
        var slot = [Int?](repeating: nil, count: (columns.max() ?? 0) + 1)
        for (position, column) in columns.enumerated() { slot[column] = position }
        var result = [[String?]](repeating: [], count: columns.count)
        for position in result.indices { result[position].reserveCapacity(rows) }
        var scanner = CSVScanner(bytes: bytes, file: file, position: start)
        for _ in 0..<rows {
            while !scanner.isAtEnd, scanner.skipBlankLine() {}
            _ = try? scanner.forEachField { index, field in
                guard index < slot.count, let position = slot[index] else { return }
                result[position].append(field.text(in: bytes))
            }
        }
        return result
    }

    /// The index of the last checkpoint at or before `row`.
    private func checkpoint(atOrBefore row: Int) -> Int? {
        var low = 0
        var high = checkpointRows.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if checkpointRows[middle] <= row { low = middle } else { high = middle }
        }
        return checkpointRows.indices.contains(low) && checkpointRows[low] <= row ? low : nil
    }

    /// Moves past one record (and the blank lines before it).
    private static func skipRecord(_ scanner: inout CSVScanner) {
        while !scanner.isAtEnd, scanner.skipBlankLine() {}
        _ = try? scanner.forEachField { _, _ in }
    }
}
