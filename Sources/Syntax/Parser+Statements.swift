import Diagnostics

extension Parser {
    /// statement = dataStatement | letStatement | paramStatement | modelStatement
    ///           | priorStatement | fitStatement | showStatement | deriveStatement
    ///           | printStatement | assertStatement | expression
    mutating func parseStatement() throws -> Statement {
        let start = current.span
        switch current.identifier {
        case "data": return try parseBinding(start, isData: true)
        case "let": return try parseBinding(start, isData: false)
        case "param": return try parseParam(start)
        case "model": return try parseModel(start)
        case "prior": return try parsePrior(start)
        case "fit": return try parseFit(start)
        case "show": return try parseShow(start)
        case "derive": return try parseDerive(start)
        case "print": return try parsePrint(start)
        case "assert": return try parseAssert(start)
        case "in":
            throw Diagnostic.error(SyntaxMessage.statementStartsWithIn, at: current.span)
        default:
            if Precedence.binary(current.kind) != nil, current.kind != .minus, current.kind != .plus {
                throw expected(SyntaxMessage.Expected.statement)
            }
            if [.rightParen, .rightBracket, .comma, .colon, .period, .tilde, .assign].contains(current.kind) {
                throw expected(SyntaxMessage.Expected.statement)
            }
            let e = try parseExpression()
            return Statement(.expression(e), e.span)
        }
    }

    /// dataStatement = "data" NAME "=" expression
    /// letStatement  = "let" NAME "=" expression
    mutating func parseBinding(_ start: SourceSpan, isData: Bool) throws -> Statement {
        advance()
        let name = try parseName(SyntaxMessage.Expected.name)
        _ = try expect(.assign, SyntaxMessage.Expected.assign(after: name.text))
        let value = try parseExpression()
        return Statement(isData ? .data(name, value) : .let(name, value), span(from: start))
    }

    /// paramStatement = "param" NAME [ ":" shape ] [ constraint ] [ "=" expression ]
    mutating func parseParam(_ start: SourceSpan) throws -> Statement {
        advance()
        let name = try parseName(SyntaxMessage.Expected.parameterName)
        var shape: ParamShapeSyntax?
        if match(.colon) != nil { shape = try parseShape(name) }
        let constraintStart = current.span
        let constraint = try parseConstraint()
        let constraintSpan = constraint == nil ? nil : span(from: constraintStart)
        var startValue: ExpressionSyntax?
        if match(.assign) != nil { startValue = try parseExpression() }
        let decl = ParamDeclaration(
            name: name, shape: shape, constraint: constraint, constraintSpan: constraintSpan, start: startValue)
        return Statement(.param(decl), span(from: start))
    }

    /// shape = "vector" "[" expression "]"
    ///       | "simplex" "[" expression [ "," expression ] "]"
    ///       | "matrix" "[" expression "," expression "]"
    mutating func parseShape(_ name: Name) throws -> ParamShapeSyntax {
        guard let word = current.identifier, ParamShapeSyntax.keywords.contains(word) else {
            throw expected(SyntaxMessage.Expected.shape, help: SyntaxMessage.scalarNeedsNoShape(name.text))
        }
        advance()
        _ = try expect(.leftBracket, SyntaxMessage.Expected.bracketAfterShape(word))
        let first = try parseExpression()
        var second: ExpressionSyntax?
        if word != "vector", match(.comma) != nil { second = try parseExpression() }
        if word == "matrix", second == nil {
            throw expected(SyntaxMessage.Expected.matrixColumns)
        }
        _ = try expect(.rightBracket, SyntaxMessage.Expected.closeShape(word, dimensions: second == nil ? 1 : 2))
        switch word {
        case "vector": return .vector(first)
        case "simplex": return .simplex(first, second)
        default: return .matrix(first, second ?? first)
        }
    }

    /// constraint = ( "in" | "∈" ) ( "(" expression "," expression ")" | "[" expression "," expression "]" )
    ///            | ( ">" | ">=" ) expression | ( "<" | "<=" ) expression
    mutating func parseConstraint() throws -> Constraint? {
        let bound = Precedence.binary(.plus)!.level
        switch current.kind {
        case .greater, .greaterEqual:
            advance()
            return .greater(try parseExpression(minimumLevel: bound))
        case .less, .lessEqual:
            advance()
            return .less(try parseExpression(minimumLevel: bound))
        case .elementOf:
            advance()
            return try parseInterval()
        case .identifier("in"):
            advance()
            return try parseInterval()
        default:
            return nil
        }
    }

    mutating func parseInterval() throws -> Constraint {
        guard let open = match(.leftParen) ?? match(.leftBracket) else {
            throw expected(SyntaxMessage.Expected.interval)
        }
        let close: TokenKind = open.kind == .leftParen ? .rightParen : .rightBracket
        let low = try parseExpression()
        _ = try expect(.comma, SyntaxMessage.Expected.commaBetweenBounds)
        let high = try parseExpression()
        let closeText = open.kind == .leftParen ? ")" : "]"
        _ = try expect(close, SyntaxMessage.Expected.closing(closeText, open: open.text, openedAt: open.span.position))
        return .interval(low, high)
    }

    /// modelStatement = "model" [ NAME ":" ] expression "~" distribution
    ///                  { "weight" expression | "censored" [ "left" | "right" ] expression | truncation }
    mutating func parseModel(_ start: SourceSpan) throws -> Statement {
        advance()
        var name: Name?
        if case .identifier = current.kind, peek().kind == .colon {
            name = try parseName(SyntaxMessage.Expected.modelName)
            advance()
        }
        let response = try parseExpression()
        guard match(.tilde) != nil else {
            throw expected(SyntaxMessage.Expected.tildeAfterData, help: SyntaxMessage.modelExample)
        }
        let distribution = try parseDistribution()
        var weight: ExpressionSyntax?
        var censored: ExpressionSyntax?
        var side = CensoringSide.right
        var truncation: Truncation?
        while let word = current.identifier, ["weight", "censored", "truncated"].contains(word) {
            if word == "truncated", peek().kind != .leftParen { break }
            let keyword = advance()
            let given = word == "weight" ? weight != nil : (word == "censored" ? censored != nil : truncation != nil)
            if given { throw Diagnostic.error(SyntaxMessage.givenTwice(word), at: keyword.span) }
            switch word {
            case "weight": weight = try parseExpression()
            case "censored":
                side = parseCensoringSide()
                censored = try parseExpression()
            default: truncation = try parseTruncation(keyword)
            }
        }
        var decl = ModelDeclaration(
            name: name, response: response, distribution: distribution, weight: weight, censored: censored)
        decl.censoring = side
        decl.truncation = truncation
        return Statement(.model(decl), span(from: start))
    }

    /// After `censored`: `left` or `right` when another expression follows it (a data
    /// vector may itself be named `left`).
    mutating func parseCensoringSide() -> CensoringSide {
        guard let word = current.identifier, let side = CensoringSide(rawValue: word) else { return .right }
        switch peek().kind {
        case .newline, .eof: return .right
        case .identifier(let next) where ["weight", "censored", "truncated"].contains(next): return .right
        default:
            advance()
            return side
        }
    }

    /// truncation = "truncated" "(" argument { "," argument } ")" ;  (* lower: a, upper: b *)
    mutating func parseTruncation(_ keyword: Token) throws -> Truncation {
        let open = advance()
        let args = try parseArguments(closing: open)
        var bounds: [String: ExpressionSyntax] = [:]
        for arg in args {
            guard let label = arg.label, label.text == "lower" || label.text == "upper" else {
                throw Diagnostic.error(
                    SyntaxMessage.truncationBound, at: arg.label?.span ?? arg.value.span,
                    help: SyntaxMessage.truncationExample)
            }
            if bounds[label.text] != nil {
                throw Diagnostic.error(SyntaxMessage.givenTwice(label.text), at: label.span)
            }
            bounds[label.text] = arg.value
        }
        if bounds.isEmpty {
            throw Diagnostic.error(SyntaxMessage.truncationBound, at: open.span, help: SyntaxMessage.truncationExample)
        }
        return Truncation(lower: bounds["lower"], upper: bounds["upper"], span: span(from: keyword.span))
    }

    /// distribution = NAME "(" [ arguments ] ")"
    mutating func parseDistribution() throws -> DistributionCall {
        guard case .identifier(let text) = current.kind, !Keyword.reserved.contains(text) else {
            throw expected(SyntaxMessage.Expected.distribution)
        }
        let nameToken = advance()
        guard let open = match(.leftParen) else {
            throw expected(
                SyntaxMessage.Expected.parenthesis(after: text), help: SyntaxMessage.distributionArguments(text))
        }
        let args = try parseArguments(closing: open)
        return DistributionCall(name: Name(text, nameToken.span), arguments: args, span: span(from: nameToken.span))
    }

    /// priorStatement = "prior" NAME "~" distribution
    mutating func parsePrior(_ start: SourceSpan) throws -> Statement {
        advance()
        let name = try parseName(SyntaxMessage.Expected.parameterName)
        _ = try expect(.tilde, SyntaxMessage.Expected.tilde(after: name.text))
        let distribution = try parseDistribution()
        return Statement(.prior(name, distribution), span(from: start))
    }

    /// fitStatement = "fit" [ NAME ] [ "using" NAME [ "(" [ arguments ] ")" ] ] [ "trace" ]
    mutating func parseFit(_ start: SourceSpan) throws -> Statement {
        advance()
        var model: Name?
        if let word = current.identifier, word != "using", word != "trace" {
            model = try parseName(SyntaxMessage.Expected.modelName)
        }
        var method: Name?
        var options: [Argument] = []
        if current.isKeyword("using") {
            advance()
            guard case .identifier(let m) = current.kind else {
                throw expected(SyntaxMessage.Expected.method)
            }
            method = Name(m, advance().span)
            if let open = match(.leftParen) { options = try parseArguments(closing: open) }
        }
        let trace = current.isKeyword("trace")
        if trace { advance() }
        return Statement(
            .fit(FitDeclaration(model: model, method: method, options: options, trace: trace)), span(from: start))
    }

    /// showStatement = "show" NAME [ NAME ]
    mutating func parseShow(_ start: SourceSpan) throws -> Statement {
        advance()
        guard case .identifier(let what) = current.kind else {
            throw expected(SyntaxMessage.Expected.showTarget)
        }
        let target = Name(what, advance().span)
        var model: Name?
        if case .identifier = current.kind { model = try parseName(SyntaxMessage.Expected.modelName) }
        return Statement(.show(target, model: model), span(from: start))
    }

    /// deriveStatement = "derive" [ NAME ]
    mutating func parseDerive(_ start: SourceSpan) throws -> Statement {
        advance()
        var model: Name?
        if case .identifier = current.kind { model = try parseName(SyntaxMessage.Expected.modelName) }
        return Statement(.derive(model: model), span(from: start))
    }

    /// printStatement = "print" expression { "," expression }
    mutating func parsePrint(_ start: SourceSpan) throws -> Statement {
        advance()
        var items = [try parseExpression()]
        while match(.comma) != nil { items.append(try parseExpression()) }
        return Statement(.print(items), span(from: start))
    }

    /// assertStatement = "assert" expression [ "within" expression ]
    mutating func parseAssert(_ start: SourceSpan) throws -> Statement {
        advance()
        let condition = try parseExpression()
        var tolerance: ExpressionSyntax?
        if current.isKeyword("within") {
            advance()
            tolerance = try parseExpression()
        }
        return Statement(.assert(AssertDeclaration(condition: condition, tolerance: tolerance)), span(from: start))
    }
}
