import Diagnostics
import Foundation
import Report
import Testing

@testable import Data

/// A password given in a URL is used to connect and never printed: not in a message, a help
/// line, a plan, a table's description or any JSON. (The source line a diagnostic quotes is
/// the script's own text; PGPASSWORD or ~/.pgpass keep a password out of the script itself.)
@Suite("credentials are never printed")
struct CredentialsTests {
    @Test(arguments: [
        ("postgresql://ann:s3cret@db.example.org:5432/sales", "postgresql://ann@db.example.org:5432/sales"),
        ("postgres://ann:s3cret@db/x?password=s3cret&sslmode=require", "postgres://ann@db/x?sslmode=require"),
        ("postgresql://db/x?PASSWORD=s3cret", "postgresql://db/x"),
        ("postgresql://ann:p%40ss:w@[::1]:5432/x", "postgresql://ann@[::1]:5432/x"),
        ("postgresql://ann@db/x", "postgresql://ann@db/x"),
    ])
    func aLocationIsShownWithoutItsPassword(given: String, shown: String) throws {
        let location = try #require(SQLLocation(given, directory: "/tmp"))
        #expect(location.description == shown)
        #expect(location.resolved == given)  // what connects still has it
    }

    /// Everything a session over a password-bearing URL writes, as text and JSON, lacks the
    /// password: the table, the plan with its SQL, the statistics, the fit, and the
    /// diagnostic of a failing query (its message, notes and help).
    @Test(.enabled(if: PostgresServer.available))
    func aSessionOverAURLWithAPasswordNeverWritesIt() throws {
        let url = try #require(PostgresServer.url)
        #expect(url.contains(":mle-test@"))
        let script = """
            data d = sql("\(url)", "SELECT x1, g FROM families")
            print d
            param μ
            param σ > 0
            model d.g ~ Normal(μ, σ)
            show plan
            show stats
            fit
            """
        let (ok, t, _) = SQLFixture.run(script)
        #expect(ok, "\(t.errors)")
        #expect(t.fits.count == 1)
        #expect(t.plans.count == 1)
        // A query the server rejects (checked before anything runs).
        let (bad, e, _) = SQLFixture.run("data e = sql(\"\(url)\", \"SELECT nope FROM families\")")
        #expect(!bad)
        #expect(e.errors.count == 1, "\(e.errors)")
        for event in t.events + e.events {
            if case .diagnostic(let d) = event {
                let parts = [d.message, d.help ?? ""] + d.notes.map(\.message)
                #expect(parts.allSatisfy { !$0.contains("mle-test") }, "\(parts)")
                continue
            }
            let text = TextRenderer().render(event) ?? ""
            #expect(!text.contains("mle-test"), "\(text)")
            let json = JSONRenderer.render(event).serialized()
            #expect(!json.contains("mle-test"), "\(json)")
        }
        // The database is named without it wherever it is shown.
        let shown = t.events.compactMap { TextRenderer().render($0) }.joined(separator: "\n")
        #expect(shown.contains("postgresql://mle@127.0.0.1:"), "\(shown)")
    }

    /// A server that cannot be reached is named without the password the URL carried.
    @Test func anUnreachableServerIsNamedWithoutThePassword() throws {
        let (ok, t, _) = SQLFixture.run("data d = sql(\"postgresql://ann:s3cret@127.0.0.1:1/x\", \"SELECT 1 AS x\")")
        #expect(!ok)
        let d = try #require(t.diagnostics.first { $0.isError })
        #expect(d.message.hasPrefix("cannot connect to postgresql://ann@127.0.0.1:1/x"), "\(d.message)")
        #expect(!d.message.contains("s3cret") && d.help?.contains("s3cret") != true)
        #expect(d.span?.position == "1:10")
    }
}
