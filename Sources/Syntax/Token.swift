import Diagnostics

/// The kinds of token. Unicode operators and their ASCII spellings lex to the
/// same kind (`≈` and `~=`, `±` and `+-`, `∈` and the keyword `in`).
public enum TokenKind: Equatable, Sendable {
    case identifier(String)
    case number(Double)
    case string(String)
    /// A run of superscript digits after an operand: `σ²` is `σ ^ 2`.
    case superscript(Int)
    case newline
    case eof

    case plus, minus, star, slash, caret
    case tilde, approx, plusMinus, elementOf, middleDot
    case assign, equal, notEqual, less, lessEqual, greater, greaterEqual
    case leftParen, rightParen, leftBracket, rightBracket
    case comma, colon, period

    /// How the token is named in "expected …, found …" messages.
    public var description: String {
        switch self {
        case .identifier(let s): return "'\(s)'"
        case .number: return "a number"
        case .string: return "a string"
        case .superscript: return "a superscript"
        case .newline: return "the end of the line"
        case .eof: return "the end of the input"
        default: return "'\(Self.spelling[self] ?? "?")'"
        }
    }

    /// The canonical (Unicode where there is one) spelling of each operator kind.
    static let spelling: [TokenKind: String] = [
        .plus: "+", .minus: "-", .star: "*", .slash: "/", .caret: "^",
        .tilde: "~", .approx: "≈", .plusMinus: "±", .elementOf: "∈", .middleDot: "·",
        .assign: "=", .equal: "==", .notEqual: "!=", .less: "<", .lessEqual: "<=",
        .greater: ">", .greaterEqual: ">=", .leftParen: "(", .rightParen: ")",
        .leftBracket: "[", .rightBracket: "]", .comma: ",", .colon: ":", .period: ".",
    ]

    /// Operators after which a line continues on the next line.
    var continuesLine: Bool {
        switch self {
        case .plus, .minus, .star, .slash, .caret, .tilde, .approx, .plusMinus, .elementOf,
            .middleDot, .assign, .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .comma:
            return true
        default:
            return false
        }
    }
}

extension TokenKind: Hashable {}

/// A token with the span of source it was read from.
public struct Token: Sendable {
    public let kind: TokenKind
    public let span: SourceSpan

    public init(_ kind: TokenKind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The token's text as the user wrote it.
    public var text: String { span.text }

    public var identifier: String? {
        if case .identifier(let s) = kind { return s }
        return nil
    }

    public func isKeyword(_ word: String) -> Bool { identifier == word }

    /// Whether a line ending in this token goes on to the next line: a binary operator, ',' or 'in'.
    var continuesLine: Bool { kind.continuesLine || isKeyword("in") }
}

/// Words that begin statements. They cannot name data, params or lets, and a
/// line that starts with one always starts a new statement (this is how an
/// unclosed bracket is caught at the line where it was left open).
public enum Keyword {
    public static let statements: Set<String> = [
        "data", "let", "param", "model", "prior", "fit", "show", "derive", "print", "assert",
    ]
    /// Words with a meaning inside statements; `in` is reserved, the rest are
    /// recognised only where the grammar expects them.
    public static let reserved: Set<String> = statements.union(["in"])
    public static let contextual: Set<String> = [
        "using", "weight", "censored", "truncated", "within", "trace", "vector", "simplex", "matrix",
    ]
}
