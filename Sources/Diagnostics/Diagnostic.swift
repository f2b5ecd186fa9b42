/// One message for the user: an error, a warning or a note, tied to a span.
///
/// A diagnostic is a value; `DiagnosticRenderer` is the one place that turns
/// it into text.
public struct Diagnostic: Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    public struct Note: Sendable {
        public var span: SourceSpan?
        public var message: String
        public init(span: SourceSpan?, message: String) {
            self.span = span
            self.message = message
        }
    }

    public var severity: Severity
    public var span: SourceSpan?
    public var message: String
    public var notes: [Note]
    /// A fix to offer ("did you mean 'sigma'?"), shown as `help:`.
    public var help: String?

    public init(
        _ severity: Severity, _ message: String, at span: SourceSpan?,
        notes: [Note] = [], help: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.span = span
        self.notes = notes
        self.help = help
    }

    public static func error(_ message: String, at span: SourceSpan?, help: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: span, help: help)
    }

    public static func warning(_ message: String, at span: SourceSpan?, help: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: span, help: help)
    }

    /// A bug in mle, not in the user's script.
    public static func internalError(_ message: String, at span: SourceSpan?) -> Diagnostic {
        Diagnostic(
            .error, "internal error: \(message)", at: span,
            help: "this is a bug in mle; please report it with the script that triggered it")
    }

    public func note(_ message: String, at span: SourceSpan?) -> Diagnostic {
        var copy = self
        copy.notes.append(Note(span: span, message: message))
        return copy
    }

    public var isError: Bool { severity == .error }

    public var description: String { DiagnosticRenderer(color: false).render(self) }
}

/// Several diagnostics thrown together (a parse with several syntax errors).
public struct DiagnosticList: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
