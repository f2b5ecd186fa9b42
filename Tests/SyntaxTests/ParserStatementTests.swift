import Diagnostics
import Testing

@testable import Syntax

/// Every statement form of Parser+Statements.swift, compared as S-expressions.
@Suite struct ParserStatementTests {
    typealias F = SyntaxFixture

    @Test(arguments: [
        // data / let
        ("data x = [1, 2, 3]", "(data x [1 2 3])"),
        ("data x = []", "(data x [])"),
        ("data x = [1, 2, 3,]", "(data x [1 2 3])"),
        ("data m = [[1, 2], [3, 4]]", "(data m [[1 2] [3 4]])"),
        (#"data d = csv("data/cars.csv")"#, #"(data d (csv "data/cars.csv"))"#),
        ("data s = sample(Normal(5, 2), 200, seed: 42)", "(data s (sample (Normal 5 2) 200 seed: 42))"),
        ("data X = d[speed, dist]", "(data X (index d speed dist))"),
        ("let z = (x - μ) / σ", "(let z (/ (- x μ) σ))"),
        ("let v = d.speed", "(let v (. d speed))"),
        // param
        ("param p", "(param p)"),
        ("param p in (0, 1)", "(param p (in 0 1))"),
        ("param p ∈ (0, 1) = 0.3", "(param p (in 0 1) (= 0.3))"),
        ("param p in [0, 1]", "(param p (in 0 1))"),
        ("param σ > 0", "(param σ (> 0))"),
        ("param σ >= 0", "(param σ (> 0))"),
        ("param σ > 0 = 2", "(param σ (> 0) (= 2))"),
        ("param b < 10", "(param b (< 10))"),
        ("param b <= -1 + 2", "(param b (< (+ (- 1) 2)))"),
        ("param μ = -3", "(param μ (= (- 3)))"),
        ("param w: vector[3]", "(param w (vector 3))"),
        ("param w : vector[K] = [0, 0, 0]", "(param w (vector K) (= [0 0 0]))"),
        ("param w: vector[2] in (-1, 1)", "(param w (vector 2) (in (- 1) 1))"),
        ("param p : simplex[3]", "(param p (simplex 3))"),
        ("param P : simplex[K, V]", "(param P (simplex K V))"),
        ("param B : matrix[3, ncol(x)]", "(param B (matrix 3 (ncol x)))"),
        // model
        ("model flips ~ Bernoulli(p)", "(model flips ~ (Bernoulli p))"),
        ("model y ~ Normal(μ, σ)", "(model y ~ (Normal μ σ))"),
        ("model y ~ Bernoulli(sigmoid(w·x))", "(model y ~ (Bernoulli (sigmoid (· w x))))"),
        ("model heights: y ~ Normal(a + b * x, σ)", "(model heights: y ~ (Normal (+ a (* b x)) σ))"),
        ("model y ~ Normal(μ, σ) weight w", "(model y ~ (Normal μ σ) (weight w))"),
        ("model t ~ Exponential(λ) censored c weight w", "(model t ~ (Exponential λ) (weight w) (censored c))"),
        ("model d.y ~ Poisson(exp(b))", "(model (. d y) ~ (Poisson (exp b)))"),
        ("model y ~ Normal(μ, σ) censored left c", "(model y ~ (Normal μ σ) (censored left c))"),
        ("model y ~ Normal(μ, σ) censored right c", "(model y ~ (Normal μ σ) (censored c))"),
        // data named `left`: the side is a keyword only when an expression follows it
        ("model y ~ Normal(μ, σ) censored left", "(model y ~ (Normal μ σ) (censored left))"),
        ("model y ~ Normal(μ, σ) censored left weight w", "(model y ~ (Normal μ σ) (weight w) (censored left))"),
        ("model k ~ Poisson(λ) truncated(lower: 1)", "(model k ~ (Poisson λ) (truncated (lower 1)))"),
        (
            "model y ~ Normal(μ, σ) truncated(upper: b, lower: a) censored c",
            "(model y ~ (Normal μ σ) (censored c) (truncated (lower a) (upper b)))"
        ),
        ("model y ~ Normal()", "(model y ~ (Normal))"),
        // prior
        ("prior μ ~ Normal(0, 10)", "(prior μ ~ (Normal 0 10))"),
        ("prior w ~ Laplace(0, 1)", "(prior w ~ (Laplace 0 1))"),
        // fit
        ("fit", "(fit)"),
        ("fit heights", "(fit heights)"),
        ("fit using newton", "(fit (using newton))"),
        ("fit using closed()", "(fit (using closed))"),
        (
            "fit heights using gradient(lr: 0.01, steps: 500) trace",
            "(fit heights (using gradient lr: 0.01 steps: 500) trace)"
        ),
        ("fit trace", "(fit trace)"),
        // show / derive
        ("show loglik", "(show loglik)"),
        ("show stats heights", "(show stats heights)"),
        ("derive", "(derive)"),
        ("derive heights", "(derive heights)"),
        // print / assert / expression
        ("print x", "(print x)"),
        (#"print "mean:", mean(x), "sd:", sd(x)"#, #"(print "mean:" (mean x) "sd:" (sd x))"#),
        ("assert p ≈ 0.7", "(assert (≈ p 0.7))"),
        ("assert p ~= 0.7 within 1e-3", "(assert (≈ p 0.7) (within 0.001))"),
        ("assert x ≈ 5 ± 0.1", "(assert (≈ x (± 5 0.1)))"),
        ("assert x +- 1 ≈ 0", "(assert (≈ (± x 1) 0))"),
        ("assert n > 0", "(assert (> n 0))"),
        ("x + 1", "(+ x 1)"),
        ("-x", "(- x)"),
        ("+x", "(+ x)"),
        ("(x)", "x"),
        ("[1, 2][2]", "(index [1 2] 2)"),
        ("m[1, 2]", "(index m 1 2)"),
        // Column names in an index may be keywords: d[model, hp] (mtcars has a 'model' column).
        ("d[model, hp]", "(index d model hp)"),
        ("d[hp, data]", "(index d hp data)"),
        ("f(x)[1]", "(index (f x) 1)"),
        ("d.y[3]", "(index (. d y) 3)"),
        ("loglik(μ: 4, σ: 0.6)", "(loglik μ: 4 σ: 0.6)"),
        ("max()", "(max)"),
        ("f(1, 2,)", "(f 1 2)"),
    ])
    func statement(source: String, tree: String) {
        #expect(F.tree(source) == tree)
    }

    @Test func contextualWordsAreOrdinaryNamesElsewhere() {
        #expect(F.tree("let using = 1") == "(let using 1)")
        #expect(F.tree("let weight = trace + vector") == "(let weight (+ trace vector))")
        #expect(F.tree("print within") == "(print within)")
        #expect(F.tree("model y ~ Normal(weight, 1) weight weight") == "(model y ~ (Normal weight 1) (weight weight))")
    }

    @Test func statementSpansCoverTheWholeStatement() {
        let (program, errors) = Parser.parse(F.file("data x = [1, 2]\n  param p in (0, 1) = 0.5  # c\nfit"))
        #expect(errors.isEmpty)
        #expect(program.statements.map(\.span.text) == ["data x = [1, 2]", "param p in (0, 1) = 0.5", "fit"])
        #expect(program.statements.map(\.keyword) == ["data", "param", "fit"])
        if case .param(let decl) = program.statements[1].kind {
            #expect(decl.name.span.text == "p")
            #expect(decl.constraintSpan?.text == "in (0, 1)")
            #expect(decl.start?.span.text == "0.5")
        } else {
            Issue.record("not a param")
        }
    }

    @Test func expressionSpans() {
        let (program, _) = Parser.parse(F.file("print  -(a + b)² * f(x, y: 2)[1]"))
        guard case .print(let items) = program.statements.first?.kind else {
            Issue.record("not a print")
            return
        }
        #expect(items[0].span.text == "-(a + b)² * f(x, y: 2)[1]")
        guard case .binary(.multiply, let left, let right) = items[0].kind else {
            Issue.record("not a product: \(items[0])")
            return
        }
        #expect(left.span.text == "-(a + b)²")
        #expect(right.span.text == "f(x, y: 2)[1]")
    }

    @Test func everyKeywordKindIsReported() {
        let source = """
            data x = [1]
            let y = x
            param p
            model x ~ Bernoulli(p)
            prior p ~ Beta(1, 1)
            fit
            show loglik
            derive
            print y
            assert 1 ≈ 1
            y
            """
        let (program, errors) = Parser.parse(F.file(source))
        #expect(errors.isEmpty)
        #expect(
            program.statements.map(\.keyword) == [
                "data", "let", "param", "model", "prior", "fit", "show", "derive", "print", "assert", "expression",
            ])
    }
}
