import Diagnostics

/// Recursive descent over the token list; each method is named after a rule of
/// Grammar.md and headed by it. A syntax error abandons the statement it is in
/// and parsing resumes at the next line, so one run reports every syntax error.
public struct Parser {
    let file: SourceFile
    let tokens: [Token]
    var position = 0
    var nesting = 0
    public private(set) var diagnostics: [Diagnostic] = []

    /// Brackets and unary operators may nest this deep; deeper input is an error, not a stack overflow.
    public static let maximumNesting = 200
    /// The height of an expression tree (long chains like `1+1+…+1`).
    public static let maximumDepth = 5_000

    public init(tokens: [Token], file: SourceFile) {
        self.tokens = tokens
        self.file = file
    }

    /// Lexes and parses a whole source; diagnostics from both stages, in source order.
    public static func parse(_ file: SourceFile) -> (program: Program, diagnostics: [Diagnostic]) {
        let (tokens, lexical) = Lexer.tokenize(file)
        var parser = Parser(tokens: tokens, file: file)
        let statements = parser.parseProgram()
        // One message per place: a lexical error (an unclosed bracket, a malformed
        // number) already explains the syntax error the parser meets there.
        var seen: Set<Int> = []
        let all = (lexical + parser.diagnostics).filter { seen.insert($0.span?.start ?? -1).inserted }
            .sorted { ($0.span?.start ?? 0) < ($1.span?.start ?? 0) }
        return (Program(file: file, statements: statements), all)
    }

    /// program = { newline } { statement ( newline | EOF ) }
    mutating func parseProgram() -> [Statement] {
        var statements: [Statement] = []
        while true {
            skipNewlines()
            if current.kind == .eof { break }
            let start = position
            do {
                let statement = try parseStatement()
                try expectEndOfStatement(after: statement)
                statements.append(statement)
            } catch let error as Diagnostic {
                if !diagnostics.contains(where: { $0.span == error.span && $0.message == error.message }) {
                    diagnostics.append(error)
                }
                synchronize()
            } catch {
                synchronize()
            }
            if position == start { advance() }
        }
        return statements
    }

    // MARK: - Token access

    var current: Token { tokens[min(position, tokens.count - 1)] }

    func peek(_ ahead: Int = 1) -> Token { tokens[min(position + ahead, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let t = current
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    mutating func skipNewlines() {
        while current.kind == .newline { advance() }
    }

    /// Skips to the start of the next statement.
    mutating func synchronize() {
        while current.kind != .newline && current.kind != .eof { advance() }
    }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    mutating func match(_ kind: TokenKind) -> Token? {
        guard check(kind) else { return nil }
        return advance()
    }

    mutating func expect(_ kind: TokenKind, _ what: String) throws -> Token {
        if let t = match(kind) { return t }
        throw expected(what)
    }

    func expected(_ what: String, help: String? = nil) -> Diagnostic {
        let found = current
        let where_ = found.kind == .newline || found.kind == .eof ? found.span : found.span
        return .error(SyntaxMessage.expected(what, found: found.kind.description), at: where_, help: help)
    }

    func span(from start: SourceSpan) -> SourceSpan {
        let end = tokens[max(0, min(position, tokens.count) - 1)].span
        return start.merged(with: end)
    }

    mutating func expectEndOfStatement(after statement: Statement) throws {
        guard current.kind == .newline || current.kind == .eof else {
            throw expected(SyntaxMessage.Expected.endOfStatement, help: endHelp(for: statement))
        }
    }

    func endHelp(for statement: Statement) -> String? {
        if case .expression = statement.kind, current.kind == .tilde {
            return SyntaxMessage.likelihoodTermHelp
        }
        if case .expression = statement.kind, current.kind == .assign {
            return SyntaxMessage.nameAValueHelp
        }
        return SyntaxMessage.oneStatementPerLine
    }

    /// NAME, which must not be a reserved word.
    mutating func parseName(_ role: String) throws -> Name {
        guard case .identifier(let text) = current.kind else { throw expected(role) }
        if Keyword.reserved.contains(text) {
            throw Diagnostic.error(
                SyntaxMessage.keywordAsName(text, role: role), at: current.span,
                help: SyntaxMessage.anotherName(like: text))
        }
        let t = advance()
        return Name(text, t.span)
    }
}
