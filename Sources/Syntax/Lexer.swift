import Diagnostics

/// Turns source text into tokens.
///
/// A newline ends a statement, except inside brackets or after a binary
/// operator; a line that starts with a statement keyword ends any bracket left
/// open above it, so one unclosed `(` cannot swallow the rest of a file.
/// Errors (a stray character, an unterminated string, a malformed number) are
/// collected and lexing goes on, so a file reports all of them at once.
public struct Lexer {
    public let file: SourceFile
    let bytes: [UInt8]
    var offset = 0
    var tokens: [Token] = []
    var brackets: [Token] = []
    public internal(set) var diagnostics: [Diagnostic] = []

    public init(file: SourceFile) {
        self.file = file
        self.bytes = file.utf8
    }

    /// All tokens of the file, ending with `.eof`.
    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(file: file)
        lexer.run()
        return (lexer.tokens, lexer.diagnostics)
    }

    /// True when the text cannot be a finished statement yet: a bracket is
    /// still open or the last line ends in an operator (the REPL then asks for
    /// another line).
    public static func needsMoreInput(_ text: String) -> Bool {
        var lexer = Lexer(file: SourceFile(name: "<input>", text: text))
        lexer.run()
        if !lexer.brackets.isEmpty { return true }
        let significant = lexer.tokens.last { $0.kind != .eof && $0.kind != .newline }
        guard let last = significant else { return false }
        return last.continuesLine && lexer.tokens.dropLast().last?.kind != .newline
    }

    mutating func run() {
        if let bad = Lexer.firstInvalidUTF8(in: file.utf8) {
            let span = SourceSpan(file: file, start: bad, end: bad + 1)
            diagnostics.append(
                .error(SyntaxMessage.invalidUTF8(byte: file.utf8[bad]), at: span, help: SyntaxMessage.saveAsUTF8))
            tokens.append(Token(.eof, SourceSpan(file: file, start: bytes.count, end: bytes.count)))
            return
        }
        while offset < bytes.count { lexOne() }
        emitNewline(at: bytes.count)
        if let open = brackets.first {
            diagnostics.append(unclosed(open, at: SourceSpan(file: file, start: bytes.count, end: bytes.count)))
        }
        tokens.append(Token(.eof, SourceSpan(file: file, start: bytes.count, end: bytes.count)))
    }

    // MARK: - Scalars

    /// The Unicode scalar at `i` and its length in bytes (the text is valid UTF-8).
    func scalar(at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = bytes[i]
        var value: UInt32
        var length: Int
        switch b0 {
        case 0..<0x80: return (Unicode.Scalar(b0), 1)
        case 0xC0..<0xE0:
            value = UInt32(b0 & 0x1F)
            length = 2
        case 0xE0..<0xF0:
            value = UInt32(b0 & 0x0F)
            length = 3
        default:
            value = UInt32(b0 & 0x07)
            length = 4
        }
        for k in 1..<length where i + k < bytes.count {
            value = (value << 6) | UInt32(bytes[i + k] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    func peekScalar(_ ahead: Int = 0) -> Unicode.Scalar? {
        var i = offset
        for _ in 0..<ahead {
            guard i < bytes.count else { return nil }
            i += scalar(at: i).1
        }
        return i < bytes.count ? scalar(at: i).0 : nil
    }

    func span(_ start: Int) -> SourceSpan { SourceSpan(file: file, start: start, end: offset) }

    // MARK: - Tokens

    mutating func lexOne() {
        let start = offset
        let (c, length) = scalar(at: offset)
        switch c {
        case " ", "\t", "\r", "\u{FEFF}", "\u{A0}":
            offset += length
        case "#":
            while offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") { offset += 1 }
        case "\n":
            offset += 1
            emitNewline(at: start)
        case "\"":
            lexString()
        case "0"..."9":
            lexNumber()
        case ".":
            if let next = peekScalar(1), ("0"..."9").contains(next) {
                lexNumber()
            } else {
                offset += 1
                add(.period, start)
            }
        default:
            if Lexer.isIdentifierStart(c) {
                lexIdentifier()
            } else if let digit = Lexer.superscriptDigits[c] {
                lexSuperscript(first: digit)
            } else if !lexOperator(c, length) {
                offset += length
                diagnostics.append(strayCharacter(c, at: span(start)))
            }
        }
    }

    mutating func add(_ kind: TokenKind, _ start: Int) {
        tokens.append(Token(kind, span(start)))
    }

    /// Emits a statement-ending newline unless the statement visibly goes on.
    mutating func emitNewline(at position: Int) {
        let last = tokens.last
        if last == nil || last?.kind == .newline { return }
        if !brackets.isEmpty {
            guard nextLineStartsStatement() else { return }
            // One message per place, for the outermost bracket (20,000 open brackets are one mistake).
            if let open = brackets.first {
                diagnostics.append(unclosed(open, at: SourceSpan(file: file, start: position, end: position)))
            }
            brackets.removeAll()
        } else if last?.continuesLine == true {
            if !nextLineStartsStatement() { return }
        }
        tokens.append(Token(.newline, SourceSpan(file: file, start: position, end: position)))
    }

    /// Whether the next non-blank, non-comment line begins with a statement keyword.
    func nextLineStartsStatement() -> Bool {
        var i = offset
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n") {
                i += 1
            } else if b == UInt8(ascii: "#") {
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            } else {
                break
            }
        }
        var word = ""
        while i < bytes.count, bytes[i] < 0x80, Lexer.isIdentifierContinue(Unicode.Scalar(bytes[i])) {
            word.unicodeScalars.append(Unicode.Scalar(bytes[i]))
            i += 1
        }
        // Statement keywords are reserved, so `print(2)` at the start of a line is a statement too.
        return Keyword.statements.contains(word) && (i >= bytes.count || bytes[i] < 0x80)
    }

    mutating func lexIdentifier() {
        let start = offset
        while offset < bytes.count {
            let (c, length) = scalar(at: offset)
            guard Lexer.isIdentifierContinue(c) else { break }
            offset += length
        }
        add(.identifier(span(start).text), start)
    }

    /// The largest superscript power: every whole number up to 2⁵³ is exact as a Double,
    /// so `x²⁰⁰⁰⁰⁰⁰` means exactly what `x^2000000` does; a longer run of digits cannot be
    /// represented exactly and is an error (never a smaller power).
    static let largestSuperscript = 1 << 53

    mutating func lexSuperscript(first: Int) {
        let start = offset
        var value = 0
        var tooLarge = false
        while let c = peekScalar(), let d = Lexer.superscriptDigits[c] {
            offset += scalar(at: offset).1
            guard !tooLarge else { continue }
            if value > (Lexer.largestSuperscript - d) / 10 { tooLarge = true } else { value = value * 10 + d }
        }
        if tooLarge {
            diagnostics.append(
                .error(
                    SyntaxMessage.superscriptTooLarge(span(start).text), at: span(start),
                    help: SyntaxMessage.superscriptTooLargeHelp))
        }
        add(.superscript(value), start)
    }

    mutating func lexString() {
        let start = offset
        offset += 1
        var value = ""
        while offset < bytes.count {
            let (c, length) = scalar(at: offset)
            if c == "\n" || (c == "\r" && offset + 1 < bytes.count && bytes[offset + 1] == UInt8(ascii: "\n")) { break }
            offset += length
            if c == "\"" {
                add(.string(value), start)
                return
            }
            if c == "\\", offset < bytes.count {
                let (e, l2) = scalar(at: offset)
                offset += l2
                switch e {
                case "n": value += "\n"
                case "t": value += "\t"
                case "\"": value += "\""
                case "\\": value += "\\"
                default:
                    diagnostics.append(
                        .error(
                            SyntaxMessage.unknownEscape(e),
                            at: SourceSpan(file: file, start: offset - l2 - 1, end: offset),
                            help: SyntaxMessage.knownEscapes))
                }
            } else {
                value.unicodeScalars.append(c)
            }
        }
        diagnostics.append(.error(SyntaxMessage.unterminatedString, at: span(start)))
        add(.string(value), start)
    }

    // MARK: - Diagnostics

    func unclosed(_ open: Token, at place: SourceSpan) -> Diagnostic {
        let close = open.kind == .leftParen ? ")" : "]"
        return Diagnostic.error(
            SyntaxMessage.unclosed(close: close, open: open.text, openedAt: open.span.position), at: place
        ).note(SyntaxMessage.openedHere(open.text), at: open.span)
    }

    func strayCharacter(_ c: Unicode.Scalar, at span: SourceSpan) -> Diagnostic {
        .error(SyntaxMessage.unexpectedCharacter(c), at: span, help: SyntaxMessage.unexpectedCharacterHelp(c))
    }

    /// The byte offset of the first invalid UTF-8 sequence, or nil when the bytes are valid.
    public static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let need: Int
            switch b {
            case 0..<0x80:
                i += 1
                continue
            case 0xC2..<0xE0: need = 1
            case 0xE0..<0xF0: need = 2
            case 0xF0..<0xF5: need = 3
            default: return i
            }
            guard i + need < bytes.count else { return i }
            for k in 1...need where bytes[i + k] & 0xC0 != 0x80 { return i }
            let cp = Lexer.decode(bytes, i, need)
            if (need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF
                || (0xD800...0xDFFF).contains(cp)
            {
                return i
            }
            i += need + 1
        }
        return nil
    }

    static func decode(_ bytes: [UInt8], _ i: Int, _ need: Int) -> UInt32 {
        var v = UInt32(bytes[i]) & (need == 1 ? 0x1F : need == 2 ? 0x0F : 0x07)
        for k in 1...need { v = (v << 6) | (UInt32(bytes[i + k]) & 0x3F) }
        return v
    }
}
