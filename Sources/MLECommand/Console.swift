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
        renderer = TextRenderer(color: colour, terminal: Console.terminal())
        meter = ProgressMeter(enabled: !json && isatty(STDERR_FILENO) != 0)
    }

    /// What standard output can show, for plots: its width (COLUMNS, else the terminal's
    /// own, else 80), Unicode when the locale says UTF-8 (LC_ALL, LC_CTYPE, LANG, the first
    /// set), colour only on a terminal and without NO_COLOR.
    static func terminal(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalProfile {
        let isTerminal = isatty(STDOUT_FILENO) != 0
        var width = 80
        if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
            width = columns
        } else if isTerminal {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { width = Int(size.ws_col) }
        }
        return TerminalProfile(
            width: width, unicode: unicodeLocale(environment),
            color: isTerminal && environment["NO_COLOR"] == nil)
    }

    /// Whether the locale's character set is UTF-8: the first of LC_ALL, LC_CTYPE and LANG
    /// that is set and not empty decides (POSIX's order); none set is the C locale, ASCII.
    static func unicodeLocale(_ environment: [String: String]) -> Bool {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let normalised = locale.lowercased().replacingOccurrences(of: "-", with: "")
        return normalised.contains("utf8")
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
