import Diagnostics

/// A name as written, with where it was written.
public struct Name: Sendable, Hashable {
    public let text: String
    public let span: SourceSpan
    public init(_ text: String, _ span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

/// An expression node. `depth` is the height of the tree below it, bounded by
/// the parser so later recursive passes cannot exhaust the stack.
public struct ExpressionSyntax: Sendable {
    public indirect enum Kind: Sendable {
        case number(Double)
        case string(String)
        case name(String)
        /// `[a, b, c]`: a vector; a vector of vectors is a matrix whose rows are the inner vectors.
        case vector([ExpressionSyntax])
        case unary(UnaryOperator, ExpressionSyntax)
        case binary(BinaryOperator, ExpressionSyntax, ExpressionSyntax)
        case call(Name, [Argument])
        case index(ExpressionSyntax, [ExpressionSyntax])
        case member(ExpressionSyntax, Name)
    }

    public let kind: Kind
    public let span: SourceSpan
    public let depth: Int

    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
        self.depth = 1 + ExpressionSyntax.childDepth(kind)
    }

    static func childDepth(_ kind: Kind) -> Int {
        switch kind {
        case .number, .string, .name: return 0
        case .vector(let items): return items.map(\.depth).max() ?? 0
        case .unary(_, let e), .member(let e, _): return e.depth
        case .binary(_, let a, let b): return max(a.depth, b.depth)
        case .call(_, let args): return args.map(\.value.depth).max() ?? 0
        case .index(let e, let idx): return max(e.depth, idx.map(\.depth).max() ?? 0)
        }
    }

    /// The name if this expression is a bare name.
    public var nameText: String? {
        if case .name(let s) = kind { return s }
        return nil
    }
}

/// An argument of a call: positional, or named (`seed: 42`).
public struct Argument: Sendable {
    public let label: Name?
    public let value: ExpressionSyntax
    public init(label: Name?, value: ExpressionSyntax) {
        self.label = label
        self.value = value
    }
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case plus = "+"
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case power = "^"
    case dot = "·"
    case plusMinus = "±"
    case approx = "≈"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}

/// A distribution as written on the right of `~`: `Normal(μ, σ)`.
public struct DistributionCall: Sendable {
    public let name: Name
    public let arguments: [Argument]
    public let span: SourceSpan
    public init(name: Name, arguments: [Argument], span: SourceSpan) {
        self.name = name
        self.arguments = arguments
        self.span = span
    }
}

/// How a parameter is constrained.
public enum Constraint: Sendable {
    /// `in (a, b)` / `∈ (a, b)`: the open interval.
    case interval(ExpressionSyntax, ExpressionSyntax)
    /// `> a`
    case greater(ExpressionSyntax)
    /// `< b`
    case less(ExpressionSyntax)
}

/// The shape written after `:` in a param declaration.
public enum ParamShapeSyntax: Sendable {
    /// `vector[K]`: K components.
    case vector(ExpressionSyntax)
    /// `simplex[K]`: K non-negative components summing to 1; `simplex[K, V]`: K rows, each a simplex over V.
    case simplex(ExpressionSyntax, ExpressionSyntax?)
    /// `matrix[K, p]`: K rows of p components.
    case matrix(ExpressionSyntax, ExpressionSyntax)

    /// The words that can follow `:`.
    public static let keywords: Set<String> = ["vector", "simplex", "matrix"]

    /// The word that names the shape: "vector", "simplex", "matrix".
    public var keyword: String {
        switch self {
        case .vector: return "vector"
        case .simplex: return "simplex"
        case .matrix: return "matrix"
        }
    }

    /// The dimension expressions, in order.
    public var dimensions: [ExpressionSyntax] {
        switch self {
        case .vector(let k): return [k]
        case .simplex(let k, let v): return [k] + (v.map { [$0] } ?? [])
        case .matrix(let k, let p): return [k, p]
        }
    }
}

public struct ParamDeclaration: Sendable {
    public let name: Name
    /// `: vector[K]`, `: simplex[K]`, `: simplex[K, V]`, `: matrix[K, p]`; nil for a scalar.
    public let shape: ParamShapeSyntax?
    public let constraint: Constraint?
    public let constraintSpan: SourceSpan?
    public let start: ExpressionSyntax?

    /// `vector[K]`: the length expression; nil for a scalar or another shape.
    public var length: ExpressionSyntax? {
        if case .vector(let k) = shape { return k }
        return nil
    }
}

public struct ModelDeclaration: Sendable {
    public let name: Name?
    public let response: ExpressionSyntax
    public let distribution: DistributionCall
    public let weight: ExpressionSyntax?
    public let censored: ExpressionSyntax?
    /// Which bound a censored row's value is: `censored c` (right) or `censored left c`.
    public var censoring: CensoringSide = .right
    /// `truncated(lower: a, upper: b)`: the data lie in [a, b] (either bound may be left out).
    public var truncation: Truncation? = nil
}

/// `censored right c` (the default) or `censored left c`.
public enum CensoringSide: String, Sendable {
    /// The value is a lower bound: the true value is at least y.
    case right
    /// The value is an upper bound: the true value is at most y.
    case left
}

/// `truncated(lower: a, upper: b)`, as written; at least one bound.
public struct Truncation: Sendable {
    public let lower: ExpressionSyntax?
    public let upper: ExpressionSyntax?
    public let span: SourceSpan
    public init(lower: ExpressionSyntax?, upper: ExpressionSyntax?, span: SourceSpan) {
        self.lower = lower
        self.upper = upper
        self.span = span
    }
}

public struct FitDeclaration: Sendable {
    public let model: Name?
    /// `using newton`, `using gradient(lr: 0.01, steps: 500)`.
    public let method: Name?
    public let options: [Argument]
    public let trace: Bool
}

public struct AssertDeclaration: Sendable {
    public let condition: ExpressionSyntax
    public let tolerance: ExpressionSyntax?
}

/// One statement of a script.
public struct Statement: Sendable {
    public enum Kind: Sendable {
        case data(Name, ExpressionSyntax)
        case `let`(Name, ExpressionSyntax)
        case param(ParamDeclaration)
        case model(ModelDeclaration)
        case prior(Name, DistributionCall)
        case fit(FitDeclaration)
        case show(Name, model: Name?)
        case derive(model: Name?)
        case print([ExpressionSyntax])
        case assert(AssertDeclaration)
        case expression(ExpressionSyntax)
    }

    public let kind: Kind
    public let span: SourceSpan

    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The keyword that starts the statement, for messages ("'fit' is not available yet").
    public var keyword: String {
        switch kind {
        case .data: return "data"
        case .let: return "let"
        case .param: return "param"
        case .model: return "model"
        case .prior: return "prior"
        case .fit: return "fit"
        case .show: return "show"
        case .derive: return "derive"
        case .print: return "print"
        case .assert: return "assert"
        case .expression: return "expression"
        }
    }
}

public struct Program: Sendable {
    public let file: SourceFile
    public let statements: [Statement]
}
