/// Reads the records of one stretch of a CSV file into a `CSVChunk`: every cell
/// classified as it is met (missing, number or text) and numbers converted then and
/// there, one column of doubles per header column.
///
/// A chunk holds the records that *start* in [start, rangeEnd); the last may run past
/// `rangeEnd`, and the chunk ends where it does. Reading stops at `scanLimit`, as if
/// the file ended there: a chunk whose start was only guessed must not run through the
/// rest of the file when the guess is wrong (say it fell inside a quoted field), so a
/// chunk that reaches its limit is `unresolved` and is read again from its true start.
struct ChunkParser: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The file's name, for errors.
    let file: String
    let columnCount: Int
    /// Polled every 65,536 rows (Ctrl-C in the REPL).
    let isInterrupted: @Sendable () -> Bool

    /// Parses the records starting in [start, rangeEnd), reading no byte at or past `scanLimit`.
    func parse(start: Int, rangeEnd: Int, scanLimit: Int) -> CSVChunk {
        var chunk = CSVChunk(start: start, columns: columnCount)
        // Every record but the last in the range holds at least one byte per column
        // (its commas and its line ending), which bounds the rows.
        let capacity = max(0, rangeEnd - start) / max(1, columnCount) + 1
        guard let values = ChunkColumns(columns: columnCount, capacity: capacity) else {
            chunk.outcome = .failed(CSVError(file: file, line: nil, message: DataMessage.tableOutOfMemory))
            return chunk
        }
        let limited = UnsafeBufferPointer(rebasing: bytes[0..<min(scanLimit, bytes.count)])
        var scanner = CSVScanner(bytes: limited, file: file, position: start)
        do {
            try readRecords(&scanner, before: rangeEnd, capacity: capacity, into: &chunk, values: values)
        } catch {
            chunk.outcome = .failed(error)
        }
        chunk.end = scanner.position
        chunk.lineCount = scanner.line - 1
        chunk.invalidUTF8 = scanner.firstInvalidUTF8
        if chunk.isComplete, limited.count < bytes.count, chunk.end >= limited.count { chunk.outcome = .unresolved }
        chunk.values = values
        return chunk
    }

    /// Reads records until one would start at or after `rangeEnd`, skipping blank lines.
    private func readRecords(
        _ scanner: inout CSVScanner, before rangeEnd: Int, capacity: Int, into chunk: inout CSVChunk,
        values: ChunkColumns
    ) throws(CSVError) {
        let columns = (0..<columnCount).compactMap { values.column($0) }
        guard columns.count == columnCount else { return }
        try columns.withUnsafeBufferPointer { columns throws(CSVError) in
            while scanner.position < rangeEnd, !scanner.isAtEnd {
                if scanner.skipBlankLine() { continue }
                let row = chunk.rowCount
                if row % 65_536 == 65_535, isInterrupted() {
                    chunk.outcome = .interrupted(line: scanner.line)
                    return
                }
                guard row < capacity else {
                    chunk.outcome = .unresolved
                    return
                }
                if row % CSVChunk.checkpointSpacing == 0 { chunk.checkpoints.append(scanner.position) }
                chunk.lines.append(scanner.line)
                try readRecord(&scanner, row: row, into: &chunk, columns: columns)
                chunk.rowCount = row + 1
                if case .outOfRange = chunk.outcome { return }
            }
        }
    }

    /// Reads one record, which must have one field per column, into row `row`.
    @inline(__always)
    private func readRecord(
        _ scanner: inout CSVScanner, row: Int, into chunk: inout CSVChunk,
        columns: UnsafeBufferPointer<UnsafeMutablePointer<Double>>
    ) throws(CSVError) {
        let line = scanner.line
        var column = 0
        while true {
            let (content, endsRecord) = try scanner.nextCell()
            if column < columnCount {
                switch content {
                case .number(let value):
                    columns[column][row] = value
                case .missing:
                    columns[column][row] = .nan
                    chunk.missing[column] += 1
                case .text:
                    columns[column][row] = .nan
                    if chunk.firstTextRow[column] == nil { chunk.firstTextRow[column] = row }
                case .outOfRange(let tooLarge, let start, let end):
                    columns[column][row] = .nan
                    if case .complete = chunk.outcome {
                        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                        chunk.outcome = .outOfRange(
                            CSVChunk.OutOfRangeCell(
                                line: line, row: row, column: column, text: text, tooLarge: tooLarge))
                    }
                }
            }
            column += 1
            if endsRecord { break }
        }
        guard column == columnCount else {
            throw CSVError(
                file: file, line: line, message: DataMessage.fieldCount(found: column, expected: columnCount))
        }
    }
}
