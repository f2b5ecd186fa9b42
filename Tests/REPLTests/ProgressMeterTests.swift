import Testing

@testable import Interpreter
@testable import MLECommand

/// The progress line of a long fit: drawn in place (carriage return, erase line) once the
/// fit has run past the delay, erased when it ends, and nothing at all when the meter is off
/// (standard error not a terminal).
struct ProgressMeterTests {
    final class Collected: @unchecked Sendable { var text = "" }

    @Test func drawsInPlaceAndErasesAtTheEnd() {
        let collected = Collected()
        let meter = ProgressMeter(enabled: true, delay: 0, interval: 0) { collected.text += $0 }
        let hook = meter.hook
        #expect(hook != nil)
        hook?(.iteration(model: "m", number: 1, logLikelihood: -12.5, gradientNorm: 0.25))
        hook?(.iteration(model: "m", number: 2, logLikelihood: -12.25, gradientNorm: 0.001))
        hook?(.finished)
        let erase = "\r\u{1B}[2K"
        #expect(
            collected.text
                == erase + "fitting m: iteration 1, ℓ = -12.5, max |∇ℓ| = 0.25" + erase
                + "fitting m: iteration 2, ℓ = -12.25, max |∇ℓ| = 0.001" + erase)
    }

    @Test func waitsForTheDelay() {
        let collected = Collected()
        let meter = ProgressMeter(enabled: true, delay: 3600, interval: 0) { collected.text += $0 }
        meter.hook?(.iteration(model: "", number: 1, logLikelihood: -1, gradientNorm: 1))
        meter.hook?(.finished)
        #expect(collected.text.isEmpty)
    }

    @Test func offWritesNothingAndAsksForNothing() {
        let collected = Collected()
        let meter = ProgressMeter(enabled: false, delay: 0, interval: 0) { collected.text += $0 }
        #expect(meter.hook == nil)
        meter.clearLine()
        #expect(collected.text.isEmpty)
    }
}
