import Diagnostics
import Foundation
import SeededRandom
import Testing

@testable import Syntax

/// Hostile input: deep nesting, very long expressions, random bytes and token soups
/// must give a clear error or parse, and never crash or hang.
///
/// The parser bounds its own recursion (`Parser.maximumNesting` brackets and unary
/// operators, `Parser.maximumDepth` tree height), so these tests run on the test's
/// own thread: a crash here would be a parser bug, not a small test stack.
@Suite struct ParserRobustnessTests {
    typealias F = SyntaxFixture

    static let tooDeep = "expression nested too deeply (more than \(Parser.maximumNesting) levels)"
    static let tooLong = "expression too long: it nests more than \(Parser.maximumDepth) operations"

    @Test func twentyThousandNestedParentheses() {
        let n = 20_000
        let source = "print " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
        #expect(F.parse(source).errors == [Self.tooDeep])
        #expect(F.errors(source).first?.hasPrefix("1:\(7 + Parser.maximumNesting):") == true)
    }

    @Test func twentyThousandUnclosedParentheses() {
        let source = "print " + String(repeating: "(", count: 20_000) + "1\nprint 2"
        let (trees, errors) = F.parse(source)
        #expect(errors == [Self.tooDeep, "expected ')' to close '(' opened at 1:7"])
        #expect(trees == ["(print 2)"])
    }

    @Test func nestingUpToTheLimitParses() {
        let n = Parser.maximumNesting
        let source = "print " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
        #expect(F.parse(source).errors.isEmpty)
        let brackets = "print " + String(repeating: "[", count: n + 1) + "1" + String(repeating: "]", count: n + 1)
        #expect(F.parse(brackets).errors == [Self.tooDeep])
    }

    @Test(arguments: ["-", "+", "−"])
    func twentyThousandUnaryOperators(op: String) {
        let source = "print " + String(repeating: op, count: 20_000) + "1"
        #expect(F.parse(source).errors == [Self.tooDeep])
    }

    @Test func twentyThousandPowers() {
        let source = "print " + Array(repeating: "2", count: 20_000).joined(separator: "^")
        #expect(F.parse(source).errors == [Self.tooDeep])
        let calls = "print " + String(repeating: "f(", count: 20_000) + "1" + String(repeating: ")", count: 20_000)
        #expect(F.parse(calls).errors == [Self.tooDeep])
    }

    @Test func aHundredThousandTermSum() {
        let source = "print 1" + String(repeating: "+1", count: 99_999)
        #expect(F.parse(source).errors == [Self.tooLong])
        // At the limit, it parses.
        let (trees, errors) = Parser.parse(
            F.file("let s = 1" + String(repeating: "+1", count: Parser.maximumDepth - 1)))
        #expect(errors.isEmpty)
        #expect(trees.statements.count == 1)
    }

    @Test(arguments: ["[1]", ".a", " ²", "*2", "·w", "±1", "-1"])
    func longPostfixAndOperatorChains(link: String) {
        let source = "print x" + String(repeating: link, count: 4 * Parser.maximumDepth)
        let errors = F.parse(source).errors
        #expect(errors == [Self.tooLong] || errors == [Self.tooDeep], "\(errors)")
    }

    @Test func aLongVectorParses() {
        let source = "data x = [" + Array(repeating: "1.5", count: 20_000).joined(separator: ", ") + "]"
        let (program, errors) = Parser.parse(F.file(source))
        #expect(errors.isEmpty)
        if case .data(_, let value) = program.statements.first?.kind, case .vector(let items) = value.kind {
            #expect(items.count == 20_000)
        } else {
            Issue.record("not a data vector")
        }
    }

    @Test func manyStatementsAndManyErrors() {
        let good = Array(repeating: "let a = 1", count: 2_000).joined(separator: "\n")
        #expect(F.parse(good).trees.count == 2_000)
        let bad = Array(repeating: "let = $", count: 1_000).joined(separator: "\n")
        #expect(F.parse(bad).errors.count == 2_000)
    }

    typealias Generator = SplitMix64

    /// Parses and lexes `text` and checks the results are coherent (the test is that this returns).
    static func survive(_ text: String) {
        let file = F.file(text)
        let (tokens, lexical) = Lexer.tokenize(file)
        #expect(tokens.last?.kind == .eof)
        #expect(tokens.allSatisfy { $0.span.start <= $0.span.end && $0.span.end <= file.utf8.count })
        let (program, diagnostics) = Parser.parse(file)
        #expect(lexical.isEmpty || !diagnostics.isEmpty)
        let renderer = DiagnosticRenderer(color: false)
        for d in diagnostics.prefix(3) { _ = renderer.render(d) }
        for s in program.statements { _ = s.description }
        _ = Lexer.needsMoreInput(text)
    }

    @Test func randomBytesNeverCrash() {
        var rng = Generator(seed: 0x6D6C65)
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...200, using: &rng)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            // The lexer's validator agrees with the standard library's.
            #expect((Lexer.firstInvalidUTF8(in: bytes) == nil) == (String(validating: bytes, as: UTF8.self) != nil))
            Self.survive(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func randomAsciiNeverCrashes() {
        var rng = Generator(seed: 42)
        let alphabet = Array("abcxyz019 .,:;()[]{}+-*/^~=<>!\"'#\\\n\t\r$_e")
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...200, using: &rng)
            Self.survive(String((0..<length).map { _ in alphabet.randomElement(using: &rng)! }))
        }
    }

    @Test func randomTokenSoupsNeverCrash() {
        var rng = Generator(seed: 7)
        let pieces = [
            "data", "let", "param", "model", "prior", "fit", "show", "derive", "print", "assert", "in", "using",
            "weight", "censored", "within", "trace", "vector", "x", "μ", "σ²", "w\u{302}", "d.y", "Normal", "sigmoid",
            "(", ")", "[", "]", ",", ":", ".", "+", "-", "−", "*", "×", "/", "^", "~", "≈", "~=", "±", "+-", "∈",
            "·", "=", "==", "!=", "≠", "<", "<=", "≤", ">", ">=", "≥", "1", "0.5", ".5", "1e-9", "1.", "1e", "3abc",
            "\"s\"", "\"open", "²", "\n", "\n", "\n", "#", "$", "'", ";", "{",
        ]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...60, using: &rng)
            let separator = Bool.random(using: &rng) ? " " : ""
            Self.survive((0..<count).map { _ in pieces.randomElement(using: &rng)! }.joined(separator: separator))
        }
    }

    /// Valid programs with one token deleted or duplicated: every corruption is survived.
    @Test func mutatedProgramsNeverCrash() {
        let program = """
            data x = [1, 2, 3]
            param w: vector[2] in (-1, 1) = [0, 0]
            model heights: y ~ Normal(a + b·x, σ) weight v censored c
            prior σ ~ Gamma(2, 1)
            fit heights using gradient(lr: 0.01, steps: 10) trace
            assert mean(x) ≈ 2 ± 0.1
            print loglik(μ: 4, σ: 0.6), -2^-1, d.col[1], σ²
            """
        let tokens = Lexer.tokenize(F.file(program)).tokens.dropLast().map(\.text)
        for i in tokens.indices {
            var deleted = tokens
            deleted.remove(at: i)
            Self.survive(deleted.joined(separator: " "))
            var doubled = tokens
            doubled.insert(tokens[i], at: i)
            Self.survive(doubled.joined(separator: " "))
        }
    }
}
