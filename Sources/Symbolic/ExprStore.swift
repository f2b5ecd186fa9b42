/// The arena in which expressions live: every distinct node once (hash-consing),
/// so common subexpressions are shared and derivatives do not swell.
///
/// A store is not thread-safe; each model (and each test) builds its own.
public final class ExprStore {
    var nodes: [Node] = []
    var index: [Node: Int32] = [:]
    /// Per node: the symbols it depends on (computed once, when interned).
    var dependencies: [Set<Symbol>] = []
    /// Printed names of symbols (`μ`, `x`, `Σx²`).
    public var names: [Symbol: String] = [:]
    /// Memo of derivatives: (node, symbol) → node.
    var derivatives: [DerivativeKey: Int32] = [:]
    /// Symbols known to be positive (params constrained > 0, counts), for log rules.
    public var positive: Set<Symbol> = [] { didSet { positivity = [:] } }
    /// Memo of `isKnownPositive` per node (forgotten when `positive` changes).
    var positivity: [Int32: Bool] = [:]

    struct DerivativeKey: Hashable {
        let node: Int32
        let symbol: Symbol
    }

    public init() {}

    /// The number of distinct nodes (a measure of sharing, for tests).
    public var nodeCount: Int { nodes.count }

    func intern(_ node: Node) -> Expr {
        if let id = index[node] { return Expr(id: id, store: self) }
        let id = Int32(nodes.count)
        nodes.append(node)
        index[node] = id
        var deps: Set<Symbol> = []
        if case .symbol(let s) = node { deps.insert(s) }
        for c in node.children { deps.formUnion(dependencies[Int(c)]) }
        if case .rowSum = node { deps = deps.filter { !$0.isRowLevel } }
        dependencies.append(deps)
        return Expr(id: id, store: self)
    }

    func node(_ id: Int32) -> Node { nodes[Int(id)] }

    func expr(_ id: Int32) -> Expr { Expr(id: id, store: self) }

    // MARK: - Leaves

    public func constant(_ x: Double) -> Expr { intern(.number(x)) }

    public func symbol(_ s: Symbol, name: String? = nil) -> Expr {
        if let name { names[s] = name }
        return intern(.symbol(s))
    }

    public var zero: Expr { constant(0) }
    public var one: Expr { constant(1) }

    public func name(of s: Symbol) -> String {
        if let n = names[s] { return n }
        switch s {
        case .parameter(let i): return "θ\(Expr.subscripted(i + 1))"
        case .column(let i): return "x\(Expr.subscripted(i + 1))"
        case .predictor(let i): return "η\(Expr.subscripted(i + 1))"
        case .statistic(let i): return "S\(Expr.subscripted(i + 1))"
        case .pilot(let i): return "c\(Expr.subscripted(i + 1))"
        case .variable(let i): return "v\(Expr.subscripted(i + 1))"
        case .count(let k): return k == 0 ? "n" : "n\(Expr.subscripted(k))"
        case .selected(let s): return "θ[s\(Expr.subscripted(s + 1))]"
        }
    }
}
