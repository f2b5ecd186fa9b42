import Diagnostics
import HashTreeCollections
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
    /// How the param is shaped: a number, `vector[K]`, `simplex[K]` / `simplex[K, V]`, `matrix[K, p]`.
    public enum Kind: Sendable, Equatable {
        case scalar, vector, simplex, matrix
    }

    public let kind: Kind
    /// The dimensions, each nil while not known: [] for a scalar, [K] for a vector or
    /// `simplex[K]`, [K, V] for `simplex[K, V]` and `matrix[K, p]`.
    public let dimensions: [Int?]
    public let constraint: Constraint?
    /// Bounds of the constraint when they are literal numbers: (lower, upper).
    public let bounds: (Double?, Double?)

    public init(kind: Kind, dimensions: [Int?], constraint: Constraint?, bounds: (Double?, Double?)) {
        self.kind = kind
        self.dimensions = dimensions
        self.constraint = constraint
        self.bounds = bounds
    }

    /// A scalar (nil) or a vector of `length` components (as before shapes other than vectors).
    public init(length: Int??, constraint: Constraint?, bounds: (Double?, Double?)) {
        self.init(
            kind: length == nil ? .scalar : .vector, dimensions: length.map { [$0] } ?? [], constraint: constraint,
            bounds: bounds)
    }

    public var isVector: Bool { kind != .scalar }

    /// nil for a scalar; the number of components (when known) otherwise.
    public var length: Int?? {
        if kind == .scalar { return nil }
        return .some(dimensions.reduce(Int?(1)) { total, d in total.flatMap { t in d.map { t * $0 } } })
    }

    /// What the param is as a value: a number, a vector, or a matrix of rows.
    public var shape: Shape {
        switch dimensions.count {
        case 0: return .scalar
        case 1: return .vector(dimensions[0])
        default: return .matrix(dimensions[0], dimensions[1])
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
///
/// Every checked statement keeps the environment after it (the interpreter adopts it
/// when the statement succeeds), so copies must be cheap: the per-name tables are
/// persistent (a copy shares all but the path to what changed), which keeps a script of
/// 100,000 lets linear in time and memory instead of quadratic.
public struct Environment: Sendable {
    public internal(set) var entries: TreeDictionary<String, Entry> = [:]
    /// Names in order of definition (for completion and listings).
    var order = NameList()
    /// Model names in order of definition; "" is the unnamed model.
    public internal(set) var models: [String] = []
    /// Params each model uses.
    public internal(set) var modelParams: [String: [String]] = [:]
    /// The params each param-dependent `let` uses (through other lets too).
    public internal(set) var letParams: TreeDictionary<String, [String]> = [:]
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

    /// Every name the user has defined, in order of definition.
    public var names: [String] { order.names }

    public var params: [String] {
        names.filter { if case .param = entries[$0]?.binding { return true } else { return false } }
    }
}

/// Names in order of definition, as a persistent list: appending shares every earlier
/// name with the copies kept by earlier statements (O(1) per name, not O(n)).
struct NameList: Sendable {
    /// Immutable once linked (only `deinit` unlinks).
    private final class Cell: @unchecked Sendable {
        let name: String
        var previous: Cell?
        init(_ name: String, _ previous: Cell?) {
            self.name = name
            self.previous = previous
        }

        /// Releases the cells only this one holds in a loop: a list of 100,000 names freed
        /// recursively would overflow the stack.
        deinit {
            var next = previous
            previous = nil
            while var cell = next {
                next = nil
                guard isKnownUniquelyReferenced(&cell) else { break }
                next = cell.previous
                cell.previous = nil
            }
        }
    }

    private var last: Cell?
    private(set) var count = 0

    mutating func append(_ name: String) {
        last = Cell(name, last)
        count += 1
    }

    /// The names, first defined first (O(n)).
    var names: [String] {
        var result: [String] = []
        result.reserveCapacity(count)
        var cell = last
        while let c = cell {
            result.append(c.name)
            cell = c.previous
        }
        return result.reversed()
    }
}
