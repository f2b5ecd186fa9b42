import Diagnostics

extension Parser {
    /// expression = operand { binaryOperator operand }, by precedence climbing over `Precedence`.
    mutating func parseExpression(minimumLevel: Int = 1) throws -> ExpressionSyntax {
        var left = try parseUnary()
        while let (op, level, associativity) = Precedence.binary(current.kind), level >= minimumLevel {
            let opToken = advance()
            let right = try parseExpression(minimumLevel: level + 1)
            left = try makeBinary(op, left, right, opToken)
            if associativity == .none, let (_, next, _) = Precedence.binary(current.kind), next == level {
                throw Diagnostic.error(
                    SyntaxMessage.cannotChain(opToken.text, current.text), at: current.span,
                    help: SyntaxMessage.addParentheses)
            }
        }
        return left
    }

    func makeBinary(_ op: BinaryOperator, _ a: ExpressionSyntax, _ b: ExpressionSyntax, _ opToken: Token) throws
        -> ExpressionSyntax
    {
        try bounded(ExpressionSyntax(.binary(op, a, b), a.span.merged(with: b.span)), opToken)
    }

    /// `e`, unless it is taller than `maximumDepth` (long chains like `1+1+…+1` or `x[1][1]…[1]`).
    func bounded(_ e: ExpressionSyntax, _ opToken: Token) throws -> ExpressionSyntax {
        if e.depth > Parser.maximumDepth {
            throw Diagnostic.error(
                SyntaxMessage.tooLong(depth: Parser.maximumDepth), at: opToken.span,
                help: SyntaxMessage.splitIntoLets)
        }
        return e
    }

    /// unary = ( "-" | "+" ) unary | power
    mutating func parseUnary() throws -> ExpressionSyntax {
        guard current.kind == .minus || current.kind == .plus else { return try parsePower() }
        let opToken = advance()
        try enterNesting(opToken)
        defer { nesting -= 1 }
        let operand = try parseUnary()
        let op: UnaryOperator = opToken.kind == .minus ? .negate : .plus
        return ExpressionSyntax(.unary(op, operand), opToken.span.merged(with: operand.span))
    }

    /// power = postfix [ "^" unary ]       (right-associative; `-2^2` is −4, `2^-1` is 0.5)
    mutating func parsePower() throws -> ExpressionSyntax {
        let base = try parsePostfix()
        guard current.kind == .caret else { return base }
        let opToken = advance()
        try enterNesting(opToken)
        defer { nesting -= 1 }
        let exponent = try parseUnary()
        return try makeBinary(.power, base, exponent, opToken)
    }

    /// postfix = primary { "(" [ arguments ] ")" | "[" expression { "," expression } "]" | "." NAME | SUPERSCRIPT }
    mutating func parsePostfix() throws -> ExpressionSyntax {
        var e = try parsePrimary()
        while true {
            switch current.kind {
            case .leftParen:
                guard case .name(let callee) = e.kind else {
                    throw Diagnostic.error(
                        SyntaxMessage.onlyNamedCalls, at: current.span,
                        help: SyntaxMessage.multiplyBeforeParenthesis)
                }
                let open = advance()
                try enterNesting(open)
                defer { nesting -= 1 }
                let args = try parseArguments(closing: open)
                e = ExpressionSyntax(.call(Name(callee, e.span), args), span(from: e.span))
            case .leftBracket:
                let open = advance()
                try enterNesting(open)
                defer { nesting -= 1 }
                var indices = [try parseIndex()]
                while match(.comma) != nil { indices.append(try parseIndex()) }
                _ = try expect(
                    .rightBracket, SyntaxMessage.Expected.closing("]", open: "[", openedAt: open.span.position))
                e = try bounded(ExpressionSyntax(.index(e, indices), span(from: e.span)), open)
            case .period:
                advance()
                guard case .identifier(let member) = current.kind else {
                    throw expected(SyntaxMessage.Expected.columnName)
                }
                let t = advance()
                e = try bounded(ExpressionSyntax(.member(e, Name(member, t.span)), e.span.merged(with: t.span)), t)
            case .superscript(let power):
                let t = advance()
                let exponent = ExpressionSyntax(.number(Double(power)), t.span)
                e = try makeBinary(.power, e, exponent, t)
            default:
                return e
            }
        }
    }

    /// primary = NUMBER | STRING | NAME | "(" expression ")" | "[" [ expression { "," expression } ] "]"
    mutating func parsePrimary() throws -> ExpressionSyntax {
        let t = current
        switch t.kind {
        case .number(let v):
            advance()
            return ExpressionSyntax(.number(v), t.span)
        case .string(let s):
            advance()
            return ExpressionSyntax(.string(s), t.span)
        case .identifier(let name):
            if Keyword.reserved.contains(name) {
                throw Diagnostic.error(
                    SyntaxMessage.keywordInExpression(name), at: t.span,
                    help: Keyword.statements.contains(name) ? SyntaxMessage.startsStatement(name) : nil)
            }
            advance()
            return ExpressionSyntax(.name(name), t.span)
        case .leftParen:
            advance()
            try enterNesting(t)
            defer { nesting -= 1 }
            let inner = try parseExpression()
            _ = try expect(.rightParen, SyntaxMessage.Expected.closing(")", open: "(", openedAt: t.span.position))
            return ExpressionSyntax(inner.kind, span(from: t.span))
        case .leftBracket:
            advance()
            try enterNesting(t)
            defer { nesting -= 1 }
            var items: [ExpressionSyntax] = []
            if !check(.rightBracket) {
                items.append(try parseExpression())
                while match(.comma) != nil {
                    if check(.rightBracket) { break }
                    items.append(try parseExpression())
                }
            }
            _ = try expect(.rightBracket, SyntaxMessage.Expected.closing("]", open: "[", openedAt: t.span.position))
            return ExpressionSyntax(.vector(items), span(from: t.span))
        default:
            throw expected(SyntaxMessage.Expected.expression)
        }
    }

    /// index = NAME-or-keyword (a column name: d[model, hp]) | expression
    mutating func parseIndex() throws -> ExpressionSyntax {
        if case .identifier(let word) = current.kind, Keyword.reserved.contains(word),
            peek().kind == .comma || peek().kind == .rightBracket
        {
            let t = advance()
            return ExpressionSyntax(.name(word), t.span)
        }
        return try parseExpression()
    }

    /// arguments = argument { "," argument } ;  argument = [ NAME ":" ] expression
    mutating func parseArguments(closing open: Token) throws -> [Argument] {
        var args: [Argument] = []
        while !check(.rightParen) {
            var label: Name?
            if case .identifier(let l) = current.kind, peek().kind == .colon {
                label = Name(l, advance().span)
                advance()
            } else if let previous = args.last, previous.label != nil {
                throw Diagnostic.error(
                    SyntaxMessage.positionalAfterNamed, at: current.span,
                    help: SyntaxMessage.positionalFirst)
            }
            args.append(Argument(label: label, value: try parseExpression()))
            if match(.comma) == nil { break }
        }
        _ = try expect(.rightParen, SyntaxMessage.Expected.closing(")", open: "(", openedAt: open.span.position))
        return args
    }

    mutating func enterNesting(_ token: Token) throws {
        nesting += 1
        if nesting > Parser.maximumNesting {
            throw Diagnostic.error(
                SyntaxMessage.nestedTooDeeply(levels: Parser.maximumNesting), at: token.span,
                help: SyntaxMessage.splitIntoLets)
        }
    }
}
