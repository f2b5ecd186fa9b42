/// The wording of every message the Data stage produces, in one place, so that
/// they read alike: what was expected, what was found, and where.
enum DataMessage {
    // MARK: Reading the file

    static func cannotRead(path: String, reason: String) -> String {
        "cannot read the file '\(path)': \(reason)"
    }

    static let isDirectory = "it is a directory, not a CSV file"

    /// A device (/dev/zero), a FIFO or a socket: reading one may never end.
    static let notRegularFile =
        "it is not a regular file (a device, a pipe or a socket, which may never end): csv() reads files saved on disk"

    static func invalidUTF8(byte: UInt8, offset: Int) -> String {
        "the file is not UTF-8 text (byte 0x\(hex(byte)) at offset \(offset)); "
            + "it may be Latin-1 or Windows-1252: save it as UTF-8"
    }

    static let emptyFile = "the file is empty: a CSV file needs a header row naming its columns"

    static let interrupted = "interrupted while reading the file (Ctrl-C)"

    static let tableOutOfMemory = "there is not enough memory to hold the table"

    /// Something the reader's own checks say cannot happen.
    static func internalError(_ what: String) -> String {
        "internal error while reading the file (\(what)): this is a bug in mle; please report it with the file"
    }

    // MARK: Structure

    static func fieldCount(found: Int, expected: Int) -> String {
        "row has \(found) \(plural(found, "field")), but the header has \(expected) \(plural(expected, "column"))"
    }

    static let unterminatedQuote =
        "a quoted field starts on this line but is never closed (missing closing '\"')"

    static func afterClosingQuote(_ byte: UInt8) -> String {
        "unexpected \(describe(byte)) after the closing quote of a quoted field "
            + "(inside quotes, write a quote as \"\")"
    }

    static func duplicateColumn(_ name: String, first: Int, second: Int) -> String {
        "column '\(name)' appears twice in the header (columns \(first) and \(second))"
    }

    static func emptyColumnName(position: Int, isLast: Bool) -> String {
        let hint = isLast ? " (is there a trailing comma?)" : ""
        return "the header's column \(position) has an empty name\(hint)"
    }

    // MARK: Cells

    static func notANumber(_ cell: String) -> String {
        "expected a number, found '\(shown(cell))'"
    }

    /// A cell such as 1e400 or 1e-400: read as a double it would silently become ±∞ or 0.
    static func outOfRange(_ cell: String, row: Int, column: String, tooLarge: Bool) -> String {
        let place = "row \(row), column '\(column)': the number '\(shown(cell))'"
        return tooLarge
            ? "\(place) is too large for a double (the largest is about 1.8e308) and would be read as infinity"
            : "\(place) is too small for a double (the smallest above 0 is about 4.9e-324) and would be read as 0"
    }

    static let missingCell = "the cell is empty (a missing value), which arithmetic cannot use"

    static func unknownColumn(_ name: String, suggestion: String?) -> String {
        let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
        return "no column named '\(name)'\(hint)"
    }

    // MARK: Helpers

    private static func plural(_ n: Int, _ word: String) -> String {
        n == 1 ? word : word + "s"
    }

    /// A byte as a reader would name it: a printable character in quotes, else its code.
    private static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hex(byte))"
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// Cell text fit for a one-line message: control characters escaped, long text cut.
    static func shown(_ cell: String, limit: Int = 40) -> String {
        var text = ""
        for character in cell.prefix(limit) {
            switch character {
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\r\n": text += "\\r\\n"
            case "\t": text += "\\t"
            default: text.append(character)
            }
        }
        return cell.count > limit ? text + "…" : text
    }
}
