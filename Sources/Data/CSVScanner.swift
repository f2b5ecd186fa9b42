/// Splits CSV bytes into fields, one at a time, following RFC 4180.
///
/// Fields are separated by commas and records end at CRLF, LF or a lone CR. A
/// field that starts with a double quote runs to the matching closing quote and
/// may hold commas, line endings and doubled quotes (""); spaces and tabs may
/// come before its opening quote and after its closing quote (`1, "Smith, J."`
/// is common in files written by hand). In a field that does not start with a
/// quote, a quote is an ordinary character (`5" tall`).
///
/// The scanner never copies: a field is a byte range into the buffer. It keeps
/// the 1-based line number as it goes, so errors and rows can name their line.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The file's name, for errors.
    let file: String
    private(set) var position: Int
    private(set) var line: Int
    /// The first byte that is not well-formed UTF-8 among the cells `nextCell` read the
    /// general way (a cell its fast paths take is digits, signs, points, exponents,
    /// blanks and a delimiter: ASCII, so well-formed).
    private(set) var firstInvalidUTF8: Int?
    /// Fetched once, for `nextCell`'s conversions.
    private let tables = FastFloat.Tables.shared

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, position: Int = 0, line: Int = 1) {
        self.bytes = bytes
        self.file = file
        self.position = position
        self.line = line
    }

    var isAtEnd: Bool { position >= bytes.count }

    /// Skips a line that is empty or holds only spaces and tabs; false (and no
    /// move) when the line at `position` has content.
    mutating func skipBlankLine() -> Bool {
        var index = position
        while index < bytes.count, NumberParser.isBlank(bytes[index]) { index += 1 }
        guard index >= bytes.count || isLineBreak(bytes[index]) else { return false }
        position = index
        if !isAtEnd { consumeLineBreak() }
        return true
    }

    /// The field at `position`; at the end of the bytes, an empty last field.
    mutating func nextField() throws(CSVError) -> CSVField {
        var index = position
        while index < bytes.count, NumberParser.isBlank(bytes[index]) { index += 1 }
        if index < bytes.count, bytes[index] == quote {
            position = index
            return try quotedField()
        }
        var field = CSVField(start: position, end: position)
        while position < bytes.count, !isDelimiter(bytes[position]) { position += 1 }
        field.end = position
        field.endsRecord = finishField()
        return field
    }

    /// The content of the cell at `position` and whether it ended its record: what
    /// `nextField()` and `CSVField.content` give together, read faster.
    ///
    /// A cell that starts like a number is converted as it is scanned
    /// (`NumberParser.prefix`); if the number fills the cell (up to blanks and the
    /// comma, line ending or end of the bytes), that is the cell. An empty cell is
    /// recognised at once. Everything else (quotes, leading blanks, text) takes the
    /// general path.
    @inline(__always)
    mutating func nextCell() throws(CSVError) -> (content: CSVField.Content, endsRecord: Bool) {
        if let base = bytes.baseAddress, position < bytes.count {
            let end = base + bytes.count
            let start = base + position
            switch start.pointee {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
                var value = 0.0
                guard var next = NumberParser.prefix(start, limit: end, value: &value, tables: tables) else { break }
                while next < end, NumberParser.isBlank(next.pointee) { next += 1 }
                guard next == end || isDelimiter(next.pointee) else { break }
                position = next - base
                return (.number(value), finishField())
            case UInt8(ascii: ","), 0x0A, 0x0D:
                return (.missing, finishField())
            default: break
            }
        }
        let fieldStart = position
        let field = try nextField()
        if firstInvalidUTF8 == nil {
            // A cell starts after a delimiter or a line break, so at a character's first byte.
            firstInvalidUTF8 = UTF8Validation.firstInvalidOffset(in: bytes, range: fieldStart..<position)
        }
        return (field.content(in: bytes), field.endsRecord)
    }

    /// Reads the fields of one record, handing each to `body` with its 0-based index;
    /// returns how many there were.
    mutating func forEachField(_ body: (Int, CSVField) -> Void) throws(CSVError) -> Int {
        var index = 0
        while true {
            let field = try nextField()
            body(index, field)
            index += 1
            if field.endsRecord { return index }
        }
    }

    /// A field enclosed in quotes, from its opening quote to past its closing quote.
    private mutating func quotedField() throws(CSVError) -> CSVField {
        let startLine = line
        position += 1
        var field = CSVField(start: position, end: position)
        field.quoted = true
        while true {
            guard position < bytes.count else {
                throw CSVError(file: file, line: startLine, message: DataMessage.unterminatedQuote)
            }
            let byte = bytes[position]
            if byte == quote {
                if position + 1 < bytes.count, bytes[position + 1] == quote {
                    field.hasDoubledQuotes = true
                    position += 2
                    continue
                }
                break
            }
            if isLineBreak(byte) { consumeLineBreak() } else { position += 1 }
        }
        field.end = position
        position += 1
        while position < bytes.count, NumberParser.isBlank(bytes[position]) { position += 1 }
        if position < bytes.count, !isDelimiter(bytes[position]) {
            throw CSVError(file: file, line: line, message: DataMessage.afterClosingQuote(bytes[position]))
        }
        field.endsRecord = finishField()
        return field
    }

    /// Consumes the comma or line ending after a field; true if the record ended.
    private mutating func finishField() -> Bool {
        guard position < bytes.count else { return true }
        if bytes[position] == comma {
            position += 1
            return false
        }
        consumeLineBreak()
        return true
    }

    /// Consumes the CRLF, LF or lone CR at `position` and counts the line.
    private mutating func consumeLineBreak() {
        let isCRLF =
            bytes[position] == carriageReturn
            && position + 1 < bytes.count && bytes[position + 1] == lineFeed
        position += isCRLF ? 2 : 1
        line += 1
    }

    @inline(__always)
    private func isDelimiter(_ byte: UInt8) -> Bool {
        byte == comma || byte == lineFeed || byte == carriageReturn
    }

    @inline(__always)
    private func isLineBreak(_ byte: UInt8) -> Bool { byte == lineFeed || byte == carriageReturn }

    private var quote: UInt8 { UInt8(ascii: "\"") }
    private var comma: UInt8 { UInt8(ascii: ",") }
    private var lineFeed: UInt8 { 0x0A }
    private var carriageReturn: UInt8 { 0x0D }
}
