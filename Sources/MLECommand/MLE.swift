import ArgumentParser
import Foundation

/// The `mle` command: thin; every stage is reached through the interpreter's `Session`.
@main
struct MLE: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "mle",
        abstract: "Maximum likelihood estimation, derived symbolically.",
        usage: """
            mle [--json] <file.mle> ...    (the same as mle run)
            mle [<subcommand>]
            """,
        discussion: """
            Write a model; mle derives its log-likelihood, solves it and reports the estimates.

            Examples:
              mle Scripts/07-coin.mle        run a script (exit 1 if anything fails)
              mle run --json Scripts/*.mle   the same results as JSON
              mle check Scripts/07-coin.mle  parse and check only
              mle check --dump tokens Scripts/golden/coin.mle
                                             show what the lexer produced
              mle                            start the interactive REPL
              printf 'data x = [1,2]\\nprint sum(x)\\n' | mle
            """,
        version: version,
        subcommands: [Run.self, Check.self, Repl.self],
        defaultSubcommand: Repl.self)

    /// Exit codes: 0 success, 1 a script error or failed assert, 2 a usage error.
    static func mainWithExitCodes() -> Never {
        do {
            var command = try parseAsRoot(withScriptShorthand(Array(CommandLine.arguments.dropFirst())))
            try command.run()
            Foundation.exit(0)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// `mle FILE…` means `mle run FILE…`: when the first argument that is not an
    /// option names no subcommand but a script (a path that exists, or any name
    /// ending in `.mle`), `run` goes in front, so options, exit codes and the
    /// "cannot read" usage error are exactly those of `mle run`.
    static func withScriptShorthand(_ arguments: [String]) -> [String] {
        guard let first = arguments.first(where: { !$0.hasPrefix("-") }) else { return arguments }
        let subcommands = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !subcommands.contains(first),
            first.hasSuffix(".mle") || FileManager.default.fileExists(atPath: first)
        else { return arguments }
        return [Run._commandName] + arguments
    }

    static func main() { mainWithExitCodes() }
}
