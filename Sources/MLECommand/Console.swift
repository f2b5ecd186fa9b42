import Diagnostics
import Foundation
import Interpreter
import Report

/// Writes the interpreter's events: results to standard output, diagnostics to
/// standard error (in colour on a terminal, unless NO_COLOR is set).
final class Console: @unchecked Sendable {
    let json: Bool
    let renderer: DiagnosticRenderer
    private var events: [JSON] = []
    private let lock = NSLock()

    init(json: Bool) {
        self.json = json
        let colour = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        renderer = DiagnosticRenderer(color: colour)
    }

    func write(_ event: OutputEvent) {
        lock.lock()
        defer { lock.unlock() }
        if json {
            events.append(event.json)
            if case .diagnostic(let d) = event { FileHandle.standardError.write(Data(renderer.render(d).utf8)) }
            return
        }
        switch event {
        case .printed(let text, _), .report(let text):
            print(text)
            fflush(nil)
        case .fit(let report):
            print(report.text)
            fflush(nil)
        case .diagnostic(let d):
            fflush(nil)
            FileHandle.standardError.write(Data(renderer.render(d).utf8))
        case .assertion:
            break
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
