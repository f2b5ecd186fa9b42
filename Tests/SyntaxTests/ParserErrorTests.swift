import Diagnostics
import Testing

@testable import Syntax

/// Every syntax error message, where it points, and recovery after it.
@Suite struct ParserErrorTests {
    typealias F = SyntaxFixture

    @Test(arguments: [
        // expected X, found Y
        ("data x 3", "1:8: expected '=' after 'x', found a number"),
        ("data = 3", "1:6: expected a name, found '='"),
        ("data 3 = 3", "1:6: expected a name, found a number"),
        ("let x =", "1:8: expected an expression, found the end of the input"),
        ("let x = )", "1:9: expected an expression, found ')'"),
        ("let x = 1 +\nprint x", "1:12: expected an expression, found the end of the line"),
        ("print 1 2", "1:9: expected the end of the statement, found a number"),
        ("print", "1:6: expected an expression, found the end of the line"),
        ("print 1,", "1:9: expected an expression, found the end of the input"),
        (#"print "a" "b""#, "1:11: expected the end of the statement, found a string"),
        ("print ²", "1:7: expected an expression, found a superscript"),
        ("print d.", "1:9: expected a column name after '.', found the end of the line"),
        ("print d.1", "1:8: expected the end of the statement, found a number"),
        ("print [1 2]", "1:10: expected ']' to close '[' opened at 1:7, found a number"),
        ("print x[1 2]", "1:11: expected ']' to close '[' opened at 1:8, found a number"),
        ("print f(1 2)", "1:11: expected ')' to close '(' opened at 1:8, found a number"),
        ("print (1 2)", "1:10: expected ')' to close '(' opened at 1:7, found a number"),
        // truncation bounds
        (
            "model k ~ Poisson(λ) truncated(min: 1)",
            "1:32: truncated(...) takes the bounds 'lower:' and 'upper:' (either may be left out)"
        ),
        (
            "model k ~ Poisson(λ) truncated()",
            "1:31: truncated(...) takes the bounds 'lower:' and 'upper:' (either may be left out)"
        ),
        ("model k ~ Poisson(λ) truncated(lower: 1, lower: 2)", "1:42: 'lower' is given twice"),
        ("model k ~ Poisson(λ) censored c censored d", "1:33: 'censored' is given twice"),
        // statements that cannot start so
        (") + 1", "1:1: expected a statement, found ')'"),
        ("* 2", "1:1: expected a statement, found '*'"),
        ("≈ 2", "1:1: expected a statement, found '≈'"),
        ("= 2", "1:1: expected a statement, found '='"),
        ("~ Normal(0, 1)", "1:1: expected a statement, found '~'"),
        (", x", "1:1: expected a statement, found ','"),
        ("in", "1:1: expected a statement, found the keyword 'in'"),
        // keywords used as names
        ("let data = 1", "1:5: 'data' is a keyword and cannot be used as a name"),
        ("data in = 1", "1:6: 'in' is a keyword and cannot be used as a name"),
        ("param fit", "1:7: 'fit' is a keyword and cannot be used as a parameter name"),
        ("prior model ~ Normal(0, 1)", "1:7: 'model' is a keyword and cannot be used as a parameter name"),
        ("model print: y ~ Normal(0, 1)", "1:7: 'print' is a keyword and cannot be used as a model name"),
        ("fit show", "1:5: 'show' is a keyword and cannot be used as a model name"),
        ("derive assert", "1:8: 'assert' is a keyword and cannot be used as a model name"),
        ("show loglik let", "1:13: 'let' is a keyword and cannot be used as a model name"),
        ("print let", "1:7: expected an expression, found the keyword 'let'"),
        ("print in", "1:7: expected an expression, found the keyword 'in'"),
        ("print 1 + data", "1:11: expected an expression, found the keyword 'data'"),
        // arguments and calls
        ("print f(a: 1, 2)", "1:15: a positional argument cannot follow a named one"),
        ("print (1)(2)", "1:10: only a named function can be called"),
        ("print x[1](2)", "1:11: only a named function can be called"),
        ("print 2(3)", "1:8: only a named function can be called"),
        ("print d.f(1)", "1:10: only a named function can be called"),
        // param
        (
            "param p : scalar",
            "1:11: expected a shape after ':' ('vector[K]', 'simplex[K]', 'simplex[K, V]' or 'matrix[K, p]'), found 'scalar'"
        ),
        ("param B : matrix[3]", "1:19: expected ',' and the number of columns in 'matrix[K, p]', found ']'"),
        ("param p : simplex[3, 4, 5]", "1:23: expected ']' to close 'simplex[', found ','"),
        ("param w: vector 3", "1:17: expected '[' after 'vector', found a number"),
        ("param p in 0, 1", "1:12: expected an interval such as '(0, 1)' after 'in', found a number"),
        ("param p ∈ 1", "1:11: expected an interval such as '(0, 1)' after 'in', found a number"),
        ("param p in (0 1)", "1:15: expected ',' between the interval's bounds, found a number"),
        ("param p > 0 1", "1:13: expected the end of the statement, found a number"),
        ("param p = ", "1:11: expected an expression, found the end of the input"),
        // model and prior
        ("model y Normal(0, 1)", "1:9: expected '~' after the modelled data, found 'Normal'"),
        ("model y ~ 3", "1:11: expected a distribution such as 'Normal(μ, σ)' after '~', found a number"),
        ("model y ~ in(1)", "1:11: expected a distribution such as 'Normal(μ, σ)' after '~', found 'in'"),
        ("model y ~ Normal", "1:17: expected '(' after 'Normal', found the end of the line"),
        ("model y ~ Normal(0, 1) weight w weight v", "1:33: 'weight' is given twice"),
        ("model y ~ Normal(0, 1) censored c censored c", "1:35: 'censored' is given twice"),
        ("model y ~ Normal(0, 1) given x", "1:24: expected the end of the statement, found 'given'"),
        ("prior μ Normal(0, 1)", "1:9: expected '~' after 'μ', found 'Normal'"),
        ("prior μ ~ 0", "1:11: expected a distribution such as 'Normal(μ, σ)' after '~', found a number"),
        // fit, show, derive
        (
            "fit using",
            "1:10: expected a method after 'using' (closed, newton or gradient(lr: …, steps: …)), found the end of the line"
        ),
        (
            "fit using 3",
            "1:11: expected a method after 'using' (closed, newton or gradient(lr: …, steps: …)), found a number"
        ),
        ("fit m n", "1:7: expected the end of the statement, found 'n'"),
        ("fit using gradient(lr 0.1)", "1:23: expected ')' to close '(' opened at 1:19, found a number"),
        ("show", "1:5: expected what to show (loglik, score, hessian, stats, …), found the end of the line"),
        ("show 3", "1:6: expected what to show (loglik, score, hessian, stats, …), found a number"),
        ("derive 3", "1:8: expected the end of the statement, found a number"),
        // assert
        ("assert x ≈ 1 within", "1:20: expected an expression, found the end of the line"),
        ("assert x ≈ 1 within 0.1 0.2", "1:25: expected the end of the statement, found a number"),
    ])
    func message(source: String, expected: String) {
        #expect(F.errors(source) == [expected])
    }

    @Test func helpTexts() {
        func help(_ s: String) -> String? { Parser.parse(F.file(s)).diagnostics.first?.help }
        #expect(help("y ~ Normal(0, 1)") == "a likelihood term is written 'model y ~ Dist(...)'")
        #expect(help("x = 3") == "to name a value, write 'let NAME = ...' (or 'data NAME = ...')")
        #expect(help("print 1 2") == "put each statement on its own line")
        #expect(help("let data = 1") == "choose another name, such as 'data_'")
        #expect(help("print let") == "'let' starts a statement; put it on its own line")
        #expect(help("print in") == nil)
        #expect(help("print f(a: 1, 2)") == "put positional arguments first")
        #expect(help("print (1)(2)") == "to multiply, write '*' before '('")
        // A name in parentheses is still a name: `(f)(1)` is `f(1)`.
        #expect(F.tree("print (f)(1)") == "(print (f 1))")
        #expect(help("param p: real") == "a scalar parameter needs no shape: 'param p'")
        #expect(help("model y Normal(0, 1)") == "write 'model y ~ Normal(μ, σ)'")
        #expect(help("model y ~ Normal") == "a distribution takes its parameters in parentheses: Normal(...)")
    }

    @Test func unclosedBracketsSayWhereTheyOpened() {
        let (_, diagnostics) = Parser.parse(F.file("data x = [1, 2\nprint x"))
        #expect(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(d.message == "expected ']' to close '[' opened at 1:10")
        #expect(d.span?.position == "1:15")
        #expect(d.notes.map(\.message) == ["'[' opened here"])
        #expect(d.notes.first?.span?.position == "1:10")
        #expect(
            DiagnosticRenderer(color: false).render(d) == """
                t.mle:1:15: error: expected ']' to close '[' opened at 1:10
                   1 | data x = [1, 2
                     |               ^
                     |          ^ '[' opened here

                """)
    }

    /// Several brackets left open at the end are one mistake: one message, for the outermost.
    @Test func nestedUnclosedBracketsAtTheEnd() {
        #expect(F.errors("print f([1, (2") == ["1:15: expected ')' to close '(' opened at 1:8"])
        #expect(F.lexErrors("print f([1, (2") == ["expected ')' to close '(' opened at 1:8"])
    }

    /// A closing bracket of the wrong kind is one mistake, reported once (by the parser), not
    /// again as an unclosed bracket at the end of the line.
    @Test(arguments: [
        ("print (1]", "1:9: expected ')' to close '(' opened at 1:7, found ']'"),
        ("print [1)\nprint 2", "1:9: expected ']' to close '[' opened at 1:7, found ')'"),
    ])
    func mismatchedBracketIsOneError(source: String, expected: String) {
        #expect(F.errors(source) == [expected])
    }

    /// Three syntax errors on three lines are all reported, and the good statements around them parse.
    @Test func recoveryReportsEveryError() {
        let source = """
            data x = [1, 2, 3]
            let a = 3 +* 4
            print x
            let b = 1.2.3
            param p in 0, 1
            print mean(x)
            """
        let (trees, errors) = F.parse(source)
        #expect(
            F.errors(source) == [
                "2:12: expected an expression, found '*'",
                "4:9: malformed number '1.2.3'",
                "5:12: expected an interval such as '(0, 1)' after 'in', found a number",
            ])
        #expect(errors.count == 3)
        #expect(trees == ["(data x [1 2 3])", "(print x)", "(let b nan)", "(print (mean x))"])
    }

    @Test func oneErrorPerStatement() {
        #expect(
            F.errors("print 1 2 3 4\nprint ) ) )") == [
                "1:9: expected the end of the statement, found a number",
                "2:7: expected an expression, found ')'",
            ])
    }

    @Test func diagnosticsComeInSourceOrder() {
        let positions = Parser.parse(F.file("print $\nprint (\nlet = 1\nprint 1.\nshow 3")).diagnostics.compactMap(
            \.span?.start)
        #expect(positions == positions.sorted())
        #expect(positions.count >= 5)
    }
}
