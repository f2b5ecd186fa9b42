import Diagnostics
import Interpreter
import Testing

/// `sample(Dist, n, seed: s)`: reproducible draws.
@Suite struct SampleTests {
    typealias F = InterpreterFixture

    @Test func theSameSeedGivesTheSameDraws() {
        let a = F.numbers("sample(Normal(5, 2), 200, seed: 42)")
        let b = F.numbers("sample(Normal(5, 2), 200, seed: 42)")
        #expect(a.count == 200)
        #expect(a == b)
        // Within one session, too.
        let (session, t) = F.session()
        #expect(session.run(source: "data s = sample(Normal(5, 2), 200, seed: 42)\nprint s"))
        #expect(session.run(source: "print sample(Normal(5, 2), 200, seed: 42)"))
        #expect(t.printed.count == 2 && t.printed[0] == t.printed[1])
        #expect(F.numbers("sample(Normal(5, 2), 200, seed: 43)") != a)
    }

    /// The mean of 200 draws from Normal(5, 2) has standard error 2/√200 ≈ 0.14; the sample
    /// sd has standard error about 2/√400 = 0.1. Five standard errors either side is a loose,
    /// seed-independent check that the draws have the right location and scale.
    @Test func drawsHaveTheRightMeanAndSpread() {
        let xs = F.numbers("sample(Normal(5, 2), 200, seed: 42)")
        let mean = xs.reduce(0, +) / Double(xs.count)
        let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count - 1)).squareRoot()
        #expect(abs(mean - 5) < 5 * 2 / 200.0.squareRoot())
        #expect(abs(sd - 2) < 0.5)
        #expect(xs.allSatisfy { $0.isFinite })
    }

    @Test func otherDistributionsStayInTheirSupport() {
        let p = F.numbers("sample(Bernoulli(0.3), 500, seed: 1)")
        #expect(p.count == 500 && p.allSatisfy { $0 == 0 || $0 == 1 })
        let k = F.numbers("sample(Poisson(4), 300, seed: 2)")
        #expect(k.count == 300 && k.allSatisfy { $0 >= 0 && $0 == $0.rounded() })
        let e = F.numbers("sample(Exponential(2), 300, seed: 3)")
        #expect(e.count == 300 && e.allSatisfy { $0 >= 0 })
        let b = F.numbers("sample(Beta(2, 3), 300, seed: 4)")
        #expect(b.count == 300 && b.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func vectorArgumentsGiveOneDrawEach() {
        let xs = F.numbers("sample(Normal([0, 100, 1000], 0.001), seed: 5)")
        #expect(xs.count == 3)
        #expect(abs(xs[0]) < 0.01 && abs(xs[1] - 100) < 0.01 && abs(xs[2] - 1000) < 0.01)
        #expect(F.numbers("sample(Normal(0, 1), 0, seed: 1)") == [])
    }

    @Test func sampleErrors() {
        #expect(F.output("print sample(Normal(0, -1), 2)") == ["1:14: Normal's σ must be > 0, but it is -1"])
        #expect(
            F.output("print sample(Normal(0, 1), seed: 1)") == [
                "1:7: sample() needs a count: sample(Normal(...), 100, seed: 1)"
            ])
        #expect(
            F.output("print sample(Normal([1, 2], 1), 3)") == [
                "1:7: the distribution's arguments have 2 values, but 3 draws were asked for"
            ])
        #expect(
            F.output("print sample(Normal(0, 1), 2, seed: -1)") == [
                "1:37: a seed is a whole number ≥ 0, but it is -1"
            ])
    }
}
