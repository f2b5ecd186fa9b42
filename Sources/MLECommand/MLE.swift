import ArgumentParser
import Foundation

/// The `mle` command: thin; every stage is reached through the interpreter's `Session`.
@main
struct MLE: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "mle",
        abstract: "Maximum likelihood estimation, derived symbolically.",
        discussion: """
            Write a model; mle derives its log-likelihood, solves it and reports the estimates.

            Examples:
              mle run Scripts/01-coin.mle          run a script (exit 1 if anything fails)
              mle run --json Scripts/*.mle         the same results as JSON
              mle check model.mle                  parse and check only
              mle check --dump tokens model.mle    show what the lexer produced
              mle                                  start the interactive REPL
              printf 'data x = [1,2]\\nprint sum(x)\\n' | mle
            """,
        version: version,
        subcommands: [Run.self, Check.self, Repl.self],
        defaultSubcommand: Repl.self)

    /// Exit codes: 0 success, 1 a script error or failed assert, 2 a usage error.
    static func mainWithExitCodes() -> Never {
        do {
            var command = try parseAsRoot()
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

    static func main() { mainWithExitCodes() }
}
