import Diagnostics
import Syntax

/// One way in for the Syntax tests (a namespace, so helper names cannot clash with other test files).
enum SyntaxFixture {
    static func file(_ text: String) -> SourceFile { SourceFile(name: "t.mle", text: text) }

    /// The token kinds of `text`, without the final `.eof`.
    static func kinds(_ text: String) -> [TokenKind] {
        let (tokens, _) = Lexer.tokenize(file(text))
        return tokens.dropLast().map(\.kind)
    }

    /// The lexer's error messages for `text`.
    static func lexErrors(_ text: String) -> [String] {
        Lexer.tokenize(file(text)).diagnostics.map(\.message)
    }

    /// The statements of `text` printed as S-expressions, and its diagnostics' messages.
    static func parse(_ text: String) -> (trees: [String], errors: [String]) {
        let (program, diagnostics) = Parser.parse(file(text))
        return (program.statements.map(\.description), diagnostics.map(\.message))
    }

    /// The single tree `text` parses to, or a description of what went wrong.
    static func tree(_ text: String) -> String {
        let (trees, errors) = parse(text)
        guard errors.isEmpty, trees.count == 1 else { return "trees \(trees), errors \(errors)" }
        return trees[0]
    }

    /// The diagnostics of parsing `text`, each as "line:col: message".
    static func errors(_ text: String) -> [String] {
        Parser.parse(file(text)).diagnostics.map { "\($0.span?.position ?? "-"): \($0.message)" }
    }
}
