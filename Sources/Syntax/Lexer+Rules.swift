import Diagnostics

/// The lexical rules: what starts and continues a name, numbers, operators.
extension Lexer {
    static let superscriptDigits: [Unicode.Scalar: Int] = [
        "⁰": 0, "¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9,
    ]

    /// Letters of any script and `_` start a name.
    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        if c == "_" { return true }
        if c.isASCII { return ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return false
        }
    }

    /// After the first character a name may also have digits, combining marks
    /// (ŵ written as w + ̂), subscripts (x₁, σₓ) and primes (x′).
    static func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
        if isIdentifierStart(c) || ("0"..."9").contains(c) { return true }
        if (0x2080...0x209C).contains(c.value) || c == "′" || c == "″" { return true }
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .decimalNumber: return !c.isASCII
        default: return false
        }
    }

    /// number = digits [ "." digits ] [ exponent ] | "." digits [ exponent ]
    /// exponent = ( "e" | "E" ) [ "+" | "-" ] digits
    mutating func lexNumber() {
        let start = offset
        skipDigits()
        if peekByte() == "." {
            offset += 1
            if !isDigit(peekByte()) {
                consumeNameTail()
                diagnostics.append(.error(SyntaxMessage.digitAfterPoint(span(start).text), at: span(start)))
                add(.number(.nan), start)
                return
            }
            skipDigits()
        }
        if peekByte() == "e" || peekByte() == "E" {
            let mark = offset
            offset += 1
            if peekByte() == "+" || peekByte() == "-" { offset += 1 }
            if !isDigit(peekByte()) {
                offset = max(offset, mark + 1)
                consumeNameTail()
                diagnostics.append(.error(SyntaxMessage.digitsInExponent(span(start).text), at: span(start)))
                add(.number(.nan), start)
                return
            }
            skipDigits()
        }
        if let c = peekScalar(), Lexer.isIdentifierContinue(c) || c == "." {
            consumeNameTail()
            let text = span(start).text
            let help =
                text.contains(".") && text.filter({ $0 == "." }).count > 1
                ? SyntaxMessage.oneDecimalPoint
                : SyntaxMessage.multiplyNumberAndName
            diagnostics.append(.error(SyntaxMessage.malformedNumber(text), at: span(start), help: help))
            add(.number(.nan), start)
            return
        }
        let text = span(start).text
        let value = Double(text) ?? .nan
        // A literal beyond a double's range would silently become ∞ or 0.
        if value.isInfinite || (value == 0 && Lexer.mantissaIsNonzero(text)) {
            diagnostics.append(
                .error(SyntaxMessage.numberOutOfRange(text, overflow: value.isInfinite), at: span(start)))
            add(.number(.nan), start)
            return
        }
        add(.number(value), start)
    }

    /// Whether the digits before the exponent of a number literal are not all zero.
    static func mantissaIsNonzero(_ text: String) -> Bool {
        text.prefix { $0 != "e" && $0 != "E" }.contains { ("1"..."9").contains($0) }
    }

    mutating func consumeNameTail() {
        while let c = peekScalar(), Lexer.isIdentifierContinue(c) || c == "." {
            offset += scalar(at: offset).1
        }
    }

    func peekByte() -> Unicode.Scalar? {
        offset < bytes.count ? Unicode.Scalar(bytes[offset]) : nil
    }

    func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("0"..."9").contains(c)
    }

    mutating func skipDigits() {
        while isDigit(peekByte()) { offset += 1 }
    }

    /// The two-character ASCII spellings.
    static let twoCharacterOperators: [String: TokenKind] = [
        "~=": .approx, "+-": .plusMinus, "==": .equal, "!=": .notEqual, "<=": .lessEqual, ">=": .greaterEqual,
    ]

    static let oneCharacterOperators: [Unicode.Scalar: TokenKind] = [
        "+": .plus, "-": .minus, "−": .minus, "*": .star, "×": .star, "/": .slash, "÷": .slash,
        "^": .caret, "~": .tilde, "≈": .approx, "±": .plusMinus, "∈": .elementOf,
        "·": .middleDot, "⋅": .middleDot, "=": .assign, "≠": .notEqual, "<": .less, "≤": .lessEqual,
        ">": .greater, "≥": .greaterEqual, "(": .leftParen, ")": .rightParen, "[": .leftBracket,
        "]": .rightBracket, ",": .comma, ":": .colon,
    ]

    /// Operators, with maximal munch for the two-character ASCII spellings.
    mutating func lexOperator(_ c: Unicode.Scalar, _ length: Int) -> Bool {
        let start = offset
        if let next = peekScalar(1), let kind = Lexer.twoCharacterOperators[String(c) + String(next)] {
            offset += 2
            add(kind, start)
            return true
        }
        guard let kind = Lexer.oneCharacterOperators[c] else { return false }
        offset += length
        add(kind, start)
        trackBracket(kind)
        return true
    }

    mutating func trackBracket(_ kind: TokenKind) {
        guard let token = tokens.last else { return }
        switch kind {
        case .leftParen, .leftBracket:
            brackets.append(token)
        case .rightParen, .rightBracket:
            let want: TokenKind = kind == .rightParen ? .leftParen : .leftBracket
            if let i = brackets.lastIndex(where: { $0.kind == want }) {
                brackets.removeSubrange(i...)
            } else if !brackets.isEmpty {
                // `(0, 1]`: the wrong closer still closes the innermost bracket; the
                // parser reports the mismatch, so it is not reported again as unclosed.
                brackets.removeLast()
            }
        default:
            break
        }
    }
}
