import Diagnostics
import Foundation
import Interpreter
import Testing

/// Every builtin against values computed independently (closed forms, derived in the comments).
@Suite struct BuiltinTests {
    typealias F = InterpreterFixture

    /// ln 2, to the nearest double (0.693147180559945309417…).
    static let ln2 = 0.6931471805599453
    /// ln 3 (1.098612288668109691395…).
    static let ln3 = 1.0986122886681098

    @Test func logarithmsAndExponentials() {
        #expect(F.number("log(1)") == 0)
        #expect(F.close(F.number("log(2)"), Self.ln2))
        #expect(F.close(F.number("log(8)"), 3 * Self.ln2))
        #expect(F.number("log(0)") == -.infinity)
        #expect(F.number("exp(0)") == 1)
        #expect(F.close(F.number("exp(1)"), 2.718281828459045))  // e = 2.718281828459045235…
        #expect(F.close(F.number("exp(-ln)", setup: "let ln = log(2)"), 0.5))
        #expect(F.number("sqrt(16)") == 4)
        #expect(F.number("sqrt(2)") == 1.4142135623730951)  // √2 = 1.414213562373095048…
        #expect(F.numbers("sqrt([0, 1, 4, 9])") == [0, 1, 2, 3])
        #expect(F.numbers("exp([[0, 0], [0, 0]])") == [1, 1, 1, 1])
    }

    /// log1p(x) = x − x²/2 + x³/3 − …, expm1(x) = x + x²/2 + x³/6 + …: for x = 1e−10 the series,
    /// to double precision, give 9.9999999995e−11 and 1.00000000005e−10. Computing log(1 + x)
    /// directly would be wrong from the 8th digit (1 + 1e−10 rounds).
    @Test func log1pAndExpm1KeepSmallArguments() {
        #expect(abs(F.number("log1p(1e-10)") / 9.9999999995e-11 - 1) < 1e-15)
        #expect(abs(F.number("expm1(1e-10)") / 1.00000000005e-10 - 1) < 1e-15)
        #expect(F.close(F.number("log1p(1)"), Self.ln2))
        #expect(F.close(F.number("expm1(ln)", setup: "let ln = log(3)"), 2))
        #expect(F.number("log1p(-1)") == -.infinity)
    }

    @Test func sigmoidSoftplusLogit() {
        #expect(F.number("sigmoid(0)") == 0.5)
        // σ(log a) = a / (1 + a): σ(log 3) = 3/4.
        #expect(F.close(F.number("sigmoid(log(3))"), 0.75))
        #expect(F.close(F.number("sigmoid(-log(3))"), 0.25))
        // softplus(x) = log(1 + eˣ): softplus(0) = log 2, softplus(log 3) = log 4.
        #expect(F.close(F.number("softplus(0)"), Self.ln2))
        #expect(F.close(F.number("softplus(log(3))"), 2 * Self.ln2))
        // logit(p) = log(p / (1 − p)): logit(3/4) = log 3, logit(1/2) = 0.
        #expect(F.close(F.number("logit(0.75)"), Self.ln3))
        #expect(F.number("logit(0.5)") == 0)
        #expect(F.close(F.number("logit(0.25)"), -Self.ln3))
        #expect(F.number("logit(0)") == -.infinity)
        #expect(F.number("logit(1)") == .infinity)
        // They are inverses.
        #expect(F.close(F.number("logit(sigmoid(1.7))"), 1.7))
        #expect(F.numbers("sigmoid([0, 0])") == [0.5, 0.5])
    }

    /// lgamma(n) = log((n − 1)!), lgamma(1/2) = log √π.
    @Test func lgamma() {
        #expect(F.number("lgamma(1)") == 0)
        #expect(F.number("lgamma(2)") == 0)
        #expect(F.close(F.number("lgamma(5)"), log(24)))  // 4! = 24
        #expect(F.close(F.number("lgamma(11)"), log(3_628_800)))  // 10! = 3628800
        #expect(F.close(F.number("lgamma(0.5)"), 0.5723649429247001))  // ½ log π = 0.572364942924700087…
        #expect(F.number("lgamma(0)") == .infinity)
        // Far beyond where Γ overflows (Γ(172) > 1e308), lgamma stays finite:
        // lgamma(200) = log(199!) = 857.9336698258574…
        #expect(F.close(F.number("lgamma(200)"), 857.9336698258574, relative: 1e-14))
    }

    @Test func absAndLogsumexp() {
        #expect(F.number("abs(-3)") == 3)
        #expect(F.numbers("abs([[-1, 2], [3, -4]])") == [1, 2, 3, 4])
        // log(1 + 2 + 3) = log 6 = 1.791759469228055…
        #expect(F.close(F.number("logsumexp(log([1, 2, 3]))"), 1.791759469228055))
        #expect(F.close(F.number("logsumexp(log(1), log(2), log(3))"), 1.791759469228055))
        #expect(F.number("logsumexp([7])") == 7)
        #expect(F.number("logsumexp([])") == -.infinity)
    }

    @Test func reductions() {
        let x = "data x = [1, 2, 3, 4]"
        #expect(F.number("sum(x)", setup: x) == 10)
        #expect(F.number("mean(x)", setup: x) == 2.5)
        // Σ(xᵢ − 2.5)² = 2.25 + 0.25 + 0.25 + 2.25 = 5, over n − 1 = 3: var = 5/3, sd = √(5/3).
        #expect(F.close(F.number("var(x)", setup: x), 5.0 / 3))
        #expect(F.close(F.number("sd(x)", setup: x), 1.2909944487358056))  // √(5/3) = 1.290994448735805628…
        #expect(F.number("min(x)", setup: x) == 1)
        #expect(F.number("max(x)", setup: x) == 4)
        #expect(F.number("length(x)", setup: x) == 4)
        #expect(F.number("sum([])") == 0)
        // Reductions of a matrix run over all its elements.
        #expect(F.number("sum([[1, 2], [3, 4]])") == 10)
        #expect(F.number("max([[1, 5], [3, 2]])") == 5)
        #expect(F.number("mean([[1, 2], [3, 6]])") == 3)
    }

    @Test func minAndMaxOfSeveralArgumentsAreElementwise() {
        #expect(F.numbers("max([1, 5], [3, 2])") == [3, 5])
        #expect(F.numbers("min([1, 5], [3, 2])") == [1, 2])
        #expect(F.numbers("min([1, 5], 2)") == [1, 2])
        #expect(F.number("min(1, 2, 3)") == 1)
        #expect(F.number("max(1, 2, 3)") == 3)
    }

    @Test func shapes() {
        let m = "data m = [[1, 2], [3, 4], [5, 6]]"
        #expect(F.number("nrow(m)", setup: m) == 3)
        #expect(F.number("ncol(m)", setup: m) == 2)
        #expect(F.number("length(m[1])", setup: m) == 2)
        #expect(F.number("length([])") == 0)
    }

    /// The tutorial's ten measurements: Σx = 50.1, Σx² = 254.99, so
    /// var = (254.99 − 50.1²/10)/9 = (254.99 − 251.001)/9 = 3.989/9 = 0.44322…
    @Test func tutorialNumbers() {
        let x = "data x = [4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1]"
        #expect(F.close(F.number("sum(x)", setup: x), 50.1))
        #expect(F.close(F.number("mean(x)", setup: x), 5.01))
        #expect(F.close(F.number("sum(x^2)", setup: x), 254.99, relative: 1e-14))
        #expect(F.close(F.number("var(x)", setup: x), 3.989 / 9, relative: 1e-14))
        #expect(F.close(F.number("sd(x)", setup: x), (3.989 / 9).squareRoot(), relative: 1e-14))
    }

    @Test func elementwiseErrorsNameTheValue() {
        #expect(F.output("print log(-1)") == ["1:11: log(-1) is undefined"])
        let (_, t) = F.run("print log([1, -1])")
        #expect(t.errors == ["1:11: log(-1) is undefined (element 2)"])
        #expect(t.diagnostics.first?.help == "log is defined for x ≥ 0 (log 0 = -inf)")
        #expect(F.output("print sqrt(-4)") == ["1:12: sqrt(-4) is undefined"])
        #expect(F.output("print log1p(-2)") == ["1:13: log1p(-2) is undefined"])
        #expect(F.output("print logit(2)") == ["1:13: logit(2) is undefined"])
        #expect(F.output("print lgamma(-1)").count == 1)
    }

    @Test func reductionErrors() {
        #expect(F.output("print var([1])") == ["1:7: var() needs at least 2 values (it divides by n − 1)"])
        #expect(F.output("print sd([1])") == ["1:7: sd() needs at least 2 values (it divides by n − 1)"])
        #expect(F.output("print mean([])") == ["1:7: mean() of no values is undefined"])
        #expect(F.output("print max([])") == ["1:7: max() of no values is undefined"])
        #expect(F.output("print min([])") == ["1:7: min() of no values is undefined"])
    }

    @Test func arithmeticErrors() {
        #expect(F.output("print 0/0") == ["1:7: 0 / 0 is undefined"])
        #expect(F.output("print [1, 0] / [1, 0]") == ["1:7: 0 / 0 is undefined (element 2)"])
        #expect(F.output("data z = 0\nprint z / z") == ["2:7: 0 / 0 is undefined"])
        #expect(F.output("print (1/0) - (1/0)") == ["1:7: inf - inf is undefined"])
        // Division by zero of a non-zero number is an honest infinity, not an error.
        #expect(F.number("1/0") == .infinity)
        #expect(F.number("-1/0") == -.infinity)
        // 0·∞ = 0 (as in 0·log 0 in a log-likelihood).
        #expect(F.number("log(0) * 0") == 0)
    }
}
