import Diagnostics
import Foundation
import Testing

/// A PostgreSQL server's failures as diagnostics: a wrong password, a server that is not
/// there, a query it rejects or cannot finish in time. Skipped when no server could be
/// started (the reason is printed once); SQLErrorTests covers the same ground on SQLite.
@Suite("a PostgreSQL server's failures are diagnostics at the sql() call", .enabled(if: PostgresServer.available))
struct PostgresErrorTests {
    /// The URL with its user's password replaced (or removed, with nil).
    static func url(password: String?) -> String {
        let url = PostgresServer.url ?? ""
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://") else { return url }
        let user = url[scheme.upperBound..<at].split(separator: ":").first.map(String.init) ?? ""
        return "postgresql://" + user + (password.map { ":" + $0 } ?? "") + url[at...]
    }

    static func diagnostic(_ location: String, _ query: String, timeout: Double? = nil) -> Diagnostic? {
        let (ok, t, _) = SQLFixture.run("data d = sql(\"\(location)\", \"\(query)\")", timeout: timeout)
        #expect(!ok)
        return t.diagnostics.first { $0.isError }
    }

    @Test func wrongPassword() throws {
        let d = try #require(Self.diagnostic(Self.url(password: "not-the-password"), "SELECT 1 AS x"))
        #expect(d.span?.position == "1:10")
        #expect(d.message.contains("password authentication failed"), "\(d.message)")
        // The message never has it (the source line shown is the script's own text).
        #expect(!d.message.contains("not-the-password") && d.help?.contains("not-the-password") == false)
        #expect(d.help?.contains("PGPASSWORD") == true)
    }

    @Test func noServerThere() throws {
        let start = Date()
        let d = try #require(Self.diagnostic("postgresql://mle@127.0.0.1:1/mle", "SELECT 1 AS x"))
        #expect(d.message.hasPrefix("cannot connect to postgresql://mle@127.0.0.1:1/mle: "), "\(d.message)")
        #expect(Date().timeIntervalSince(start) < 15)
    }

    @Test func unknownHost() throws {
        let d = try #require(Self.diagnostic("postgresql://mle@no-such-host.invalid/mle", "SELECT 1 AS x"))
        #expect(d.message.hasPrefix("cannot connect to postgresql://mle@no-such-host.invalid/mle: "), "\(d.message)")
    }

    @Test func syntaxErrorPointsIntoTheQuery() throws {
        let d = try #require(Self.diagnostic(Self.url(password: "mle-test"), "SELECT * FORM families"))
        #expect(d.message == "syntax error at or near \"FORM\"")
        #expect(d.notes.first?.span?.text == "F")
        #expect(!d.message.contains("mle-test"))
    }

    @Test func unknownColumn() throws {
        let d = try #require(Self.diagnostic(Self.url(password: "mle-test"), "SELECT nope FROM families"))
        #expect(d.message == "column \"nope\" does not exist")
    }

    @Test func noRows() throws {
        let d = try #require(Self.diagnostic(Self.url(password: "mle-test"), "SELECT * FROM families WHERE false"))
        #expect(d.message == "the query returned no rows")
    }

    @Test func aColumnOfBytes() throws {
        let d = try #require(
            Self.diagnostic(Self.url(password: "mle-test"), "SELECT decode('00ff', 'hex') AS picture"))
        #expect(d.message.hasPrefix("column 'picture' has type bytea"), "\(d.message)")
    }

    @Test func aStatementPastItsTimeLimitIsCancelled() throws {
        let start = Date()
        let d = try #require(
            Self.diagnostic(Self.url(password: "mle-test"), "SELECT 1 AS x FROM pg_sleep(5)", timeout: 0.5))
        #expect(d.message.hasPrefix("the database did not answer within 0.5 s"), "\(d.message)")
        #expect(Date().timeIntervalSince(start) < 4)
    }

    @Test func aNullInAModelledColumnNamesItsRow() throws {
        let (ok, t, _) = SQLFixture.run(
            "data d = sql(\"\(PostgresServer.url ?? "")\", \"SELECT * FROM airquality\")\nparam μ\nparam σ > 0\n"
                + "model d.ozone ~ Normal(μ, σ)")
        #expect(!ok)
        #expect(
            t.errors.first?.hasSuffix("row 5, column 'ozone': the value is NULL (missing), which arithmetic cannot use")
                == true, "\(t.errors)")
    }
}
