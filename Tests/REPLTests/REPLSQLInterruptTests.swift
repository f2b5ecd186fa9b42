import Foundation
import Testing

/// Ctrl-C while the database runs a query: the statement stops with "interrupted" (SQLite's
/// sqlite3_interrupt, PostgreSQL's cancel request), promptly, and the session keeps every
/// earlier definition. The queries would otherwise run for ever (their rows never end).
@Suite(.serialized) struct REPLSQLInterruptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Starts the REPL, defines a vector, types `statement`, presses Ctrl-C once it runs, and
    /// checks the report and that the session lives on.
    func interrupt(_ statement: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let repl = try Terminal(
            environment: [
                "MLE_HISTORY": folder.appendingPathComponent("history").path, "HOME": folder.path,
                "INPUTRC": "/dev/null", "TERM": "dumb", "NO_COLOR": "1",
            ], deadline: 30)
        try repl.expect("mle> ")
        repl.type("data x = [1, 2]")
        try repl.expect("data x = [1, 2]")
        repl.type(Terminal.Key.enter)
        try repl.expect("mle> ")
        repl.type(statement)
        try repl.expect(String(statement.suffix(20)))
        repl.type(Terminal.Key.enter)
        try repl.expect("\n")
        usleep(700_000)  // out of readline, into the query
        let start = ContinuousClock.now
        repl.type(Terminal.Key.ctrlC)
        let report = try repl.expect("mle> ")
        #expect(report.contains("interrupted"), "\(report)")
        #expect(ContinuousClock.now - start < .seconds(10))
        repl.type("print x")
        try repl.expect("print x")
        repl.type(Terminal.Key.enter)
        #expect(try repl.expect("mle> ").contains("[1, 2]"))
        repl.type("print d")
        try repl.expect("print d")
        repl.type(Terminal.Key.enter)
        #expect(try repl.expect("mle> ").contains("undefined name 'd'"))
        repl.type(Terminal.Key.ctrlD)
        #expect(try repl.waitForExit() == 0)
    }

    @Test func ctrlCStopsASQLiteQuery() throws {
        try interrupt(
            "data d = sql(\"sqlite:\(Self.root)/Scripts/data/tutorial.db\", "
                + "\"WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) SELECT i AS x FROM c\")")
    }

    /// Against the server .ci/run starts (MLE_TEST_POSTGRES_URL); skipped without one.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MLE_TEST_POSTGRES_URL"]?.isEmpty == false))
    func ctrlCCancelsAPostgreSQLQuery() throws {
        let url = ProcessInfo.processInfo.environment["MLE_TEST_POSTGRES_URL"] ?? ""
        try interrupt(
            "data d = sql(\"\(url)\", \"SELECT x::float8 AS x FROM generate_series(1, 1000000000000) AS x\")")
    }
}
