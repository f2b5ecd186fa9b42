import Diagnostics
import Testing

@testable import Syntax

/// Precedence and associativity, from the one table in Precedence.swift.
@Suite struct ParserExpressionTests {
    typealias F = SyntaxFixture

    @Test(arguments: [
        // Power binds tighter than unary minus, and is right-associative.
        ("-2^2", "(- (^ 2 2))"),
        ("2^3^2", "(^ 2 (^ 3 2))"),
        ("2^-1", "(^ 2 (- 1))"),
        ("2^-x^2", "(^ 2 (- (^ x 2)))"),
        ("-x²", "(- (^ x 2))"),
        ("x²^3", "(^ (^ x 2) 3)"),
        ("2^x²", "(^ 2 (^ x 2))"),
        ("--x", "(- (- x))"),
        ("-+x", "(- (+ x))"),
        // Multiplicative over additive; both left-associative.
        ("a + b * c", "(+ a (* b c))"),
        ("a * b + c", "(+ (* a b) c)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b / c", "(/ (/ a b) c)"),
        ("a / b * c", "(* (/ a b) c)"),
        ("-a * b", "(* (- a) b)"),
        ("a * -b", "(* a (- b))"),
        ("a - -b", "(- a (- b))"),
        // The dot product is multiplicative.
        ("w·x + b", "(+ (· w x) b)"),
        ("w⋅x * 2", "(* (· w x) 2)"),
        ("b + w·x", "(+ b (· w x))"),
        // ± is looser than +, tighter than comparison and ≈.
        ("a ≈ b ± t", "(≈ a (± b t))"),
        ("a ± b + c", "(± a (+ b c))"),
        ("a ± b ± c", "(± (± a b) c)"),
        ("a ≈ b + 1", "(≈ a (+ b 1))"),
        ("a < b ± c", "(< a (± b c))"),
        ("a ≈ (b < c)", "(≈ a (< b c))"),
        ("a == b + 1", "(== a (+ b 1))"),
        ("a ≠ b", "(!= a b)"),
        ("a ≤ b", "(<= a b)"),
        ("a ≥ b", "(>= a b)"),
        ("a − b × c ÷ d", "(- a (/ (* b c) d))"),
        // Postfix binds tightest.
        ("-x[1]", "(- (index x 1))"),
        ("x[1]^2", "(^ (index x 1) 2)"),
        ("d.x²", "(^ (. d x) 2)"),
        ("-f(x)^2", "(- (^ (f x) 2))"),
        ("f(x)[1][2]", "(index (index (f x) 1) 2)"),
        ("[1, -2, 3 * 4]", "[1 (- 2) (* 3 4)]"),
        ("(a + b) * c", "(* (+ a b) c)"),
        ("((a))", "a"),
    ])
    func precedence(source: String, tree: String) {
        #expect(F.tree("print \(source)") == "(print \(tree))")
    }

    @Test(arguments: [
        ("a < b < c", "'<' and '<' cannot be chained", "1:13"),
        ("a == b != c", "'==' and '!=' cannot be chained", "1:14"),
        ("a ≈ b ≈ c", "'≈' and '≈' cannot be chained", "1:13"),
        ("a ~= b ≈ c", "'~=' and '≈' cannot be chained", "1:14"),
        ("a <= b > c", "'<=' and '>' cannot be chained", "1:14"),
        ("1 < 2 + 3 < 4", "'<' and '<' cannot be chained", "1:17"),
    ])
    func nonAssociativeOperatorsCannotBeChained(source: String, message: String, position: String) {
        #expect(F.errors("print \(source)") == ["\(position): \(message)"])
        let d = Parser.parse(F.file("print \(source)")).diagnostics.first
        #expect(d?.help == "add parentheses, or split it into two statements")
    }

    @Test func parenthesesAllowWhatChainingForbids() {
        #expect(F.tree("print (a < b) < c") == "(print (< (< a b) c))")
        #expect(F.tree("print a ≈ (b ≈ c)") == "(print (≈ a (≈ b c)))")
    }

    @Test func operatorsAndPrecedenceTableAgree() {
        for op in BinaryOperator.allCases where op != .power {
            let kind = TokenKind.spelling.first { Precedence.binary($0.key)?.0 == op }?.key
            #expect(kind != nil, "no token for \(op)")
            if let kind { #expect(Precedence.binary(kind)?.level == Precedence.level(of: op)) }
        }
        #expect(Precedence.level(of: .power) == Precedence.power)
        #expect(Precedence.unary < Precedence.power)
    }
}
