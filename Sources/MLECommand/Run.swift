import ArgumentParser
import Checker
import Diagnostics
import Foundation
import Interpreter
import Report

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run .mle scripts.",
        discussion: "Exit status: 0 when every script succeeds, 1 on any error or failed assert, 2 on a usage error.")

    @Flag(name: .long, help: "Print the results as JSON, for programs.")
    var json = false

    @Argument(help: "The scripts to run, in order; each runs in a fresh session.")
    var files: [String]

    func validate() throws {
        for file in files where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("cannot read '\(file)': no such file, or it is not readable")
        }
    }

    func run() throws {
        let console = Console(json: json)
        var allOK = true
        var reports: [JSON] = []
        for file in files {
            let session = Session(output: console.write)
            session.onProgress = console.meter.hook
            let ok = withLargeStack { session.runFile(atPath: file) }
            allOK = allOK && ok
            if json { reports.append(console.takeJSON(file: file, ok: ok)) }
        }
        if json {
            print(JSON.object([("ok", .bool(allOK)), ("scripts", .array(reports))]).serialized())
        }
        if !allOK { throw ExitCode(1) }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Parse and check scripts without running them.")

    @Option(
        help:
            "Print an intermediate form: tokens, ast, or (building the models, without fitting) loglik, score, hessian, stats, tape."
    )
    var dump: DumpForm?

    @Argument(help: "The scripts to check.")
    var files: [String]

    func validate() throws {
        for file in files where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("cannot read '\(file)': no such file, or it is not readable")
        }
    }

    func run() throws {
        let console = Console(json: false)
        var allOK = true
        for file in files {
            let session = Session(output: console.write)
            let form = dump
            let ok = withLargeStack { session.checkFile(atPath: file, dump: form) }
            allOK = allOK && ok
        }
        if !allOK { throw ExitCode(1) }
    }
}

extension DumpForm: ExpressibleByArgument {}
