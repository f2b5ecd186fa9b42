import ArgumentParser
import CReadline
import Checker
import Diagnostics
import Foundation
import Interpreter
import Interrupt
import Model
import Syntax

struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the interactive REPL (the default).",
        discussion: "When standard input is not a terminal, statements are read from it without prompts.")

    func run() throws {
        let repl = REPL()
        let ok = withLargeStack { isatty(STDIN_FILENO) != 0 ? repl.interactive() : repl.piped() }
        if !ok { throw ExitCode(1) }
    }
}

/// The read–eval–print loop. Lines are gathered until they form a complete
/// statement (brackets closed, no trailing operator), then run in one session
/// whose definitions survive every error.
final class REPL: @unchecked Sendable {
    let console = Console(json: false)
    lazy var session = Session(output: console.write)
    var sawError = false

    static let commands = [":help", ":load", ":reset", ":names", ":quit"]

    /// Standard input is a pipe or file: no prompts, no readline, no history.
    func piped() -> Bool {
        var buffer = ""
        while let line = readLine(strippingNewline: true) {
            if buffer.isEmpty, line.trimmingCharacters(in: .whitespaces).hasPrefix(":") {
                if !command(line) { return !sawError }
                continue
            }
            if buffer.isEmpty, answerBareWord(line) { continue }
            buffer += buffer.isEmpty ? line : "\n" + line
            if !Session.needsMoreInput(buffer) {
                evaluate(buffer)
                buffer = ""
            }
        }
        if !buffer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { evaluate(buffer) }
        return !sawError
    }

    /// A terminal: GNU readline with history, completion and Ctrl-C handling.
    /// Always succeeds: errors were reported as they happened, and leaving
    /// with Ctrl-D or `:quit` is the normal way out.
    func interactive() -> Bool {
        mle_rl_setup("mle", completionGenerator)
        activeREPL = self
        mle_history_open(REPL.historyPath, REPL.historyLimit)
        print("mle \(MLE.version) — maximum likelihood, derived. Type :help for help, :quit or Ctrl-D to leave.")
        var buffer = ""
        while true {
            var interrupted: Int32 = 0
            guard let raw = mle_rl_read_line(buffer.isEmpty ? "mle> " : "...> ", &interrupted) else {
                print("")
                break
            }
            let line = String(cString: raw)
            free(raw)
            if interrupted != 0 {
                buffer = ""  // Ctrl-C drops the line and any unfinished statement
                continue
            }
            if buffer.isEmpty, line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if buffer.isEmpty, line.trimmingCharacters(in: .whitespaces).hasPrefix(":") {
                mle_history_add(line)
                if !command(line) { break }
                continue
            }
            if buffer.isEmpty, answerBareWord(line) {
                mle_history_add(line)
                continue
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if Session.needsMoreInput(buffer) { continue }
            mle_history_add(buffer)
            evaluate(buffer)
            buffer = ""
        }
        return true
    }

    /// Entries kept in the history file; older ones are dropped.
    static let historyLimit: Int32 = 1000

    /// `MLE_HISTORY`, else `.mle_history` in `$HOME` (the password file's home
    /// only when HOME is unset or empty); an empty `MLE_HISTORY` keeps no file.
    static var historyPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["MLE_HISTORY"] { return path }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".mle_history")
    }

    /// Runs one entry; a Ctrl-C while it runs stops it (it reports "interrupted",
    /// and the definitions of the statements before it are kept).
    func evaluate(_ text: String) {
        Interrupt.reset()
        if !session.run(source: text) { sawError = true }
    }

    /// Runs a `:command`; false means leave the REPL.
    func command(_ line: String) -> Bool {
        let parts = line.split(maxSplits: 1, whereSeparator: \.isWhitespace).map(String.init)
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch parts[0] {
        case ":quit", ":q", ":exit":
            return false
        case ":help", ":h", ":?":
            print(Help.text)
        case ":reset":
            session.reset()
            print("All definitions forgotten.")
        case ":names":
            let names = session.namesInScope
            print(names.isEmpty ? "Nothing is defined yet." : names.joined(separator: "  "))
        case ":load":
            guard !argument.isEmpty else {
                printError(":load needs a file: :load model.mle")
                return true
            }
            Interrupt.reset()
            if !session.runFile(atPath: REPL.path(from: argument)) { sawError = true }
        default:
            let hint = Suggestion.closestCommand(to: parts[0])
            printError("unknown command '\(parts[0])'" + (hint.map { "; did you mean '\($0)'?" } ?? "; type :help"))
        }
        return true
    }

    /// The file a `:load` argument names: surrounding quotes removed, `~` expanded.
    static func path(from argument: String) -> String {
        var path = Substring(argument)
        if path.count >= 2, let quote = path.first, quote == "\"" || quote == "'", path.last == quote {
            path = path.dropFirst().dropLast()
        }
        return (String(path) as NSString).expandingTildeInPath
    }

    func printError(_ message: String) {
        sawError = true
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// A bare `help`, `?`, `quit` or `exit` (or `help()`, …) alone on a line: what a
    /// newcomer types to find their way. Answered, and true, unless the session
    /// defines that name (then the line is an expression statement like any other).
    func answerBareWord(_ line: String) -> Bool {
        var word = line.trimmingCharacters(in: .whitespaces)
        if word.hasSuffix("()") { word.removeLast(2) }
        guard !session.namesInScope.contains(word) else { return false }
        switch word {
        case "help", "?":
            print(Help.text)
        case "quit", "exit":
            print("Type :quit or press Ctrl-D to leave.")
        default:
            return false
        }
        return true
    }

    /// Completion candidates for the word being typed.
    func candidates(for text: String) -> [String] {
        if text.hasPrefix(":") { return REPL.commands.filter { $0.hasPrefix(text) } }
        if let dot = text.lastIndex(of: ".") {
            let base = String(text[..<dot])
            let prefix = String(text[text.index(after: dot)...])
            return session.columns(of: base).filter { $0.hasPrefix(prefix) }.map { "\(base).\($0)" }
        }
        let words = Catalog.words + session.namesInScope
        return Array(Set(words.filter { $0.hasPrefix(text) })).sorted()
    }
}

nonisolated(unsafe) var activeREPL: REPL?
nonisolated(unsafe) var completionMatches: [String] = []
nonisolated(unsafe) var completionIndex = 0

/// readline's generator: called with state 0 for a new word, then until it returns NULL.
let completionGenerator: mle_completion_generator = { text, state in
    if state == 0 {
        let prefix = text.map { String(cString: $0) } ?? ""
        completionMatches = activeREPL?.candidates(for: prefix) ?? []
        completionIndex = 0
    }
    guard completionIndex < completionMatches.count else { return nil }
    defer { completionIndex += 1 }
    return strdup(completionMatches[completionIndex])
}

extension Suggestion {
    static func closestCommand(to text: String) -> String? {
        closest(to: text, among: REPL.commands)
    }
}
