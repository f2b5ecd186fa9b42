import Foundation

/// The PostgreSQL server the SQL tests run against: MLE_TEST_POSTGRES_URL when set (its
/// tables loaded from postgres.sql, as `.ci/run` does), else a throw-away cluster started
/// for this test process with bin/test-postgres and stopped when it exits. nil when no
/// server can be started; the tests that need one are then skipped, and why is printed.
enum PostgresServer {
    static let url: String? = start()

    /// The cluster's folder, for stopping it at exit.
    nonisolated(unsafe) static var directory: String?

    private static func start() -> String? {
        if let given = ProcessInfo.processInfo.environment["MLE_TEST_POSTGRES_URL"], !given.isEmpty { return given }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mle-pg-\(getpid())").path
        let script = SQLFixture.root + "/bin/test-postgres"
        let tables = SQLFixture.root + "/Tests/PushdownTests/postgres.sql"
        let (status, out, err) = run(script, ["start", dir, tables])
        guard status == 0, let url = out.split(separator: "\n").last.map(String.init), url.hasPrefix("postgresql://")
        else {
            FileHandle.standardError.write(
                Data("PostgreSQL tests skipped: no server could be started (\(err.isEmpty ? out : err))\n".utf8))
            return nil
        }
        directory = dir
        atexit {
            if let dir = PostgresServer.directory {
                _ = PostgresServer.run(SQLFixture.root + "/bin/test-postgres", ["stop", dir])
            }
        }
        return url
    }

    /// Runs a program to completion: its status, standard output and standard error. The output
    /// goes through files, not pipes: a server the program starts keeps running (and would hold
    /// a pipe open, so reading it to its end would wait for ever).
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) -> (Int32, String, String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("mle-run-\(UUID().uuidString)")
        let (outPath, errPath) = (base.path + ".out", base.path + ".err")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [program] + arguments
        guard let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath) else {
            return (-1, "", "cannot write \(base.path)")
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "", "\(error)") }
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let read = { (path: String) in
            (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        return (process.terminationStatus, read(outPath), read(errPath))
    }

    static var available: Bool { url != nil }
}
