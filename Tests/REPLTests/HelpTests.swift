import Checker
import Foundation
import Model
import Syntax
import Testing

/// `:help` and the words a newcomer types instead of it, through piped input
/// (the REPL's core is the same on a terminal).
@Suite(.serialized)
struct HelpTests {
    func help() throws -> [String] {
        let run = try PipedRun(input: ":help\n")
        #expect(run.status == 0)
        return run.output.components(separatedBy: "\n")
    }

    /// The line of `:help` that lists `name` (indented, then the name, then a blank), if any.
    func entry(_ name: String, in lines: [String]) -> String? {
        lines.first { $0.hasPrefix("  \(name) ") }
    }

    @Test("every statement keyword has a line of its own, with a summary")
    func statements() throws {
        let lines = try help()
        for keyword in Keyword.statements {
            let line = try #require(entry(keyword, in: lines), "no line for '\(keyword)'")
            #expect(!line.contains("see Grammar.md"), "'\(keyword)' has no summary in Help.statementSummaries")
        }
    }

    @Test("every built-in function is listed with its summary")
    func functions() throws {
        let lines = try help()
        for function in Builtin.allCases {
            let line = try #require(entry(function.rawValue, in: lines), "no line for '\(function.rawValue)'")
            #expect(line.hasSuffix(function.summary))
        }
    }

    @Test("every distribution is listed with its parameters in order and their domains")
    func distributions() throws {
        let lines = try help()
        for d in Distributions.all {
            let signature = "\(d.name)(\(d.parameters.map(\.name).joined(separator: ", ")))"
            let line = try #require(entry(signature, in: lines), "no line for \(signature)")
            for p in d.parameters { #expect(line.contains("\(p.name) \(p.domain)")) }
            #expect(line.contains("\(d.support)"))
        }
    }

    @Test("help, help(), ? print the help; quit and exit say how to leave; none is an error")
    func bareWords() throws {
        let help = try PipedRun(input: ":help\n").output
        for word in ["help", "help()", "?", "  help  "] {
            let run = try PipedRun(input: word + "\n")
            #expect(run.output == help, "\(word)")
            #expect(run.status == 0 && run.errors.isEmpty, "\(word)")
        }
        for word in ["quit", "exit", "quit()", "exit()"] {
            let run = try PipedRun(input: word + "\nprint 1\n")
            #expect(run.output == "Type :quit or press Ctrl-D to leave.\n1\n", "\(word)")
            #expect(run.status == 0 && run.errors.isEmpty, "\(word)")
        }
    }

    @Test("a session that defines help or quit gets its value, not the help")
    func definedNamesWin() throws {
        let run = try PipedRun(input: "data help = [1, 2]\nhelp\nlet quit = 7\nquit\nexit\n")
        #expect(run.output == "[1, 2]\n7\nType :quit or press Ctrl-D to leave.\n")
        #expect(run.status == 0)
    }
}
