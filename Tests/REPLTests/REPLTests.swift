import Foundation
import Testing

/// The REPL as a person meets it: the built `mle` on a pseudo-terminal
/// (readline, history, completion, Ctrl-C), and with piped input.
///
/// Output is matched as substrings of the text with terminal escapes
/// removed, so readline's redrawing does not matter; every wait has a
/// deadline, so a hung REPL fails its test instead of hanging the run.
/// The tests run one at a time, so that no test's child inherits another
/// test's pipe or terminal.
@Suite(.serialized) struct REPLTests {
    let folder: URL
    let history: URL

    init() throws {
        folder = try temporaryFolder()
        history = folder.appendingPathComponent("history")
    }

    /// `mle` on a fresh terminal, waiting at its first prompt; `environment`
    /// adds to (or replaces) the test's variables, `unsetting` removes some.
    func startREPL(_ environment: [String: String] = [:], unsetting: Set<String> = []) throws -> Terminal {
        let terminal = try Terminal(
            environment: [
                "MLE_HISTORY": history.path, "HOME": folder.path, "INPUTRC": "/dev/null",
                "TERM": "dumb", "NO_COLOR": "1",
            ].merging(environment) { $1 }, unsetting: unsetting)
        try terminal.expect("mle> ")
        return terminal
    }

    /// Types `line` and Enter, and returns what the REPL printed between
    /// the line's echo and the next prompt, without surrounding blanks.
    @discardableResult
    func enter(_ line: String, in terminal: Terminal, prompt: String = "mle> ") throws -> String {
        terminal.type(line)
        try terminal.expect(line)
        terminal.type(Terminal.Key.enter)
        return try terminal.expect(prompt).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Ctrl-D at the prompt ends the session with exit code 0.
    func quit(_ terminal: Terminal) throws {
        terminal.type(Terminal.Key.ctrlD)
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func upArrowRecallsTheLastStatement() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let repl = try startREPL()
        try enter("data x = [1, 2]", in: repl)
        #expect(try enter("print sum(x) * 10", in: repl) == "30")
        repl.type(Terminal.Key.up)
        try repl.expect("print sum(x) * 10")
        #expect(try enter("", in: repl) == "30")
        try quit(repl)
    }

    @Test func historyPersistsIntoTheNextSession() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try startREPL()
        try enter("data v = [1,", in: first, prompt: "...> ")
        try enter("2]", in: first)
        #expect(try enter("print 6 * 7", in: first) == "42")
        try quit(first)
        let saved = try String(contentsOf: history, encoding: .utf8)
        #expect(saved.contains("print 6 * 7"))

        // The last entry, then the statement typed over two lines, whole.
        let second = try startREPL()
        second.type(Terminal.Key.up)
        try second.expect("print 6 * 7")
        #expect(try enter("", in: second) == "42")
        second.type(Terminal.Key.up + Terminal.Key.up + Terminal.Key.up)
        try second.expect("data v = [1,")
        try enter("", in: second)
        #expect(try enter("print sum(v)", in: second) == "3")
        try quit(second)
    }

    @Test func tabCompletesKeywordsNamesAndColumns() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = folder.appendingPathComponent("people.csv")
        try "age,height\n30,170\n40,180\n".write(to: table, atomically: true, encoding: .utf8)
        let repl = try startREPL()
        try enter("data yields = [1, 2]", in: repl)

        // A unique prefix completes; the statement only runs if it did.
        repl.type("prin" + Terminal.Key.tab)
        try repl.expect("print")
        repl.type("sum(yi" + Terminal.Key.tab)
        try repl.expect("yields")
        #expect(try enter(")", in: repl) == "3")

        // An ambiguous prefix lists the candidates on a second Tab.
        repl.type("pri" + Terminal.Key.tab + Terminal.Key.tab)
        try repl.expect("prior")
        repl.type(Terminal.Key.ctrlU)

        // `d.` completes a table's columns.
        try enter("data d = csv(\"\(table.path)\")", in: repl)
        repl.type("print d.hei" + Terminal.Key.tab)
        try repl.expect("d.height")
        #expect(try enter("", in: repl) == "[170, 180]")
        try quit(repl)
    }

    @Test func anErrorKeepsEarlierDefinitions() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let repl = try startREPL()
        try enter("let answer = 40 + 2", in: repl)
        #expect(try enter("print nowhere", in: repl).contains("undefined name 'nowhere'"))
        #expect(try enter("print answer", in: repl) == "42")
        try quit(repl)
    }

    @Test func ctrlCDiscardsTheUnfinishedStatement() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let repl = try startREPL()
        // Wait for each echo before Ctrl-C: the terminal drops unread input on an interrupt.
        repl.type("data y = [1," + Terminal.Key.enter)
        try repl.expect("...> ")
        repl.type("2")
        try repl.expect("2")
        repl.type(Terminal.Key.ctrlC)
        try repl.expect("mle> ")
        #expect(try enter("print 5", in: repl) == "5")
        #expect(try enter("print y", in: repl).contains("undefined name 'y'"))
        try quit(repl)
    }

    @Test func ctrlCStopsARunningFitAndKeepsTheSession() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let repl = try startREPL()
        try enter("data x = [0.5, 1.5, 2.0, 3.1, 4.2, 5.0]", in: repl)
        try enter("data y = [0, 0, 1, 0, 1, 1]", in: repl)
        try enter("param a", in: repl)
        try enter("param b", in: repl)
        try enter("model y ~ Bernoulli(sigmoid(a + b * x))", in: repl)
        // Ten million steps: minutes, far past the terminal's deadline, unless Ctrl-C stops them.
        let fit = "fit using gradient(lr: 1e-6, steps: 10000000)"
        repl.type(fit)
        try repl.expect(fit)
        repl.type(Terminal.Key.enter)
        try repl.expect("\n")
        usleep(500_000)  // out of readline (where Ctrl-C would abandon a line), into the fit
        repl.type(Terminal.Key.ctrlC)
        let report = try repl.expect("mle> ")
        #expect(report.contains("error: interrupted"))
        #expect(!report.contains("still stopping"))
        #expect(try enter("print x", in: repl) == "[0.5, 1.5, 2, 3.1, 4.2, 5]")
        // The model is intact, and the next fit is not interrupted by the last Ctrl-C.
        #expect(try enter("fit using gradient(lr: 0.01, steps: 3)", in: repl).contains("gradient ascent"))
        try quit(repl)
    }

    @Test func bareHelpAndQuitAnswerOnATerminal() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let repl = try startREPL()
        let help = try enter("help", in: repl)
        #expect(help.contains("Statements") && help.contains("Distributions") && help.contains(":quit"))
        #expect(try enter("quit", in: repl) == "Type :quit or press Ctrl-D to leave.")
        try quit(repl)
    }

    @Test func pipedInputRunsWithoutPrompts() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PipedRun(input: "data x = [1,2]\nprint sum(x)\n", environment: ["MLE_HISTORY": history.path])
        #expect(run.status == 0)
        #expect(run.output == "3\n")
        #expect(run.errors.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: history.path))
    }

    @Test func aFailingPipedStatementExitsWithOne() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try PipedRun(input: "data x = [1,2]\nprint nowhere\nprint sum(x)\n")
        #expect(run.status == 1)
        #expect(run.output == "3\n")
        #expect(run.errors.contains("undefined name 'nowhere'"))
    }
}
