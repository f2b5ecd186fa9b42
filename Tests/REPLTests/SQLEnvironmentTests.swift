import Foundation
import Testing

/// A PostgreSQL URL may leave out what libpq's usual environment variables give: PGPASSWORD
/// (so no password is in the script), PGHOST, PGPORT, PGUSER and PGDATABASE. Run against
/// the server .ci/run starts (MLE_TEST_POSTGRES_URL, postgresql://USER:PASSWORD@HOST:PORT/DB);
/// skipped without one.
@Suite(.serialized, .enabled(if: TestServer.current != nil))
struct SQLEnvironmentTests {
    /// `print nrow(d)` over the families table (200 rows) at `url`, with `environment`; no ~/.pgpass.
    func rows(at url: String, _ environment: [String: String]) throws -> PipedRun {
        try PipedRun(
            input: "data d = sql(\"\(url)\", \"SELECT g FROM families\")\nprint nrow(d)\n",
            environment: environment.merging(["PGPASSFILE": "/dev/null"]) { $1 }, timeout: 30)
    }

    @Test func thePasswordFromPGPASSWORD() throws {
        let s = try #require(TestServer.current)
        let run = try rows(at: "postgresql://\(s.user)@\(s.host):\(s.port)/\(s.database)", ["PGPASSWORD": s.password])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines) == "200")
    }

    @Test func everythingFromTheEnvironment() throws {
        let s = try #require(TestServer.current)
        let run = try rows(
            at: "postgresql://",
            [
                "PGHOST": s.host, "PGPORT": s.port, "PGUSER": s.user, "PGPASSWORD": s.password,
                "PGDATABASE": s.database,
            ])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines) == "200")
    }

    /// No password anywhere: the server refuses, and the help says where a password comes from.
    @Test func noPasswordAnywhere() throws {
        let s = try #require(TestServer.current)
        let run = try rows(at: "postgresql://\(s.user)@\(s.host):\(s.port)/\(s.database)", ["PGPASSWORD": ""])
        #expect(run.status == 1)
        #expect(run.errors.contains("error: "), "\(run.errors)")
        #expect(run.errors.contains("PGPASSWORD"), "\(run.errors)")
        #expect(!run.errors.contains(s.password))
    }
}

/// The server MLE_TEST_POSTGRES_URL names, taken apart.
enum TestServer {
    struct Server {
        let user, password, host, port, database: String
    }

    static let current: Server? = {
        guard let url = ProcessInfo.processInfo.environment["MLE_TEST_POSTGRES_URL"],
            let scheme = url.range(of: "://"), let at = url.lastIndex(of: "@")
        else { return nil }
        let credentials = url[scheme.upperBound..<at].split(separator: ":", maxSplits: 1).map(String.init)
        let rest = url[url.index(after: at)...]
        guard credentials.count == 2, let slash = rest.firstIndex(of: "/") else { return nil }
        let hostPort = rest[..<slash].split(separator: ":").map(String.init)
        guard hostPort.count == 2 else { return nil }
        return Server(
            user: credentials[0], password: credentials[1], host: hostPort[0], port: hostPort[1],
            database: String(rest[rest.index(after: slash)...]))
    }()
}
