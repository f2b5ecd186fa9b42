import Diagnostics
import Fitting
import Model
import Syntax

/// A program the checker accepted: each statement with what the checker settled
/// about it — resolved names, each model's params, typed options — so that the
/// interpreter executes it without checking anything again.
public struct CheckedProgram: Sendable {
    public let file: SourceFile
    public let statements: [CheckedStatement]
}

public struct CheckedStatement: Sendable {
    public let syntax: Statement
    public let action: Action
    /// The environment once this statement has run: the interpreter adopts it when
    /// the statement succeeds, so an error leaves every earlier definition intact.
    public let environment: Environment

    public var span: SourceSpan { syntax.span }
}

/// What a statement does, as the checker resolved it.
public enum Action: Sendable {
    case data(name: String, value: ExpressionSyntax)
    /// A let that uses params is a formula, evaluated when used.
    case `let`(name: String, value: ExpressionSyntax, usesParams: Bool)
    case param(ParamDeclaration)
    case model(CheckedModel)
    case prior(CheckedPrior)
    case fit(CheckedFit)
    case show(ShowTarget, model: String)
    case derive(model: String)
    case print([ExpressionSyntax])
    case assert(condition: ExpressionSyntax, tolerance: ExpressionSyntax?)
    case expression(ExpressionSyntax)
}

/// One `~` line of a model: its family found, its params known.
public struct CheckedTerm: Sendable {
    public let response: ExpressionSyntax
    public let family: any Distribution
    public let arguments: [ExpressionSyntax]
    public let weight: ExpressionSyntax?
    public let censored: ExpressionSyntax?
    /// Whether a censored row's value is a lower bound (right) or an upper bound (left).
    public var censoring: CensoringSide = .right
    /// `truncated(lower:, upper:)`: data-only bounds (a number or one per row).
    public var truncation: Truncation? = nil
    /// As written: "y ~ Normal(μ, σ) weight w".
    public let description: String
    public let span: SourceSpan
}

public struct CheckedModel: Sendable {
    /// "" for the unnamed model.
    public let name: String
    public let term: CheckedTerm
    /// Whether this line re-declares a term of the model (the same data on the left of
    /// `~`): then it replaces the model's earlier lines instead of adding to them.
    public let replaces: Bool
}

public struct CheckedPrior: Sendable {
    public let param: String
    public let family: any Distribution
    public let arguments: [ExpressionSyntax]
    /// As written: "β ~ Normal(0, 1)".
    public let description: String
}

public struct CheckedFit: Sendable {
    /// The model fitted: the one named, else the unnamed one, else the last defined.
    public let model: String
    /// nil: the plan picks the method.
    public let method: FitMethodKind?
    public let options: [(name: String, value: ExpressionSyntax)]
    public let trace: Bool
    /// Where the method was named (errors about it point there).
    public let methodSpan: SourceSpan?
}
