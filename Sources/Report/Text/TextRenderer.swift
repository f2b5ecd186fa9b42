import Diagnostics

/// Every output as text for people: the one place `mle run`, the REPL and the
/// golden tests turn results into words.
public struct TextRenderer: Sendable {
    public let diagnostics: DiagnosticRenderer
    /// What the terminal shows (plots fit its width, use braille only on a Unicode one).
    public let terminal: TerminalProfile

    public init(color: Bool = false, terminal: TerminalProfile = .standard) {
        diagnostics = DiagnosticRenderer(color: color)
        self.terminal = terminal
    }

    /// The text of an output (nil for one that prints nothing, a passed assert);
    /// diagnostics end in a newline, the others do not.
    public func render(_ output: Output) -> String? {
        switch output {
        case .printed(let p): return p.values.map(\.text).joined(separator: " ")
        case .assertion: return nil
        case .diagnostic(let d): return diagnostics.render(d)
        case .trace(let t):
            return "  iteration \(t.iteration): ℓ = \(NumberFormat.significant(t.logLikelihood)), "
                + "max |∇ℓ| = \(NumberFormat.significant(t.gradientNorm, digits: 3))"
        case .fit(let report): return report.text
        case .show(let form): return form.text
        case .derivation(let d): return d.text
        case .comparison(let c): return c.text
        case .plot(let p): return p.text(for: terminal)
        }
    }
}
