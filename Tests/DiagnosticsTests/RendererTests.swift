import Foundation
import Testing

@testable import Diagnostics

/// The exact text of rendered diagnostics: the one place messages become text.
@Suite struct RendererTests {
    static let plain = DiagnosticRenderer(color: false)

    /// A span over the first occurrence of `needle` (on the `occurrence`-th match).
    static func span(_ needle: String, in file: SourceFile, occurrence: Int = 1) -> SourceSpan {
        let bytes = Array(needle.utf8)
        var seen = 0
        for i in 0...(file.utf8.count - bytes.count) where Array(file.utf8[i..<i + bytes.count]) == bytes {
            seen += 1
            if seen == occurrence { return SourceSpan(file: file, start: i, end: i + bytes.count) }
        }
        Issue.record("'\(needle)' is not in the file")
        return SourceSpan(file: file, start: 0, end: 0)
    }

    @Test func errorWithCaretTildesAndHelp() {
        let f = SourceFile(
            name: "coin.mle", text: "data flips = [1, 0]\nparam p in (0, 1)\nmodel fliqs ~ Bernoulli(p)\n")
        let d = Diagnostic.error("undefined name 'fliqs'", at: Self.span("fliqs", in: f), help: "did you mean 'flips'?")
        #expect(
            Self.plain.render(d) == """
                coin.mle:3:7: error: undefined name 'fliqs'
                   3 | model fliqs ~ Bernoulli(p)
                     |       ^~~~~
                     = help: did you mean 'flips'?

                """)
        #expect(d.description == Self.plain.render(d))
    }

    @Test func oneCharacterAndEmptySpansGetOneCaret() {
        let f = SourceFile(name: "a.mle", text: "print (1 + 2")
        let end = SourceSpan(file: f, start: f.utf8.count, end: f.utf8.count)
        #expect(
            Self.plain.render(.error("expected ')'", at: end)) == """
                a.mle:1:13: error: expected ')'
                   1 | print (1 + 2
                     |             ^

                """)
        #expect(
            Self.plain.render(.warning("w", at: Self.span("(", in: f))) == """
                a.mle:1:7: warning: w
                   1 | print (1 + 2
                     |       ^

                """)
    }

    @Test func noteOnTheSameLineIsALabelledCaret() {
        let f = SourceFile(name: "a.mle", text: "print (1 + 2")
        let d = Diagnostic.error("expected ')'", at: SourceSpan(file: f, start: 12, end: 12))
            .note("'(' opened here", at: Self.span("(", in: f))
        #expect(
            Self.plain.render(d) == """
                a.mle:1:13: error: expected ')'
                   1 | print (1 + 2
                     |             ^
                     |       ^ '(' opened here

                """)
    }

    @Test func noteOnAnotherLineGetsItsOwnHeaderAndSnippet() {
        let f = SourceFile(name: "a.mle", text: "let x = 1\nlet y = 2\nlet x = 3\n")
        let d = Diagnostic(
            .error, "'x' is already defined (as a let)", at: Self.span("x", in: f, occurrence: 2),
            help: "choose another name"
        )
        .note("'x' was first defined here", at: Self.span("x", in: f))
        #expect(
            Self.plain.render(d) == """
                a.mle:3:5: error: 'x' is already defined (as a let)
                   3 | let x = 3
                     |     ^
                a.mle:1:5: note: 'x' was first defined here
                   1 | let x = 1
                     |     ^
                     = help: choose another name

                """)
    }

    @Test func noteWithoutSpanAndDiagnosticWithoutSpan() {
        let d = Diagnostic.error("there is no model to fit", at: nil, help: "state one first")
            .note("models come before fit", at: nil)
        #expect(
            Self.plain.render(d) == """
                mle: error: there is no model to fit
                     = note: models come before fit
                     = help: state one first

                """)
    }

    @Test func internalErrorsAskForABugReport() {
        let d = Diagnostic.internalError("boom", at: nil)
        #expect(d.isError)
        #expect(
            Self.plain.render(d) == """
                mle: error: internal error: boom
                     = help: this is a bug in mle; please report it with the script that triggered it

                """)
    }

    @Test func wideLineNumbersWidenTheGutter() {
        let text = String(repeating: "\n", count: 12344) + "let zz = 1"
        let f = SourceFile(name: "big.mle", text: text)
        let d = Diagnostic.error("bad", at: Self.span("zz", in: f))
        #expect(
            Self.plain.render(d) == """
                big.mle:12345:5: error: bad
                 12345 | let zz = 1
                       |     ^~

                """)
    }

    @Test func caretsLineUpAfterMultiByteNamesAndTabs() {
        let f = SourceFile(name: "u.mle", text: "let μσ = \tθ + 1")
        #expect(
            Self.plain.render(.error("e", at: Self.span("θ", in: f))) == """
                u.mle:1:11: error: e
                   1 | let μσ = \tθ + 1
                     |          \t^

                """)
    }

    /// A combining mark takes no column: the caret under `=` after `w` + U+0302 sits two spaces in.
    @Test func caretsLineUpAfterCombiningMarks() {
        let f = SourceFile(name: "u.mle", text: "w\u{302} = 1")
        #expect(
            Self.plain.render(.error("e", at: Self.span("=", in: f))) == """
                u.mle:1:4: error: e
                   1 | w\u{302} = 1
                     |   ^

                """)
    }

    /// The underline is as wide as the name looks: a combining mark adds no tilde.
    @Test func underlineOfADecomposedNameIsOneColumn() {
        let f = SourceFile(name: "u.mle", text: "print w\u{302}")
        #expect(
            Self.plain.render(.error("e", at: Self.span("w\u{302}", in: f))) == """
                u.mle:1:7: error: e
                   1 | print w\u{302}
                     |       ^

                """)
    }

    @Test func crlfLinesAreShownWithoutTheCarriageReturn() {
        let f = SourceFile(name: "w.mle", text: "data x = 1\r\nprint yy\r\n")
        #expect(
            Self.plain.render(.error("e", at: Self.span("yy", in: f))) == """
                w.mle:2:7: error: e
                   2 | print yy
                     |       ^~

                """)
        // A span running to the end of the line does not underline the '\r'.
        let toEnd = SourceSpan(file: f, start: Self.span("yy", in: f).start, end: Self.span("yy", in: f).end + 1)
        #expect(Self.plain.render(.error("e", at: toEnd)).hasSuffix("  |       ^~\n"))
    }

    @Test func aSpanOverSeveralLinesIsUnderlinedOnItsFirstLine() {
        let f = SourceFile(name: "m.mle", text: "let x = [1,\n  2]\n")
        let span = SourceSpan(file: f, start: Self.span("[", in: f).start, end: Self.span("]", in: f).end)
        #expect(
            Self.plain.render(.error("e", at: span)) == """
                m.mle:1:9: error: e
                   1 | let x = [1,
                     |         ^~~

                """)
    }

    @Test func controlCharactersAreShownAsReplacementCharacters() {
        let f = SourceFile(name: "c.mle", text: "print \u{1}x\u{7F}")
        let out = Self.plain.render(.error("e", at: Self.span("x", in: f)))
        #expect(out.contains("   1 | print \u{FFFD}x\u{FFFD}\n"))
        #expect(out.hasSuffix("     |        ^\n"))
    }

    @Test func severalDiagnosticsAreJoined() {
        let f = SourceFile(name: "a.mle", text: "a\nb")
        let ds = [
            Diagnostic.error("one", at: Self.span("a", in: f)), Diagnostic.warning("two", at: Self.span("b", in: f)),
        ]
        #expect(Self.plain.render(ds) == Self.plain.render(ds[0]) + Self.plain.render(ds[1]))
    }

    @Test func colourIsOffByDefaultAndOnWhenAsked() {
        let f = SourceFile(name: "a.mle", text: "let x = y")
        let d = Diagnostic.error("undefined name 'y'", at: Self.span("y", in: f), help: "did you mean 'x'?")
        let plain = Self.plain.render(d)
        #expect(!plain.contains("\u{1B}"))
        let coloured = DiagnosticRenderer(color: true).render(d)
        #expect(
            coloured == """
                \u{1B}[1ma.mle:1:9: \u{1B}[0m\u{1B}[31merror:\u{1B}[0m \u{1B}[1mundefined name 'y'\u{1B}[0m
                   1 | let x = y
                     |         \u{1B}[31m^\u{1B}[0m
                     = \u{1B}[36mhelp\u{1B}[0m: did you mean 'x'?

                """)
        // Stripping the escapes gives back the plain text.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9]+m", with: "", options: .regularExpression)
        #expect(stripped == plain)
    }

    @Test func warningsAndNotesHaveTheirOwnColours() {
        let f = SourceFile(name: "a.mle", text: "a\nb")
        let d = Diagnostic.warning("w", at: Self.span("a", in: f)).note("n", at: Self.span("b", in: f))
        let coloured = DiagnosticRenderer(color: true).render(d)
        #expect(coloured.contains("\u{1B}[33mwarning:\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[33m^\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[36mnote:\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[36m^\u{1B}[0m"))
    }
}
