import Foundation

/// The built `mle` binary: `MLE_BINARY` if set, else the `mle` beside this
/// test bundle in the build products folder (REPLTests depends on the
/// MLECommand target, so it is built first), else `.build*/debug/mle` in
/// the package.
func mleExecutable() throws -> URL {
    let fileManager = FileManager.default
    func isExecutable(_ url: URL) -> Bool {
        var isFolder: ObjCBool = false
        return fileManager.fileExists(atPath: url.path, isDirectory: &isFolder) && !isFolder.boolValue
            && fileManager.isExecutableFile(atPath: url.path)
    }
    if let given = ProcessInfo.processInfo.environment["MLE_BINARY"] { return URL(fileURLWithPath: given) }

    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var starts = [Bundle.main.bundleURL, runner.deletingLastPathComponent()]
    for start in Array(starts) {
        var folder = start
        for _ in 0..<4 {
            folder = folder.deletingLastPathComponent()
            starts.append(folder)
        }
    }
    if let found = starts.map({ $0.appendingPathComponent("mle") }).first(where: isExecutable) { return found }

    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let builds = (try? fileManager.contentsOfDirectory(atPath: package.path)) ?? []
    let candidates = builds.filter { $0.hasPrefix(".build") }
        .map { package.appendingPathComponent($0).appendingPathComponent("debug/mle") }
        .filter(isExecutable)
    let newest = candidates.max { modified($0) < modified($1) }
    guard let newest else { throw MissingExecutable(searched: starts.map(\.path) + [package.path + "/.build*/debug"]) }
    return newest
}

private func modified(_ url: URL) -> Date {
    (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? .distantPast
}

struct MissingExecutable: Error, CustomStringConvertible {
    let searched: [String]
    var description: String { "no built 'mle' found in: " + searched.joined(separator: ", ") }
}

/// What a run of `mle` with piped standard input produced.
struct PipedRun {
    let status: Int32
    let output: String
    let errors: String

    /// Runs `mle` with `input` on standard input (a pipe, not a terminal),
    /// killing it if it takes longer than `timeout` seconds.
    init(input: String, environment extra: [String: String] = [:], timeout: Double = 15) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputFile = folder.appendingPathComponent("stdout")
        let errorFile = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)

        let process = Process()
        process.executableURL = try mleExecutable()
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }

        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        status = process.terminationStatus
        output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
    }
}

/// A new, empty folder for one test's files.
func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mle-repl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
