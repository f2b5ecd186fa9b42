import Diagnostics

/// What running a statement produces. Every consumer (`mle run`, `--json`, the
/// REPL, the tests) hands these to a renderer instead of formatting them itself.
public enum Output: Sendable {
    case printed(Printed)
    case assertion(Assertion)
    /// An error, a warning or a note.
    case diagnostic(Diagnostic)
    case trace(TraceLine)
    case fit(FitReport)
    case show(ShowForm)
    case derivation(Derivation)
    case comparison(Comparison)
    /// `plot …`: drawn in the terminal, or written to an SVG file (then `file` says where).
    case plot(Plot)

    /// Diagnostics go to standard error; everything else to standard output.
    public var isDiagnostic: Bool {
        if case .diagnostic = self { return true }
        return false
    }
}
