import Diagnostics
import Testing

@testable import Syntax

/// Tokens, names, numbers, strings and the lexer's error messages.
@Suite struct LexerTests {
    typealias F = SyntaxFixture

    @Test func everyOperatorAndPunctuationKind() {
        let cases: [(String, TokenKind)] = [
            ("+", .plus), ("-", .minus), ("*", .star), ("/", .slash), ("^", .caret), ("~", .tilde),
            ("≈", .approx), ("±", .plusMinus), ("∈", .elementOf), ("·", .middleDot), ("=", .assign),
            ("==", .equal), ("!=", .notEqual), ("<", .less), ("<=", .lessEqual), (">", .greater),
            (">=", .greaterEqual), (",", .comma), (":", .colon), (".", .period),
        ]
        for (text, kind) in cases {
            #expect(F.kinds("a \(text) b") == [.identifier("a"), kind, .identifier("b"), .newline], "\(text)")
        }
        #expect(F.kinds("( ) [ ]") == [.leftParen, .rightParen, .leftBracket, .rightBracket, .newline])
    }

    /// Each Unicode operator and its ASCII (or alternative Unicode) spelling are the same token.
    @Test(arguments: [
        ("≈", "~="), ("±", "+-"), ("·", "⋅"), ("-", "−"), ("*", "×"), ("/", "÷"), ("<=", "≤"), (">=", "≥"),
        ("!=", "≠"),
    ])
    func operatorSpellingsAgree(a: String, b: String) {
        let x = F.kinds("p \(a) q")
        #expect(x.count == 4)
        #expect(x == F.kinds("p \(b) q"))
        #expect(F.lexErrors("p \(a) q \(b) r").isEmpty)
    }

    /// `∈` is a token; `in` stays a (reserved) word that the parser reads as `∈`.
    @Test func elementOfAndIn() {
        #expect(F.kinds("p ∈ q") == [.identifier("p"), .elementOf, .identifier("q"), .newline])
        #expect(F.kinds("p in q") == [.identifier("p"), .identifier("in"), .identifier("q"), .newline])
        #expect(F.tree("param p ∈ (0, 1)") == F.tree("param p in (0, 1)"))
    }

    @Test func maximalMunchOfTwoCharacterOperators() {
        #expect(F.kinds("a~=b") == [.identifier("a"), .approx, .identifier("b"), .newline])
        #expect(F.kinds("a~ =b") == [.identifier("a"), .tilde, .assign, .identifier("b"), .newline])
        #expect(F.kinds("a+-b") == [.identifier("a"), .plusMinus, .identifier("b"), .newline])
        #expect(F.kinds("a+ -b") == [.identifier("a"), .plus, .minus, .identifier("b"), .newline])
        #expect(F.kinds("a===b") == [.identifier("a"), .equal, .assign, .identifier("b"), .newline])
        #expect(F.kinds("a<=-1") == [.identifier("a"), .lessEqual, .minus, .number(1), .newline])
    }

    @Test(arguments: [
        "μ", "σ", "θ", "λ", "\u{175}", "w\u{302}", "x₁", "x′", "x″", "σₓ", "_x", "x_1", "β0", "Δt", "ŷ", "名前",
        "x٣",
    ])
    func unicodeIdentifiers(name: String) {
        #expect(F.kinds(name) == [.identifier(name), .newline])
        #expect(F.lexErrors("let \(name) = 1").isEmpty)
        #expect(F.tree("let \(name) = 1") == "(let \(name) 1)")
    }

    /// ŵ precomposed (U+0175) and w + U+0302 are canonically equivalent: the same name.
    @Test func precomposedAndDecomposedNamesAreTheSameName() {
        let (tokens, _) = Lexer.tokenize(F.file("\u{175} w\u{302}"))
        #expect(tokens[0].kind == tokens[1].kind)
        #expect(tokens[0].text.unicodeScalars.count == 1)
        #expect(tokens[1].text.unicodeScalars.count == 2)
        #expect(tokens[1].span.end - tokens[1].span.start == 3)
    }

    @Test func namesCannotStartWithADigitOrMark() {
        #expect(F.kinds("x1") == [.identifier("x1"), .newline])
        #expect(F.lexErrors("\u{302}x") == ["unexpected character '\u{302}' (U+0302)"])
        #expect(F.lexErrors("₁") == ["unexpected character '₁' (U+2081)"])
    }

    @Test(arguments: [
        ("3", 3.0), ("0.5", 0.5), (".5", 0.5), ("1e-9", 1e-9), ("2.5E+3", 2500.0), ("1e3", 1000.0),
        ("007", 7.0), ("1.25e2", 125.0), ("0", 0.0), ("123456789012", 123456789012.0),
    ])
    func numbers(text: String, value: Double) {
        #expect(F.kinds(text) == [.number(value), .newline])
        #expect(F.lexErrors(text).isEmpty)
    }

    @Test func aMinusSignIsAnOperatorNotPartOfTheNumber() {
        #expect(F.kinds("-3") == [.minus, .number(3), .newline])
        #expect(F.kinds("1-2") == [.number(1), .minus, .number(2), .newline])
        #expect(F.kinds("1e-2-3") == [.number(0.01), .minus, .number(3), .newline])
    }

    @Test(
        arguments: [
            ("1.", "malformed number '1.': expected a digit after the decimal point", nil),
            ("1e", "malformed number '1e': expected digits in the exponent after 'e'", nil),
            ("1e+", "malformed number '1e+': expected digits in the exponent after 'e'", nil),
            ("2E-", "malformed number '2E-': expected digits in the exponent after 'e'", nil),
            ("1.e5", "malformed number '1.e5': expected a digit after the decimal point", nil),
            ("3abc", "malformed number '3abc'", "to multiply, write '*' between the number and the name"),
            ("2μ", "malformed number '2μ'", "to multiply, write '*' between the number and the name"),
            ("1e5x", "malformed number '1e5x'", "to multiply, write '*' between the number and the name"),
            ("1.2.3", "malformed number '1.2.3'", "a number has at most one decimal point"),
            (".5.5", "malformed number '.5.5'", "a number has at most one decimal point"),
        ] as [(String, String, String?)])
    func malformedNumbers(text: String, message: String, help: String?) {
        let (tokens, diagnostics) = Lexer.tokenize(F.file("let x = \(text)"))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == message)
        #expect(diagnostics.first?.help == help)
        // The whole malformed text is one token, underlined whole.
        #expect(diagnostics.first?.span?.text == text)
        #expect(tokens.map(\.text) == ["let", "x", "=", text, "", ""])
    }

    @Test func malformedNumbersStopAtOperators() {
        #expect(F.lexErrors("1.+2") == ["malformed number '1.': expected a digit after the decimal point"])
        #expect(F.kinds("1e+2+3") == [.number(100), .plus, .number(3), .newline])
    }

    @Test func strings() {
        #expect(F.kinds(#""hello, world""#) == [.string("hello, world"), .newline])
        #expect(F.kinds(#""""#) == [.string(""), .newline])
        #expect(F.kinds(#""a\nb\tc\"d\\e""#) == [.string("a\nb\tc\"d\\e"), .newline])
        #expect(F.kinds(#""μ = ½ # not a comment""#) == [.string("μ = ½ # not a comment"), .newline])
        #expect(F.lexErrors(#""a\nb\tc\"d\\e""#).isEmpty)
    }

    @Test func unknownEscape() {
        let (tokens, diagnostics) = Lexer.tokenize(F.file(#"print "a\qb""#))
        #expect(diagnostics.map(\.message) == [#"unknown escape '\q' in a string"#])
        #expect(diagnostics.first?.span?.text == #"\q"#)
        #expect(diagnostics.first?.help == #"the escapes are \n, \t, \" and \\"#)
        #expect(tokens[1].kind == .string("ab"))
    }

    @Test func unterminatedString() {
        let (tokens, diagnostics) = Lexer.tokenize(F.file("print \"abc\nprint 1"))
        #expect(diagnostics.map(\.message) == [#"unterminated string: expected '"' before the end of the line"#])
        #expect(diagnostics.first?.span?.text == "\"abc")
        #expect(diagnostics.first?.notes.isEmpty == true)
        // Lexing goes on at the next line.
        #expect(
            tokens.map(\.kind) == [
                .identifier("print"), .string("abc"), .newline, .identifier("print"), .number(1), .newline, .eof,
            ])
    }

    /// In a CRLF file an unterminated string stops before the '\r', which is not part of it.
    @Test func unterminatedStringWithCRLF() {
        let (tokens, diagnostics) = Lexer.tokenize(F.file("print \"abc\r\nprint 1\r\n"))
        #expect(diagnostics.first?.span?.text == "\"abc")
        #expect(tokens[1].kind == .string("abc"))
    }

    @Test(
        arguments: [
            ("$", "unexpected character '$' (U+0024)", nil),
            ("'", "unexpected character ''' (U+0027)", "strings are written in double quotes: \"...\""),
            (
                ";", "unexpected character ';' (U+003B)",
                "statements end at the end of a line; put the next one on its own line"
            ),
            ("{", "unexpected character '{' (U+007B)", "use '(' and ')' to group, '[' and ']' for vectors"),
            ("}", "unexpected character '}' (U+007D)", "use '(' and ')' to group, '[' and ']' for vectors"),
            ("!", "unexpected character '!' (U+0021)", "'!=' means 'not equal'"),
            ("@", "unexpected character '@' (U+0040)", nil),
            ("\u{7}", "unexpected character U+0007", nil),
            ("€", "unexpected character '€' (U+20AC)", nil),
            ("😀", "unexpected character '😀' (U+1F600)", nil),
            ("\u{FFFD}", "unexpected character '\u{FFFD}' (U+FFFD)", nil),
        ] as [(String, String, String?)])
    func strayCharacters(c: String, message: String, help: String?) {
        let (tokens, diagnostics) = Lexer.tokenize(F.file("let x = 1 \(c) 2"))
        #expect(diagnostics.map(\.message) == [message])
        #expect(diagnostics.first?.help == help)
        #expect(diagnostics.first?.span?.text == c)
        #expect(diagnostics.first?.span?.position == "1:11")
        // The character is skipped and lexing goes on.
        #expect(
            tokens.map(\.kind) == [
                .identifier("let"), .identifier("x"), .assign, .number(1), .number(2), .newline, .eof,
            ])
    }

    @Test func severalLexicalErrorsAreAllReported() {
        #expect(
            F.lexErrors("let a = $\nlet b = 1.\nlet c = \"x\n") == [
                "unexpected character '$' (U+0024)",
                "malformed number '1.': expected a digit after the decimal point",
                #"unterminated string: expected '"' before the end of the line"#,
            ])
    }

    @Test func whitespaceCommentsAndByteOrderMark() {
        #expect(F.kinds("\u{FEFF}a\t\u{A0}b # c ≈ d\n") == [.identifier("a"), .identifier("b"), .newline])
        #expect(F.kinds("# only a comment") == [])
        #expect(F.kinds("") == [])
        #expect(F.kinds("\n\n  \n") == [])
    }

    @Test func superscripts() {
        #expect(F.kinds("σ²") == [.identifier("σ"), .superscript(2), .newline])
        #expect(F.kinds("x¹⁰") == [.identifier("x"), .superscript(10), .newline])
        #expect(F.kinds("x²⁰") == [.identifier("x"), .superscript(20), .newline])
        #expect(F.kinds("x⁰¹²³⁴⁵⁶") == [.identifier("x"), .superscript(123_456), .newline])
        #expect(
            F.kinds("(a+b)³") == [
                .leftParen, .identifier("a"), .plus, .identifier("b"), .rightParen, .superscript(3), .newline,
            ])
        // Exact up to 2⁵³: x²⁰⁰⁰⁰⁰⁰ is x^2000000 (it was once capped at a million, silently).
        #expect(F.kinds("x²⁰⁰⁰⁰⁰⁰") == [.identifier("x"), .superscript(2_000_000), .newline])
        #expect(F.kinds("x⁹⁰⁰⁷¹⁹⁹²⁵⁴⁷⁴⁰⁹⁹²") == [.identifier("x"), .superscript(1 << 53), .newline])
        #expect(F.tree("print σ²") == "(print (^ σ 2))")
        #expect(F.tree("print -x²") == "(print (- (^ x 2)))")
    }

    /// A power with more digits than a Double holds exactly is an error naming it, never a smaller power.
    @Test func superscriptTooLarge() {
        for digits in ["⁹⁰⁰⁷¹⁹⁹²⁵⁴⁷⁴⁰⁹⁹³", String(repeating: "⁹", count: 40)] {
            let (_, diagnostics) = Lexer.tokenize(F.file("print x" + digits))
            #expect(diagnostics.count == 1)
            #expect(diagnostics.first?.span?.text == digits)
            #expect(diagnostics.first?.message.hasPrefix("the superscript power \(digits) is too large") == true)
        }
    }

    @Test func tokenSpansAndDump() {
        let (tokens, _) = Lexer.tokenize(F.file("let μ = 0.5\nprint μ²"))
        #expect(
            tokens.map(\.description) == [
                "1:1 identifier let", "1:5 identifier μ", "1:7 operator =", "1:9 number(0.5) 0.5", "1:12 newline",
                "2:1 identifier print", "2:7 identifier μ", "2:8 superscript(2) ²", "2:9 newline", "2:9 eof",
            ])
    }

    @Test func tokenDescriptionsForMessages() {
        #expect(TokenKind.identifier("x").description == "'x'")
        #expect(TokenKind.number(1).description == "a number")
        #expect(TokenKind.string("s").description == "a string")
        #expect(TokenKind.superscript(2).description == "a superscript")
        #expect(TokenKind.newline.description == "the end of the line")
        #expect(TokenKind.eof.description == "the end of the input")
        #expect(TokenKind.approx.description == "'≈'")
        #expect(TokenKind.lessEqual.description == "'<='")
        #expect(TokenKind.period.description == "'.'")
    }

    @Test(
        arguments: [
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xE2, 0x82], [0xC3], [0xC3, 0x41],
        ] as [[UInt8]])
    func invalidUTF8IsFoundAtItsFirstByte(sequence: [UInt8]) {
        #expect(Lexer.firstInvalidUTF8(in: Array("ab".utf8) + sequence + Array("cd".utf8)) == 2)
    }

    @Test func validUTF8IsAccepted() {
        #expect(Lexer.firstInvalidUTF8(in: Array("x μ ≈ 𝑥 \u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}".utf8)) == nil)
        #expect(Lexer.firstInvalidUTF8(in: []) == nil)
    }
}
