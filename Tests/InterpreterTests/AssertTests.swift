import Diagnostics
import Interpreter
import Testing

/// `assert`: conditions, `≈` with the default relative tolerance, `within`, and `±`.
@Suite struct AssertTests {
    typealias F = InterpreterFixture

    @Test func passingAssertsReportAndSucceed() {
        let (ok, t) = F.run("data x = [1, 2]\nassert mean(x) ≈ 1.5\nassert 1 < 2\nassert x ≈ [1, 2]")
        #expect(ok)
        #expect(t.errors.isEmpty)
        #expect(t.assertions.map(\.passed) == [true, true, true])
        #expect(t.assertions.map(\.detail) == ["mean(x) ≈ 1.5", "1 < 2 is true", "x ≈ [1, 2]"])
    }

    @Test func failingApproximateAssert() {
        let (ok, t) = F.run("assert 1 ≈ 1.1")
        #expect(!ok)
        #expect(t.assertions.map(\.passed) == [false])
        // The allowed difference is 1e-9·max(1, |1.1|) = 1.1e-9.
        #expect(t.errors == ["1:8: assertion failed: 1 ≈ 1.1: 1 vs 1.1, difference 0.1 > allowed 1.1e-9"])
        #expect(t.diagnostics.first?.span?.text == "1 ≈ 1.1")
    }

    @Test func failingAssertsNameTheirValues() {
        #expect(
            F.run("assert 1 ≈ 1.1 within 0.01").transcript.errors == [
                "1:8: assertion failed: 1 ≈ 1.1: 1 vs 1.1, difference 0.1 > allowed 0.01"
            ])
        #expect(
            F.run("assert [1, 2] ≈ [1, 2.5]").transcript.errors == [
                "1:8: assertion failed: [1, 2] ≈ [1, 2.5] at element 2: 2 vs 2.5, difference 0.5 > allowed 2.5e-9"
            ])
        #expect(F.run("assert 1 < 0").transcript.errors == ["1:8: assertion failed: 1 < 0 is false"])
        #expect(
            F.run("data x = [1, 2]\nassert mean(x) > 3").transcript.errors == [
                "2:8: assertion failed: mean(x) > 3 is false: mean(x) = 1.5"
            ])
        #expect(
            F.run("data x = [1, 0, 1]\nassert x == 1").transcript.errors == [
                "2:8: assertion failed: x == 1 is false (element 2): x = [1, 0, 1]"
            ])
    }

    /// Without `within`: |a − b| ≤ 1e-9·max(1, |b|). The allowance is absolute below |b| = 1
    /// and relative above it; the cases sit a factor of 2 to 5 either side of the boundary.
    @Test(arguments: [
        ("1000 + 5e-7", "1000", true),  // allowed 1e-6
        ("1000 + 2e-6", "1000", false),
        ("1e10 + 5", "1e10", true),  // allowed 10
        ("1e10 + 20", "1e10", false),
        ("0.001 + 5e-10", "0.001", true),  // allowed 1e-9, not 1e-12
        ("0.001 + 2e-9", "0.001", false),
        ("5e-10", "0", true),
        ("2e-9", "0", false),
        ("0.1 + 0.2", "0.3", true),
        ("-1000", "-1000 - 5e-7", true),  // |b| is used: max(1, 1000.0000005)
    ])
    func defaultTolerance(a: String, b: String, passes: Bool) {
        let (ok, t) = F.run("assert \(a) ≈ \(b)")
        #expect(ok == passes)
        #expect(t.assertions.map(\.passed) == [passes])
    }

    @Test func withinIsAnAbsoluteTolerance() {
        #expect(F.run("assert 1 ≈ 1.5 within 0.5").ok)  // |1 − 1.5| = 0.5 ≤ 0.5
        #expect(!F.run("assert 1 ≈ 1.5 within 0.49").ok)
        #expect(F.run("assert 1000 ≈ 1001 within 1").ok)
        #expect(F.run("assert 3 ≈ 3 within 0").ok)
        #expect(F.run("assert [1, 2] ≈ [1.1, 2.1] within 0.2").ok)
    }

    @Test func plusMinusGivesACentreAndHalfWidth() {
        #expect(F.run("assert 1.2 ≈ 1 ± 0.25").ok)
        #expect(F.run("assert 0.8 ≈ 1 +- 0.25").ok)
        let (ok, t) = F.run("assert 1.3 ≈ 1 ± 0.25")
        #expect(!ok)
        #expect(t.errors == ["1:8: assertion failed: 1.3 ≈ 1 ± 0.25: 1.3 vs 1, difference 0.3 > allowed 0.25"])
    }

    @Test func infinitiesAreEqualOnlyToThemselves() {
        #expect(F.run("assert 1/0 ≈ 1/0").ok)
        #expect(F.run("assert -1/0 ≈ -1/0").ok)
        #expect(!F.run("assert 1/0 ≈ 1e308").ok)
        // With b infinite the allowance 1e-9·max(1, |b|) is infinite too, so anything passed.
        #expect(!F.run("assert 1/0 ≈ -1/0").ok)
        #expect(!F.run("assert 5 ≈ 1/0").ok)
        #expect(F.number("5 ≈ 1/0") == 0)

    }

    /// A failed assert does not stop the script: later statements still run, and the run fails.
    @Test func aFailedAssertLetsTheScriptGoOn() {
        let (ok, t) = F.run("assert 1 ≈ 2\nprint 3\nassert 2 ≈ 2")
        #expect(!ok)
        #expect(t.printed == ["3"])
        #expect(t.assertions.map(\.passed) == [false, true])
    }

    @Test func anAssertNeedsNumbers() {
        #expect(F.run("data d = csv(\"cars.csv\")\nassert d").transcript.errors.count == 1)
    }
}
