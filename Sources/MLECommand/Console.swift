import Diagnostics
import Foundation
import Interpreter
import Report

/// Writes the interpreter's events: results to standard output, diagnostics to
/// standard error (in colour on a terminal, unless NO_COLOR is set).
final class Console: @unchecked Sendable {
    let json: Bool
    let renderer: TextRenderer
    /// A long fit's progress on a terminal (off under --json and when stderr is not a terminal).
    let meter: ProgressMeter
    private var events: [JSON] = []
    private let lock = NSLock()

    init(json: Bool) {
        self.json = json
        let colour = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        renderer = TextRenderer(color: colour)
        meter = ProgressMeter(enabled: !json && isatty(STDERR_FILENO) != 0)
    }

    func write(_ output: Output) {
        lock.lock()
        defer { lock.unlock() }
        meter.clearLine()
        if json {
            events.append(JSONRenderer.render(output))
            if case .diagnostic = output, let text = renderer.render(output) {
                FileHandle.standardError.write(Data(text.utf8))
            }
            return
        }
        guard let text = renderer.render(output) else { return }
        if output.isDiagnostic {
            fflush(nil)
            FileHandle.standardError.write(Data(text.utf8))
        } else {
            print(text)
            fflush(nil)
        }
    }

    /// The JSON of one script's events, clearing them for the next script.
    func takeJSON(file: String, ok: Bool) -> JSON {
        lock.lock()
        defer { lock.unlock() }
        let taken = events
        events = []
        return .object([("file", .string(file)), ("ok", .bool(ok)), ("events", .array(taken))])
    }
}
