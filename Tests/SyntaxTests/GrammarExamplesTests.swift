import Diagnostics
import Foundation
import Syntax
import Testing

/// Grammar.md is the language's reference, so its examples must be what the
/// parser accepts: every ```mle block in it must parse without a syntax error,
/// and between them the blocks must use every statement keyword. (The test
/// only parses; examples may name data and params defined in other blocks.)
struct GrammarExamplesTests {
    /// One ```mle block: its number in the document (from 1), the line its
    /// fence is on, and its text.
    struct Example: Sendable, CustomTestStringConvertible {
        let number: Int
        let line: Int
        let text: String

        var testDescription: String { "example \(number) (Grammar.md line \(line))" }
    }

    static let grammarPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Grammar.md").path

    /// The blocks fenced by a line "```mle" and the next line "```", and the line
    /// of a fence left open at the end of the document, if any.
    static func examples(in markdown: String) -> (examples: [Example], unclosedAt: Int?) {
        var found: [Example] = []
        var current: (line: Int, lines: [String])?
        for (i, raw) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if var block = current {
                if line.trimmingCharacters(in: .whitespaces) == "```" {
                    let text = block.lines.joined(separator: "\n")
                    found.append(Example(number: found.count + 1, line: block.line, text: text))
                    current = nil
                } else {
                    block.lines.append(line)
                    current = block
                }
            } else if line.trimmingCharacters(in: .whitespaces) == "```mle" {
                current = (i + 1, [])
            }
        }
        return (found, current?.line)
    }

    static func loadGrammar() -> String? {
        try? String(contentsOfFile: grammarPath, encoding: .utf8)
    }

    static var allExamples: [Example] {
        loadGrammar().map { examples(in: $0).examples } ?? []
    }

    static func parse(_ example: Example) -> (program: Program, diagnostics: [Diagnostic]) {
        Parser.parse(SourceFile(name: "Grammar.md example \(example.number)", text: example.text))
    }

    @Test("Grammar.md exists and has ```mle examples, each fence closed")
    func documentHasExamples() throws {
        let text = try #require(GrammarExamplesTests.loadGrammar(), "cannot read \(GrammarExamplesTests.grammarPath)")
        let (examples, unclosed) = GrammarExamplesTests.examples(in: text)
        #expect(unclosed == nil, "the ```mle block opened at Grammar.md line \(unclosed ?? 0) is never closed")
        #expect(examples.count >= Keyword.statements.count)
        #expect(examples.allSatisfy { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
    }

    @Test(
        "every ```mle example in Grammar.md parses without a syntax error",
        arguments: GrammarExamplesTests.allExamples)
    func exampleParses(_ example: Example) {
        let errors = GrammarExamplesTests.parse(example).diagnostics.filter { $0.severity == .error }
        let rendered = errors.map { DiagnosticRenderer(color: false).render($0) }.joined()
        #expect(errors.isEmpty, "Grammar.md line \(example.line):\n\(rendered)")
    }

    /// Each statement keyword starts a line of some example, and the parser reads
    /// that line as that statement (so the example shows the statement, not an
    /// expression that happens to start with the word).
    @Test("the examples show every statement")
    func everyStatementHasAnExample() {
        var shown: Set<String> = []
        for example in GrammarExamplesTests.allExamples {
            let lines = example.text.split(separator: "\n", omittingEmptySubsequences: false)
            let firstWords = Set(lines.map { String($0.drop { $0 == " " || $0 == "\t" }.prefix { $0.isLetter }) })
            for statement in GrammarExamplesTests.parse(example).program.statements
            where Keyword.statements.contains(statement.keyword) && firstWords.contains(statement.keyword) {
                shown.insert(statement.keyword)
            }
        }
        let missing = Keyword.statements.subtracting(shown).sorted()
        #expect(
            missing.isEmpty, "no ```mle example in Grammar.md starts a line with: \(missing.joined(separator: ", "))")
    }
}
