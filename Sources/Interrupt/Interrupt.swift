import CInterrupt

/// Ctrl-C while a statement runs, as one process-wide flag.
///
/// The REPL's SIGINT handler sets it (only while a statement runs: at the
/// prompt Ctrl-C abandons the line instead) and clears it before each entry;
/// long loops poll it (a solver once per iteration, the CSV reader every
/// 65,536 rows) and stop, and the session reports "interrupted" at the
/// statement, keeping every earlier definition. Nothing else sets it, so
/// `mle run` and piped input are never interrupted this way (SIGINT ends them).
public enum Interrupt {
    /// Whether a stop was asked for since the last `reset()`. One relaxed atomic load: cheap enough for any loop.
    public static var requested: Bool { mle_interrupt_requested() != 0 }

    /// Asks the running statement to stop (async-signal-safe in its C form, `mle_interrupt_request`).
    public static func request() { mle_interrupt_request() }

    /// Clears the flag, before a new statement starts.
    public static func reset() { mle_interrupt_reset() }

    /// Throws `Interrupted` if a stop was asked for.
    public static func check() throws(Interrupted) {
        if requested { throw Interrupted() }
    }
}

/// A statement stopped by Ctrl-C.
public struct Interrupted: Error, Sendable, Equatable, CustomStringConvertible {
    public init() {}

    /// What the session reports, at the statement.
    public static let message = "interrupted"

    public var description: String { Interrupted.message }
}
