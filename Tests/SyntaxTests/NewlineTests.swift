import Diagnostics
import Testing

@testable import Syntax

/// Where a statement ends: at a newline, unless a bracket is open or the line
/// ends in an operator; a statement keyword always starts a new statement.
@Suite struct NewlineTests {
    typealias F = SyntaxFixture

    /// The number of statement-ending newlines in `text`.
    static func newlines(_ text: String) -> Int {
        F.kinds(text).filter { $0 == .newline }.count
    }

    @Test func aNewlineEndsAStatementAndBlankLinesCollapse() {
        #expect(Self.newlines("let a = 1\nlet b = 2") == 2)
        #expect(Self.newlines("let a = 1\n\n\n# comment\n\nlet b = 2\n\n") == 2)
        #expect(Self.newlines("\n\nlet a = 1") == 1)
    }

    @Test func newlinesInsideBracketsAreIgnored() {
        #expect(F.parse("data x = [1,\n  2,\n  3\n]\nprint x").trees == ["(data x [1 2 3])", "(print x)"])
        #expect(F.parse("let y = (1\n + 2)\nprint y").trees == ["(let y (+ 1 2))", "(print y)"])
        #expect(F.parse("data m = [[1, 2],\n\n  [3, 4]]").trees == ["(data m [[1 2] [3 4]])"])
        #expect(F.parse("print mean(\n  x\n)").trees == ["(print (mean x))"])
    }

    @Test(arguments: ["+", "-", "*", "/", "^", "~=", "≈", "±", "+-", "·", "==", "!=", "<", "<=", ">", ">=", ","])
    func aLineEndingInABinaryOperatorContinues(op: String) {
        let kinds = F.kinds("a \(op)\n  b")
        #expect(kinds.filter { $0 == .newline }.count == 1)
        #expect(kinds.last == .newline)
        #expect(kinds.count == 4)
    }

    @Test func continuationSurvivesCommentsAndBlankLines() {
        #expect(F.parse("let a = 1 + # more below\n\n  # still more\n  2").trees == ["(let a (+ 1 2))"])
        #expect(F.parse("param p in\n  (0, 1)").trees == ["(param p (in 0 1))"])
        #expect(F.parse("param p ∈\n  (0, 1)").trees == ["(param p (in 0 1))"])
        #expect(F.parse("model y ~\n  Normal(0, 1)").trees == ["(model y ~ (Normal 0 1))"])
        #expect(F.parse("let a = 1 +\r\n  2").trees == ["(let a (+ 1 2))"])
    }

    @Test func aLineNotEndingInAnOperatorDoesNotContinue() {
        #expect(F.parse("let a = 1\n+ 2").trees == ["(let a 1)", "(+ 2)"])
    }

    /// A statement keyword at the start of a line ends an operator's continuation...
    @Test func aStatementKeywordEndsADanglingOperator() {
        let (trees, errors) = F.parse("let a = 1 +\nprint 2")
        #expect(trees == ["(print 2)"])
        #expect(errors == ["expected an expression, found the end of the line"])
    }

    /// ...and closes an unclosed bracket, reported where it was left open.
    @Test func aStatementKeywordEndsAnUnclosedBracket() {
        let text = "print (1 + 2\nlet b = [3\nprint b"
        let (trees, errors) = F.parse(text)
        #expect(trees == ["(print b)"])
        #expect(errors == ["expected ')' to close '(' opened at 1:7", "expected ']' to close '[' opened at 2:9"])
        #expect(F.errors(text).map { $0.prefix(5) } == ["1:13:", "2:11:"])
    }

    @Test func onlyARealKeywordEndsAStatement() {
        // A name that merely starts like a keyword does not.
        #expect(F.parse("let a = [1,\n  dataset]").errors.isEmpty)
        #expect(F.parse("let a = [1,\n  data_x]").errors.isEmpty)
        #expect(F.parse("let a = [1,\n  dataμ]").errors.isEmpty)
        // Statement keywords are reserved, so `print(2)` at the start of a line starts a statement.
        #expect(
            F.parse("let a = (1 +\n  print(2))").errors == [
                "expected ')' to close '(' opened at 1:9", "expected the end of the statement, found ')'",
            ])
    }

    @Test func theEndOfTheInputEndsTheLastStatement() {
        #expect(F.kinds("print 1") == [.identifier("print"), .number(1), .newline])
        #expect(F.kinds("print 1\n") == [.identifier("print"), .number(1), .newline])
        #expect(F.parse("print (1").errors == ["expected ')' to close '(' opened at 1:7"])
        #expect(F.parse("let a = 1 +").errors == ["expected an expression, found the end of the input"])
    }

    @Test(arguments: [
        ("print (1", true), ("print [1, 2,", true), ("data x = [\n  1,", true), ("let a = 1 +", true),
        ("let a = 1 +  # comment", true), ("let a = 1 ·", true), ("assert a ≈", true), ("print a,", true),
        ("param p in", true), ("param p ∈", true), ("model y ~", true), ("print f(g(1)", true),
        ("let a = 1 +\n", true), ("let a = 1 +\n\n", true),
        ("print 1", false), ("", false), ("# just a comment", false), ("print (1)", false), ("data x = [1, 2]", false),
        ("print 1)", false), ("print \"abc", false), ("let a = 1 +\nprint 2", false), ("print (1\nlet b = 2", false),
        ("fit", false), ("print a\n", false), ("print σ²", false),
    ])
    func needsMoreInput(text: String, expected: Bool) {
        #expect(Lexer.needsMoreInput(text) == expected)
    }
}
