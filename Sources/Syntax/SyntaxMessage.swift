/// The wording of every message the Syntax stage (lexer and parser) produces,
/// in one place, so that they read alike: what was expected, what was found.
///
/// Positions (`opened at 3:7`) come in as `SourceSpan.position` text.
enum SyntaxMessage {
    // MARK: Encoding and characters

    /// The first byte that is not part of a valid UTF-8 sequence, in hex.
    static func invalidUTF8(byte: UInt8) -> String {
        "the file is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)))"
    }

    static let saveAsUTF8 = "save the script as UTF-8"

    /// A character no token starts with: printable ones in quotes with their
    /// code point, control characters by code point alone.
    static func unexpectedCharacter(_ c: Unicode.Scalar) -> String {
        let hex = String(c.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let shown = c.properties.generalCategory == .control ? code : "'\(c)' (\(code))"
        return "unexpected character \(shown)"
    }

    /// What the writer probably meant by a stray character from another language, if known.
    static func unexpectedCharacterHelp(_ c: Unicode.Scalar) -> String? {
        switch c {
        case "'": return "strings are written in double quotes: \"...\""
        case ";": return "statements end at the end of a line; put the next one on its own line"
        case "{", "}": return "use '(' and ')' to group, '[' and ']' for vectors"
        case "!": return "'!=' means 'not equal'"
        default: return nil
        }
    }

    // MARK: Strings

    static func unknownEscape(_ e: Unicode.Scalar) -> String {
        "unknown escape '\\\(e)' in a string"
    }

    static let knownEscapes = "the escapes are \\n, \\t, \\\" and \\\\"

    static let unterminatedString = "unterminated string: expected '\"' before the end of the line"

    // MARK: Numbers

    static func digitAfterPoint(_ text: String) -> String {
        "malformed number '\(text)': expected a digit after the decimal point"
    }

    static func digitsInExponent(_ text: String) -> String {
        "malformed number '\(text)': expected digits in the exponent after 'e'"
    }

    /// A number run into a name or a second decimal point (`2x`, `1.2.3`).
    static func malformedNumber(_ text: String) -> String {
        "malformed number '\(text)'"
    }

    /// A number literal beyond a double's range: it would become ∞ (overflow) or 0 (underflow).
    static func numberOutOfRange(_ text: String, overflow: Bool) -> String {
        overflow
            ? "the number \(text) is too large: the largest finite number is about 1.8e308"
            : "the number \(text) is too small: it would round to 0 (the smallest positive number is about 4.9e-324)"
    }

    /// A superscript power with more digits than a Double holds exactly (beyond 2⁵³).
    static func superscriptTooLarge(_ text: String) -> String {
        "the superscript power \(text) is too large: powers up to 2⁵³ = 9007199254740992 are exact, a larger one would be rounded"
    }

    static let superscriptTooLargeHelp =
        "write the power with '^' and a number, e.g. x^1e20, if a rounded power is meant"

    static let oneDecimalPoint = "a number has at most one decimal point"

    static let multiplyNumberAndName = "to multiply, write '*' between the number and the name"

    // MARK: Brackets

    /// A bracket still open where a statement starts or the input ends.
    static func unclosed(close: String, open: String, openedAt position: String) -> String {
        "expected " + Expected.closing(close, open: open, openedAt: position)
    }

    static func openedHere(_ open: String) -> String {
        "'\(open)' opened here"
    }

    // MARK: Expected and found

    /// The parser's usual message; `what` is one of `Expected`, `found` a token's description.
    static func expected(_ what: String, found: String) -> String {
        "expected \(what), found \(found)"
    }

    /// What the parser wanted at a place, completing "expected …, found …".
    enum Expected {
        static let statement = "a statement"
        static let endOfStatement = "the end of the statement"
        static let expression = "an expression"
        static let name = "a name"
        static let parameterName = "a parameter name"
        static let modelName = "a model name"
        static let shape = "a shape after ':' ('vector[K]', 'simplex[K]', 'simplex[K, V]' or 'matrix[K, p]')"
        static func bracketAfterShape(_ word: String) -> String { "'[' after '\(word)'" }
        static let matrixColumns = "',' and the number of columns in 'matrix[K, p]'"
        static func closeShape(_ word: String, dimensions: Int) -> String {
            dimensions == 1 && word != "vector"
                ? "',' or ']' to close '\(word)['" : "']' to close '\(word)['"
        }
        static let interval = "an interval such as '(0, 1)' after 'in'"
        static let commaBetweenBounds = "',' between the interval's bounds"
        static let tildeAfterData = "'~' after the modelled data"
        static let distribution = "a distribution such as 'Normal(μ, σ)' after '~'"
        static let method = "a method after 'using' (closed, newton or gradient(lr: …, steps: …))"
        static let showTarget = "what to show (loglik, score, hessian, stats, …)"
        static let columnName = "a column name after '.'"

        static func assign(after name: String) -> String {
            "'=' after '\(name)'"
        }

        static func tilde(after name: String) -> String {
            "'~' after '\(name)'"
        }

        static func parenthesis(after name: String) -> String {
            "'(' after '\(name)'"
        }

        static func closing(_ close: String, open: String, openedAt position: String) -> String {
            "'\(close)' to close '\(open)' opened at \(position)"
        }
    }

    // MARK: Statements

    static let likelihoodTermHelp = "a likelihood term is written 'model y ~ Dist(...)'"
    static let nameAValueHelp = "to name a value, write 'let NAME = ...' (or 'data NAME = ...')"
    static let oneStatementPerLine = "put each statement on its own line"

    /// A reserved word where a name was expected; `role` says which name ("a parameter name").
    static func keywordAsName(_ word: String, role: String) -> String {
        "'\(word)' is a keyword and cannot be used as \(role)"
    }

    static func anotherName(like word: String) -> String {
        "choose another name, such as '\(word)_'"
    }

    static let statementStartsWithIn = "expected a statement, found the keyword 'in'"

    static func scalarNeedsNoShape(_ name: String) -> String {
        "a scalar parameter needs no shape: 'param \(name)'"
    }

    static let modelExample = "write 'model y ~ Normal(μ, σ)'"

    static func distributionArguments(_ name: String) -> String {
        "a distribution takes its parameters in parentheses: \(name)(...)"
    }

    static let truncationBound = "truncated(...) takes the bounds 'lower:' and 'upper:' (either may be left out)"
    static let truncationExample =
        "write truncated(lower: 1) for a count that cannot be 0, or truncated(lower: a, upper: b)"

    /// `weight` or `censored` twice in one model statement.
    static func givenTwice(_ word: String) -> String {
        "'\(word)' is given twice"
    }

    // MARK: Expressions

    static func keywordInExpression(_ word: String) -> String {
        "expected an expression, found the keyword '\(word)'"
    }

    static func startsStatement(_ word: String) -> String {
        "'\(word)' starts a statement; put it on its own line"
    }

    /// Two non-associative operators in a row (`a < b < c`).
    static func cannotChain(_ first: String, _ second: String) -> String {
        "'\(first)' and '\(second)' cannot be chained"
    }

    static let addParentheses = "add parentheses, or split it into two statements"

    static let onlyNamedCalls = "only a named function can be called"

    static let multiplyBeforeParenthesis = "to multiply, write '*' before '('"

    static let positionalAfterNamed = "a positional argument cannot follow a named one"

    static let positionalFirst = "put positional arguments first"

    // MARK: Limits

    static func tooLong(depth: Int) -> String {
        "expression too long: it nests more than \(depth) operations"
    }

    static func nestedTooDeeply(levels: Int) -> String {
        "expression nested too deeply (more than \(levels) levels)"
    }

    static let splitIntoLets = "split it into several 'let' statements"
}
