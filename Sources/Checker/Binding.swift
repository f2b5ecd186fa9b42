import Diagnostics
import Syntax

/// What a name stands for.
public enum Binding: Sendable {
    case data(Shape)
    case param(ParamInfo)
    /// A `let`: its shape, and whether it depends on params (then it is a formula, evaluated after `fit`).
    case `let`(Shape, usesParams: Bool)
    case model

    public var kindName: String {
        switch self {
        case .data: return "data"
        case .param: return "a param"
        case .let: return "a let"
        case .model: return "a model"
        }
    }
}

public struct ParamInfo: Sendable {
    /// nil for a scalar; the length (when known) for `vector[K]`.
    public let length: Int??
    public let constraint: Constraint?
    /// Bounds of the constraint when they are literal numbers: (lower, upper).
    public let bounds: (Double?, Double?)

    public var isVector: Bool { length != nil }

    public var shape: Shape {
        switch length {
        case .none: return .scalar
        case .some(let n): return .vector(n)
        }
    }
}

/// A name in scope, where it was defined.
public struct Entry: Sendable {
    public let binding: Binding
    public let span: SourceSpan
}

/// The names in scope, with their kinds and shapes. The checker grows it one
/// statement at a time; the REPL keeps it between lines.
public struct Environment: Sendable {
    public internal(set) var entries: [String: Entry] = [:]
    /// Names in order of definition (for completion and listings).
    public internal(set) var order: [String] = []
    /// Model names in order of definition; "" is the unnamed model.
    public internal(set) var models: [String] = []
    /// Params each model uses.
    public internal(set) var modelParams: [String: [String]] = [:]
    /// The params each param-dependent `let` uses (through other lets too).
    public internal(set) var letParams: [String: [String]] = [:]
    /// Whether a `fit` has been checked, so `loglik`, `aic`, `bic` and `n` exist.
    public internal(set) var hasFit = false
    /// The model of the last `fit` (loglik(...) at a point refers to it).
    public internal(set) var lastFitModel: String?
    /// Models a `fit` has been checked for (so `m1.b1` and `vcov(m1)` have a value).
    public internal(set) var fittedModels: Set<String> = []
    /// The data on the left of each model's `~` lines, as written (spaces removed): a line
    /// with the same data again re-declares the model.
    public internal(set) var modelResponses: [String: [String]] = [:]

    public init() {}

    public subscript(name: String) -> Entry? { entries[name] }

    /// The model a bare `fit`, `show` or `loglik(...)` refers to: the unnamed one, else the
    /// last one defined.
    public var defaultModel: String? {
        if models.contains("") { return "" }
        return models.last
    }

    /// The model `loglik(μ: …)` at a point evaluates: the last fitted, else the default one.
    public var pointModel: String? { lastFitModel ?? defaultModel }

    mutating func define(_ name: String, _ binding: Binding, at span: SourceSpan) {
        if entries[name] == nil { order.append(name) }
        entries[name] = Entry(binding: binding, span: span)
    }

    /// Every name the user has defined.
    public var names: [String] { order }

    public var params: [String] {
        order.filter { if case .param = entries[$0]?.binding { return true } else { return false } }
    }
}
