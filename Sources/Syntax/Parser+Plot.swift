import Diagnostics

extension Parser {
    /// plotStatement = "plot" [ NAME ":" ] plotTarget [ "to" STRING ]
    mutating func parsePlot(_ start: SourceSpan) throws -> Statement {
        advance()
        var name: Name?
        if case .identifier = current.kind, peek().kind == .colon {
            name = try parseName(SyntaxMessage.Expected.plotName)
            advance()
        }
        let target = try parsePlotTarget()
        var file: (path: String, span: SourceSpan)?
        if current.isKeyword("to") {
            advance()
            guard case .string(let path) = current.kind else {
                throw expected(SyntaxMessage.Expected.plotFile, help: SyntaxMessage.plotFileExample)
            }
            file = (path, advance().span)
        }
        return Statement(.plot(PlotDeclaration(name: name, target: target, file: file)), span(from: start))
    }

    /// plotTarget = "trace" [ NAME ]
    ///            | "profile" plotVariable
    ///            | [ "profile" ] expression "over" plotVariable { "," plotVariable } [ "profile" ]
    ///
    /// `trace` and `profile` start their forms only when no `over` (or, for `profile`, no
    /// `(` of the function profile(…)) follows them: `plot trace over trace in (0, 1)`
    /// plots a grid variable named trace.
    mutating func parsePlotTarget() throws -> PlotTarget {
        if current.isKeyword("trace"), !peek().isKeyword("over") {
            advance()
            var model: Name?
            if case .identifier(let word) = current.kind, word != "to" {
                model = try parseName(SyntaxMessage.Expected.modelName)
            }
            return .trace(model: model)
        }
        var profile = false
        if current.isKeyword("profile"), peek().kind != .leftParen, !peek().isKeyword("over") {
            advance()
            profile = true
        }
        let start = current.span
        let e = try parseExpression()
        if profile, !current.isKeyword("over") { return .profile(try parsePlotVariable(after: e, start)) }
        guard current.isKeyword("over") else {
            throw expected(SyntaxMessage.Expected.plotOver, help: SyntaxMessage.plotExample)
        }
        advance()
        var variables = [try parsePlotVariable()]
        while match(.comma) != nil { variables.append(try parsePlotVariable()) }
        if current.isKeyword("profile") {
            if profile { throw Diagnostic.error(SyntaxMessage.givenTwice("profile"), at: current.span) }
            advance()
            profile = true
        }
        return .over(PlotOver(expression: e, variables: variables, profile: profile))
    }

    /// plotVariable = expression [ ( "in" | "∈" ) ( "(" expression "," expression ")" | "[" … "]" ) ] [ "log" ]
    mutating func parsePlotVariable() throws -> PlotVariable {
        let start = current.span
        return try parsePlotVariable(after: try parseExpression(), start)
    }

    /// The range and scale after a plot variable's expression.
    mutating func parsePlotVariable(after target: ExpressionSyntax, _ start: SourceSpan) throws -> PlotVariable {
        var range: (lower: ExpressionSyntax, upper: ExpressionSyntax)?
        if current.isKeyword("in") || current.kind == .elementOf {
            advance()
            if case .interval(let a, let b) = try parseInterval() { range = (a, b) }
        }
        let log = current.isKeyword("log") && peek().kind != .leftParen
        if log { advance() }
        return PlotVariable(target: target, range: range, log: log, span: span(from: start))
    }
}
