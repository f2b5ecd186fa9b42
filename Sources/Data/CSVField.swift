/// One field of a CSV record, as a byte range into the file, and what its cell holds.
///
/// A cell is *missing* when its content is empty or only spaces and tabs,
/// whether or not it was quoted: `a,,c`, `a, ,c` and `a,"",c` all have a
/// missing middle cell. Otherwise it is a *number* if its content, trimmed of
/// spaces and tabs, follows `NumberParser`'s grammar (quoted or not: some
/// programs quote every field), and *text* if not.
struct CSVField {
    /// What a cell holds, as far as arithmetic cares.
    enum Content {
        case missing
        case number(Double)
        case text
        /// A number no double can hold (`NumberParser.Reading.outOfRange`), its trimmed
        /// text at [start, end): the reader reports it instead of reading ±∞ or 0.
        case outOfRange(tooLarge: Bool, start: Int, end: Int)
    }

    /// The content bytes [start, end), without enclosing quotes.
    var start: Int
    var end: Int
    /// Whether the field was enclosed in quotes.
    var quoted = false
    /// Whether the content holds doubled quotes that stand for one quote each.
    var hasDoubledQuotes = false
    /// Whether the field was the last of its record (a line ending or the end of the file followed).
    var endsRecord = false

    /// Classifies the cell without building any text.
    @inline(__always)
    func content(in bytes: UnsafeBufferPointer<UInt8>) -> Content {
        let (start, end) = NumberParser.trimmed(bytes, start: start, end: end)
        guard start < end else { return .missing }
        guard !hasDoubledQuotes, let base = bytes.baseAddress else { return .text }
        switch NumberParser.reading(base + start, count: end - start) {
        case .number(let value): return .number(value)
        case .outOfRange(let tooLarge): return .outOfRange(tooLarge: tooLarge, start: start, end: end)
        case .notANumber: return .text
        }
    }

    /// The cell's text exactly as written (quotes removed, doubled quotes made single,
    /// spaces kept), or nil if the cell is missing.
    func text(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let (trimmedStart, trimmedEnd) = NumberParser.trimmed(bytes, start: start, end: end)
        guard trimmedStart < trimmedEnd else { return nil }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard hasDoubledQuotes else { return String(decoding: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var skipNext = false
        for byte in raw {
            if skipNext {
                skipNext = false
                continue
            }
            unescaped.append(byte)
            skipNext = byte == UInt8(ascii: "\"")
        }
        return String(decoding: unescaped, as: UTF8.self)
    }
}
