/// The bytes of a parsed CSV file, kept so that a numeric column can give back its
/// cells' text on demand instead of holding a string per cell.
///
/// The raw bytes are the most compact form of the cells there is; a cell is found
/// again by scanning its row from the row's first byte. The bytes were checked
/// when the table was parsed, so scanning them again cannot fail.
final class CSVSource: Sendable {
    let bytes: [UInt8]
    /// The file's name, for the scanner.
    let name: String
    /// The byte offset at which each data row starts.
    let rowStarts: [Int]

    init(bytes: [UInt8], name: String, rowStarts: [Int]) {
        self.bytes = bytes
        self.name = name
        self.rowStarts = rowStarts
    }

    /// The text of the cell in `row` (0-based) and `column` (0-based), nil if missing.
    func cell(row: Int, column: Int) -> String? {
        guard rowStarts.indices.contains(row) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(bytes: buffer, file: name, position: rowStarts[row])
            var text: String?
            _ = try? scanner.forEachField { index, field in
                if index == column { text = field.text(in: buffer) }
            }
            return text
        }
    }

    /// The texts of every cell of each of `columns` (0-based indices), in that order.
    func cells(columns: [Int]) -> [[String?]] {
        guard !columns.isEmpty else { return [] }
        var slot = [Int?](repeating: nil, count: (columns.max() ?? 0) + 1)
        for (position, column) in columns.enumerated() { slot[column] = position }
        var result = [[String?]](repeating: [], count: columns.count)
        for position in result.indices { result[position].reserveCapacity(rowStarts.count) }
        bytes.withUnsafeBufferPointer { buffer in
            for start in rowStarts {
                var scanner = CSVScanner(bytes: buffer, file: name, position: start)
                _ = try? scanner.forEachField { index, field in
                    guard index < slot.count, let position = slot[index] else { return }
                    result[position].append(field.text(in: buffer))
                }
            }
        }
        return result
    }
}
