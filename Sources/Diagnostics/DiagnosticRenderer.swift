/// Renders diagnostics as text in the familiar compiler form:
///
/// ```
/// coin.mle:3:7: error: undefined name 'fliqs'
///     3 | model fliqs ~ Bernoulli(p)
///       |       ^~~~~
///       = help: did you mean 'flips'?
/// ```
///
/// Colour (ANSI) only when asked for: the caller knows whether it writes to a terminal.
public struct DiagnosticRenderer: Sendable {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    public func render(_ d: Diagnostic) -> String {
        var out = header(d.span, severity: d.severity.rawValue, message: Self.escaped(d.message))
        if let span = d.span { out += snippet(span, severity: d.severity) }
        for note in d.notes {
            if let span = note.span, span.file !== d.span?.file || !sameLine(span, d.span) {
                out += header(span, severity: "note", message: Self.escaped(note.message))
                out += snippet(span, severity: .note)
            } else if let span = note.span {
                out += snippet(span, severity: .note, label: Self.escaped(note.message), showLine: false)
            } else {
                out += margin(d) + "= note: \(Self.escaped(note.message))\n"
            }
        }
        if let help = d.help { out += margin(d) + "= \(paint("help", .cyan)): \(Self.escaped(help))\n" }
        return out
    }

    public func render(_ ds: [Diagnostic]) -> String { ds.map(render).joined() }

    /// Spaces that put `=` of a help or note line under the snippet's `|`.
    private func margin(_ d: Diagnostic) -> String {
        let line = d.span.map { String($0.file.location(of: $0.start).line) } ?? ""
        return String(repeating: " ", count: max(4, line.count + 1) + 1)
    }

    private func sameLine(_ a: SourceSpan, _ b: SourceSpan?) -> Bool {
        guard let b else { return false }
        return a.file.location(of: a.start).line == b.file.location(of: b.start).line
    }

    private func header(_ span: SourceSpan?, severity: String, message: String) -> String {
        let place = span.map { "\($0.file.name):\($0.position): " } ?? "mle: "
        let colour: Color = severity == "error" ? .red : severity == "warning" ? .yellow : .cyan
        return paint(place, .bold) + paint("\(severity):", colour) + " " + paint(message, .bold) + "\n"
    }

    /// The source line with a caret under the span's first character and `~` under the rest.
    /// The widest source excerpt shown, in characters.
    static let window = 120

    private func snippet(
        _ span: SourceSpan, severity: Diagnostic.Severity, label: String? = nil, showLine: Bool = true
    ) -> String {
        let file = span.file
        let (line, startColumn) = file.location(of: span.start)
        var column = startColumn
        var text = file.lineText(line)
        let lineEnd = file.lineEnd(line)
        let underlined = SourceSpan(file: file, start: span.start, end: min(span.end, lineEnd)).text
        var width = max(1, underlined.unicodeScalars.filter { !Self.isCombining($0) }.count)
        // A very long line is shown as a window around the span, so the message stays readable.
        let scalars = Array(text.unicodeScalars)
        if scalars.count > Self.window {
            let first = max(0, min(column - 1 - Self.window / 3, scalars.count - Self.window))
            let last = min(scalars.count, first + Self.window)
            var shown = String.UnicodeScalarView(scalars[first..<last])
            if first > 0 { shown.insert("…", at: shown.startIndex) }
            if last < scalars.count { shown.append("…") }
            text = String(shown)
            column = column - first + (first > 0 ? 1 : 0)
            width = min(width, max(1, last - (column - 1 - (first > 0 ? 1 : 0)) - first))
        }
        let number = String(line)
        let gutter = String(repeating: " ", count: max(4, number.count + 1))
        var out = ""
        if showLine {
            out = String(repeating: " ", count: max(0, gutter.count - number.count)) + number + " | "
            out += printable(text) + "\n"
        }
        let pad = leadingPad(text, columns: column - 1)
        let marker = "^" + String(repeating: "~", count: width - 1)
        let colour: Color = severity == .error ? .red : severity == .warning ? .yellow : .cyan
        out += gutter + " | " + pad + paint(marker, colour)
        if let label { out += " " + label }
        return out + "\n"
    }

    /// Spaces (and tabs, kept as tabs so the caret lines up) for the first `columns` scalars.
    private func leadingPad(_ line: String, columns: Int) -> String {
        var pad = ""
        for (i, scalar) in line.unicodeScalars.enumerated() where i < columns {
            if scalar == "\t" {
                pad += "\t"
            } else if Self.isCombining(scalar) {
                continue
            } else {
                pad += " "
            }
        }
        return pad
    }

    /// A mark drawn on the character before it (ŵ as w + U+0302), so it takes no column.
    private static func isCombining(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .nonspacingMark
    }

    /// A message made safe for one terminal line: control characters (C0, DEL, C1 — a NUL
    /// or an escape sequence from a file name or a CSV cell) are written as escapes
    /// (`\0`, `\n`, `\t`, `\x1B`), so they can neither cut the line nor drive the terminal.
    public static func escaped(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: isControl) else { return message }
        var out = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\0": out += "\\0"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Control characters (other than tab) are shown as U+FFFD so the terminal is not confused.
    private func printable(_ s: String) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.map {
                    ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F ? "\u{FFFD}" : $0
                }))
    }

    private enum Color: String {
        case red = "31"
        case yellow = "33"
        case cyan = "36"
        case bold = "1"
    }

    private func paint(_ s: String, _ c: Color) -> String {
        color ? "\u{1B}[\(c.rawValue)m\(s)\u{1B}[0m" : s
    }
}
