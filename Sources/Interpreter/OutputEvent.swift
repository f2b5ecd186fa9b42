import Diagnostics
import Report

/// What running a statement produces, for the CLI to write as text or JSON.
public enum OutputEvent: Sendable {
    /// `print`, or a bare expression: the text and the values printed.
    case printed(String, values: [Value])
    /// A passed or failed `assert`.
    case assertion(passed: Bool, span: SourceSpan, detail: String)
    /// An error or warning.
    case diagnostic(Diagnostic)
    /// Reports from show and derive, as text.
    case report(String)
    /// A fit's results.
    case fit(FitReport)
}
