import Foundation
import Interpreter

/// Shows a long fit's progress on standard error when it is a terminal: once a fit has run
/// for `delay` seconds, each iteration's line (iteration, ℓ, max |∇ℓ|) overwrites the last
/// one in place (carriage return and erase-line), at most every `interval` seconds; when the
/// fit ends the line is erased, so the report prints where it would have. Nothing at all is
/// written when standard error is not a terminal (a pipe, a file, CI) or under --json.
final class ProgressMeter: @unchecked Sendable {
    let enabled: Bool
    let delay: Double
    let interval: Double
    private var started: Double?
    private var lastDrawn = -Double.infinity
    private var showing = false
    private let lock = NSLock()
    /// Where the bytes go: standard error (a test collects them instead).
    let sink: (String) -> Void

    init(
        enabled: Bool = isatty(STDERR_FILENO) != 0, delay: Double = 1.0, interval: Double = 0.1,
        sink: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.enabled = enabled
        self.delay = delay
        self.interval = interval
        self.sink = sink
    }

    /// The Session hook, or nil when the meter is off (then the solvers are not asked to report).
    var hook: ((FitProgress) -> Void)? { enabled ? { [self] in update($0) } : nil }

    func update(_ progress: FitProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = ProgressMeter.now()
        guard let line = progress.line else {
            erase()
            started = nil
            lastDrawn = -.infinity
            return
        }
        let start = started ?? now
        started = start
        guard now - start >= delay, now - lastDrawn >= interval else { return }
        lastDrawn = now
        showing = true
        write("\r\u{1B}[2K" + line)
    }

    /// Erases the progress line if one is showing (before anything else is written).
    func clearLine() {
        lock.lock()
        defer { lock.unlock() }
        erase()
    }

    private func erase() {
        guard showing else { return }
        showing = false
        write("\r\u{1B}[2K")
    }

    private func write(_ text: String) { sink(text) }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
