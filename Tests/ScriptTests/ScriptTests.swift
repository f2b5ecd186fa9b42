import Diagnostics
import Foundation
import Interpreter
import Report
import Testing

/// The tutorial is the acceptance suite: every Scripts/**/*.mle must run cleanly
/// (they check themselves with `assert`), and every script under Scripts/errors/
/// must fail with exactly the diagnostics recorded beside it in NAME.expected;
/// a script with NAME.out beside it must print exactly that (golden output).
/// Set MLE_UPDATE_GOLDEN=1 to rewrite the .expected and .out files.
struct ScriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let scripts = root.appendingPathComponent("Scripts")

    static func allScripts() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: scripts.path)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".mle") { found.append(path) }
        }
        return found.sorted()
    }

    static var passing: [String] { allScripts().filter { !$0.hasPrefix("errors/") } }
    static var failing: [String] { allScripts().filter { $0.hasPrefix("errors/") } }

    /// Runs a script in a fresh session; returns whether it succeeded and its rendered output.
    static func run(_ relative: String) -> (ok: Bool, stdout: String, stderr: String) {
        final class Sink: @unchecked Sendable {
            var out = ""
            var err = ""
        }
        let sink = Sink()
        let renderer = TextRenderer(color: false)
        let path = scripts.appendingPathComponent(relative).path
        let ok = withLargeStack {
            let session = Session { output in
                guard let text = renderer.render(output) else { return }
                if output.isDiagnostic { sink.err += text } else { sink.out += text + "\n" }
            }
            // Run from the Scripts folder so paths in messages are stable.
            return session.runFile(atPath: path)
        }
        let relativeErr = sink.err.replacingOccurrences(of: scripts.path + "/", with: "")
        return (ok, sink.out, relativeErr)
    }

    @Test("there are tutorial scripts and error scripts")
    func scriptsExist() {
        #expect(ScriptTests.passing.count >= 1)
        #expect(ScriptTests.failing.count >= 1)
    }

    @Test("every tutorial script runs and its asserts pass", arguments: ScriptTests.passing)
    func tutorial(_ script: String) {
        let result = ScriptTests.run(script)
        #expect(result.ok, "\(script) failed:\n\(result.stderr)")
        #expect(!result.stderr.contains("error:"), "\(script):\n\(result.stderr)")
    }

    static var golden: [String] {
        passing.filter {
            FileManager.default.fileExists(atPath: scripts.appendingPathComponent(String($0.dropLast(4)) + ".out").path)
        }
    }

    @Test("scripts with a .out file print exactly that", arguments: ScriptTests.golden)
    func goldenOutput(_ script: String) throws {
        let result = ScriptTests.run(script)
        let url = ScriptTests.scripts.appendingPathComponent(String(script.dropLast(4)) + ".out")
        if ProcessInfo.processInfo.environment["MLE_UPDATE_GOLDEN"] != nil {
            try result.stdout.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let difference = GoldenText.difference(result.stdout, expected)
        #expect(difference == nil, "\(script): output differs from \(url.lastPathComponent): \(difference ?? "")")
    }

    /// The script's outputs as JSON (what `mle run --json` prints for it), one event per line.
    static func runJSON(_ relative: String) -> String {
        final class Sink: @unchecked Sendable { var events: [JSON] = [] }
        let sink = Sink()
        let path = scripts.appendingPathComponent(relative).path
        _ = withLargeStack {
            let session = Session { sink.events.append(JSONRenderer.render($0)) }
            return session.runFile(atPath: path)
        }
        // Paths in diagnostics and asserts relative to Scripts/, so the file holds in any checkout.
        return JSON.array(sink.events).serialized().replacingOccurrences(of: scripts.path + "/", with: "") + "\n"
    }

    static var goldenJSON: [String] {
        passing.filter {
            FileManager.default.fileExists(
                atPath: scripts.appendingPathComponent(String($0.dropLast(4)) + ".json").path)
        }
    }

    @Test(
        "scripts with a .json file print exactly that as JSON (numbers within tolerance)",
        arguments: ScriptTests.goldenJSON)
    func goldenJSONOutput(_ script: String) throws {
        let actual = ScriptTests.runJSON(script)
        let url = ScriptTests.scripts.appendingPathComponent(String(script.dropLast(4)) + ".json")
        if ProcessInfo.processInfo.environment["MLE_UPDATE_GOLDEN"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let a = try JSONSerialization.jsonObject(with: Data(actual.utf8))
        let e = try JSONSerialization.jsonObject(with: Data(expected.utf8))
        let difference = GoldenText.difference(json: a, e, at: "$")
        #expect(difference == nil, "\(script): JSON differs from \(url.lastPathComponent) at \(difference ?? "")")
    }

    @Test("every error script fails with its recorded diagnostics", arguments: ScriptTests.failing)
    func errors(_ script: String) throws {
        let result = ScriptTests.run(script)
        #expect(!result.ok, "\(script) was expected to fail")
        let expectedURL = ScriptTests.scripts.appendingPathComponent(
            String(script.dropLast(".mle".count)) + ".expected")
        if ProcessInfo.processInfo.environment["MLE_UPDATE_GOLDEN"] != nil {
            try result.stderr.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(result.stderr == expected, "\(script): diagnostics differ from \(expectedURL.lastPathComponent)")
    }
}
