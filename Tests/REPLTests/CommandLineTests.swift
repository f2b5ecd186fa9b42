import Foundation
import Testing

/// `mle run` and `mle check` as a program sees them: exit codes and JSON.
@Suite(.serialized)
struct CommandLineTests {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts")

    /// Runs `mle` with arguments; (status, stdout, stderr).
    func mle(_ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = try mleExecutable()
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self)
        )
    }

    @Test("--json prints the fit: estimate, standard error and log-likelihood of the coin (p̂ = 0.7, se = √0.021)")
    func json() throws {
        let (status, output, _) = try mle([
            "run", "--json", Self.scripts.appendingPathComponent("golden/coin.mle").path,
        ])
        #expect(status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(document["ok"] as? Bool == true)
        let scripts = try #require(document["scripts"] as? [[String: Any]])
        let events = try #require(scripts.first?["events"] as? [[String: Any]])
        let fit = try #require(events.first { $0["kind"] as? String == "fit" })
        let parameters = try #require(fit["parameters"] as? [[String: Any]])
        #expect(parameters.first?["estimate"] as? Double == 0.7)
        #expect(abs((parameters.first?["se"] as? Double ?? 0) - 0.021.squareRoot()) < 1e-15)
        // ℓ̂ = 7·log 0.7 + 3·log 0.3
        #expect(abs((fit["loglik"] as? Double ?? 0) - (7 * log(0.7) + 3 * log(0.3))) < 1e-13)
    }

    @Test("exit codes: 0 on success, 1 on a failing script, 2 on a usage error")
    func exitCodes() throws {
        #expect(try mle(["run", Self.scripts.appendingPathComponent("01-basics.mle").path]).0 == 0)
        #expect(try mle(["run", Self.scripts.appendingPathComponent("errors/assert-failed.mle").path]).0 == 1)
        #expect(try mle(["check", Self.scripts.appendingPathComponent("errors/undefined-name.mle").path]).0 == 1)
        #expect(try mle(["run"]).0 == 2)
        #expect(try mle(["run", "/no/such/script.mle"]).0 == 2)
        #expect(try mle(["--no-such-flag"]).0 == 2)
        let (status, version, _) = try mle(["--version"])
        #expect(status == 0 && version.hasPrefix("0."))
    }

    @Test("mle FILE runs the file as mle run FILE does: the same output, exit codes and --json")
    func fileWithoutSubcommand() throws {
        for script in ["01-basics.mle", "errors/assert-failed.mle", "golden/coin.mle"] {
            let path = Self.scripts.appendingPathComponent(script).path
            let (status, output, errors) = try mle([path])
            let (runStatus, runOutput, runErrors) = try mle(["run", path])
            #expect(status == runStatus, "\(script)")
            #expect(output == runOutput, "\(script)")
            #expect(errors == runErrors, "\(script)")
        }
        let coin = Self.scripts.appendingPathComponent("golden/coin.mle").path
        #expect(try mle(["--json", coin]).1 == mle(["run", "--json", coin]).1)
        #expect(try mle([coin, "--json"]).1 == mle(["run", "--json", coin]).1)
        #expect(try mle(["/no/such/script.mle"]).0 == 2)
        #expect(try mle(["/no/such/script.mle"]).2.contains("cannot read '/no/such/script.mle'"))
        // No arguments: the REPL, here on an empty standard input.
        #expect(try mle([]) == (0, "", ""))
    }

    @Test("every Scripts/... path that mle --help names exists (a * matches at least one file)")
    func helpNamesScriptsThatExist() throws {
        let (status, help, _) = try mle(["--help"])
        #expect(status == 0)
        let paths = help.split(whereSeparator: \.isWhitespace).filter { $0.hasPrefix("Scripts/") }.map(String.init)
        #expect(!paths.isEmpty)
        let repository = Self.scripts.deletingLastPathComponent()
        for path in paths {
            let url = repository.appendingPathComponent(path)
            if url.lastPathComponent.contains("*") {
                let folder = url.deletingLastPathComponent()
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                #expect(names.contains { fnmatch(url.lastPathComponent, $0, 0) == 0 }, "\(path) matches no file")
            } else {
                #expect(FileManager.default.fileExists(atPath: url.path), "\(path) does not exist")
            }
        }
    }
}
