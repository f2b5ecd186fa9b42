// mle-bench sql: a Gaussian and a logistic fit on a large PostgreSQL table, with the sums
// pushed down into the database and with the rows fetched, each fit a separate `mle run`
// whose wall time and peak resident memory are measured (wait4's rusage).
//
//   swift run -c release mle-bench sql [rows]        (default 10,000,000)
//
// The server: MLE_BENCH_POSTGRES_URL, else a throw-away one (bin/test-postgres, run from the
// repository's root). The table mle_bench_ROWS is made once, by psql, from a seeded
// generate_series: x ~ Normal(1000, 10); x1, x2 ~ Normal(0, 1); y ~ Bernoulli(σ(0.5 + x1 − 0.7·x2)).
// The pushed-down fits are also run on a table 1/100 the size, so that their peak memory
// can be seen not to grow with the rows.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

struct Measurement {
    let seconds: Double
    /// Peak resident set, in MiB.
    let peakMiB: Double
    let status: Int32
    let output: String
}

enum SQLBenchmark {
    static func run(rows: Int) {
        guard let mle = executable("mle") else { return fail("no mle executable beside mle-bench: build it first") }
        var stopServer: (() -> Void)?
        guard let url = serverURL(&stopServer) else { return }
        defer { stopServer?() }
        let small = max(1000, rows / 100)
        for n in [rows, small] where !makeTable(url, rows: n) { return }
        print("PostgreSQL table of \(rows) rows (and \(small) for comparison); each fit is one `mle run`")
        print("fit                      rows        pushed down        fetched            estimates agree to")
        for (name, script) in [("Gaussian Normal(μ, σ)", gaussian), ("logistic Bernoulli(σ(b+w·x))", logistic)] {
            let pushed = measure(mle, script(url, rows), pushdown: true)
            let fetched = measure(mle, script(url, rows), pushdown: false)
            let pushedSmall = measure(mle, script(url, small), pushdown: true)
            let agreement = relativeDifference(pushed.output, fetched.output)
            print(
                "\(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(pad(rows, 10))  \(describe(pushed))  "
                    + "\(describe(fetched))  \(agreement)")
            print(
                "\("".padding(toLength: 24, withPad: " ", startingAt: 0)) \(pad(small, 10))  \(describe(pushedSmall))")
        }
        print("\nThe SQL the logistic fit sends (PostgreSQL's dialect is ANSI SQL; it runs unchanged on")
        print("distributed engines that speak it, such as Citus; every aggregate is a sum, so it splits over shards):")
        let plan = measure(mle, logistic(url, rows) + "\nshow plan", pushdown: true, json: false)
        print(
            plan.output.components(separatedBy: "\n").filter { !$0.hasPrefix("fit:") }.prefix(60).joined(
                separator: "\n"))
    }

    static func gaussian(_ url: String, _ rows: Int) -> String {
        "data d = sql(\"\(url)\", \"SELECT x FROM mle_bench_\(rows)\")\nparam μ\nparam σ > 0\nmodel d.x ~ Normal(μ, σ)\nfit"
    }

    static func logistic(_ url: String, _ rows: Int) -> String {
        "data d = sql(\"\(url)\", \"SELECT y, x1, x2 FROM mle_bench_\(rows)\")\ndata X = d[x1, x2]\nparam b\n"
            + "param w: vector[2]\nmodel d.y ~ Bernoulli(sigmoid(b + w·X))\nfit"
    }

    static func describe(_ m: Measurement) -> String {
        guard m.status == 0 else {
            return "failed (exit \(m.status))".padding(toLength: 17, withPad: " ", startingAt: 0)
        }
        return String(format: "%7.1f s %6.0f MiB", m.seconds, m.peakMiB)
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    /// The largest relative difference between the two runs' estimates, from their JSON.
    static func relativeDifference(_ a: String, _ b: String) -> String {
        func estimates(_ text: String) -> [Double] {
            guard let data = text.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data),
                let top = json as? [String: Any], let scripts = top["scripts"] as? [[String: Any]],
                let events = scripts.first?["events"] as? [[String: Any]],
                let fit = events.last(where: { $0["kind"] as? String == "fit" }),
                let parameters = fit["parameters"] as? [[String: Any]]
            else { return [] }
            return parameters.compactMap { $0["estimate"] as? Double } + [fit["loglik"] as? Double ?? .nan]
        }
        let (x, y) = (estimates(a), estimates(b))
        guard !x.isEmpty, x.count == y.count else { return "-" }
        let worst = zip(x, y).map { abs($0 - $1) / max(abs($1), 1e-300) }.max() ?? .nan
        return String(format: "%.1e relative", worst)
    }

    /// Runs `mle run --json` on the script in a child process: wall time and peak memory.
    static func measure(_ mle: String, _ script: String, pushdown: Bool, json: Bool = true) -> Measurement {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mle-bench-\(UUID().uuidString).mle")
        let outPath = path.path + ".out"
        guard (try? script.write(to: path, atomically: true, encoding: .utf8)) != nil,
            FileManager.default.createFile(atPath: outPath, contents: nil)
        else { return Measurement(seconds: .nan, peakMiB: .nan, status: -1, output: "") }
        defer {
            try? FileManager.default.removeItem(at: path)
            try? FileManager.default.removeItem(atPath: outPath)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["MLE_PUSHDOWN"] = pushdown ? "on" : "off"
        let arguments = [mle, "run"] + (json ? ["--json"] : []) + [path.path]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_TRUNC, 0o644)
        let start = Date()
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        guard posix_spawn(&pid, mle, &actions, nil, argv, envp) == 0 else {
            return Measurement(seconds: .nan, peakMiB: .nan, status: -1, output: "")
        }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let seconds = Date().timeIntervalSince(start)
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        return Measurement(
            seconds: seconds, peakMiB: Double(usage.ru_maxrss) / 1024, status: (status >> 8) & 0xFF, output: output)
    }

    /// The executable `name` in the same folder as this one.
    static func executable(_ name: String) -> String? {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let path = here.appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// MLE_BENCH_POSTGRES_URL, or a throw-away server (stopped by `stop`).
    static func serverURL(_ stop: inout (() -> Void)?) -> String? {
        if let url = ProcessInfo.processInfo.environment["MLE_BENCH_POSTGRES_URL"], !url.isEmpty { return url }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mle-bench-pg-\(getpid())").path
        let (status, out) = shell("bin/test-postgres start \(dir)")
        guard status == 0, let url = out.split(separator: "\n").last.map(String.init) else {
            fail("no PostgreSQL server: set MLE_BENCH_POSTGRES_URL, or run from the repository's root (\(out))")
            return nil
        }
        stop = { _ = shell("bin/test-postgres stop \(dir)") }
        return url
    }

    /// Makes mle_bench_ROWS with psql, unless it is there already.
    static func makeTable(_ url: String, rows: Int) -> Bool {
        let table = "mle_bench_\(rows)"
        let (_, exists) = shell("psql '\(url)' -XAtqc \"SELECT to_regclass('\(table)') IS NOT NULL\"")
        if exists.trimmingCharacters(in: .whitespacesAndNewlines) == "t" { return true }
        FileHandle.standardError.write(Data("making \(table)…\n".utf8))
        let sql = """
            SELECT setseed(0.42);
            CREATE TABLE \(table) AS
            SELECT 1000 + 10 * g0 AS x, g1 AS x1, g2 AS x2,
                   CASE WHEN random() < 1 / (1 + exp(-(0.5 + g1 - 0.7 * g2))) THEN 1 ELSE 0 END AS y
            FROM (SELECT sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS g0,
                         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS g1,
                         sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS g2
                  FROM generate_series(1, \(rows))) AS draws;
            ANALYZE \(table);
            """
        let (status, out) = shell("psql '\(url)' -Xqv ON_ERROR_STOP=1 <<'MLE_SQL'\n\(sql)\nMLE_SQL")
        if status != 0 { fail("could not make \(table): \(out)") }
        return status == 0
    }

    @discardableResult
    static func shell(_ command: String) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "exec 2>&1\n" + command]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mle-bench-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let handle = FileHandle(forWritingAtPath: path) else { return (-1, "") }
        process.standardOutput = handle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "\(error)") }
        process.waitUntilExit()
        try? handle.close()
        return (process.terminationStatus, (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
    }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("mle-bench sql: \(message)\n".utf8))
    }
}
