/// A handle on a node in an `ExprStore`. Equal handles are equal expressions
/// (hash-consing makes structural equality an id comparison).
public struct Expr: Hashable, CustomStringConvertible {
    public let id: Int32
    public let store: ExprStore

    init(id: Int32, store: ExprStore) {
        self.id = id
        self.store = store
    }

    public static func == (a: Expr, b: Expr) -> Bool { a.id == b.id && a.store === b.store }
    public func hash(into h: inout Hasher) { h.combine(id) }

    var node: Node { store.node(id) }

    /// The number, if this is a constant.
    public var constantValue: Double? {
        if case .constant(let bits) = node { return Double(bitPattern: bits) }
        return nil
    }

    public var symbol: Symbol? {
        if case .symbol(let s) = node { return s }
        return nil
    }

    public func isConstant(_ x: Double) -> Bool { constantValue == x }

    /// Symbols this expression depends on.
    public var symbols: Set<Symbol> { store.dependencies[Int(id)] }

    public func depends(on s: Symbol) -> Bool { symbols.contains(s) }

    /// Whether it takes a value per row (mentions a column or a linear predictor outside Σ).
    public var isRowLevel: Bool { symbols.contains { $0.isRowLevel } }

    /// Whether it mentions any parameter (or linear predictor, which holds parameters).
    public var dependsOnParameters: Bool {
        symbols.contains {
            switch $0 {
            case .parameter, .predictor, .selected: return true
            default: return false
            }
        }
    }

    // MARK: - Structure, for rules

    public var terms: [Expr] {
        if case .add(let ts) = node { return ts.map(store.expr) }
        return [self]
    }

    public var factors: [Expr] {
        if case .mul(let fs) = node { return fs.map(store.expr) }
        return [self]
    }

    public var isSum: Bool { if case .add = node { return true } else { return false } }
    public var isProduct: Bool { if case .mul = node { return true } else { return false } }

    /// (base, exponent) of a power; (self, 1) otherwise.
    public var powerParts: (base: Expr, exponent: Expr) {
        if case .pow(let b, let e) = node { return (store.expr(b), store.expr(e)) }
        return (self, store.one)
    }

    /// (function, arguments) of an application.
    public var application: (Function, [Expr])? {
        if case .apply(let f, let args) = node { return (f, args.map(store.expr)) }
        return nil
    }

    public var rowSumBody: Expr? {
        if case .rowSum(let b) = node { return store.expr(b) }
        return nil
    }

    /// The numeric coefficient of a product and the rest: 3·x·y → (3, x·y).
    public var coefficientParts: (Double, Expr) {
        let fs = factors
        if let c = fs.first?.constantValue, fs.count > 1 { return (c, store.mul(Array(fs.dropFirst()))) }
        if let c = constantValue { return (c, store.one) }
        return (1, self)
    }

    // MARK: - Building

    public static func + (a: Expr, b: Expr) -> Expr { a.store.add([a, b]) }
    public static func - (a: Expr, b: Expr) -> Expr { a.store.add([a, a.store.mul([a.store.constant(-1), b])]) }
    public static func * (a: Expr, b: Expr) -> Expr { a.store.mul([a, b]) }
    public static func / (a: Expr, b: Expr) -> Expr { a.store.mul([a, a.store.pow(b, a.store.constant(-1))]) }
    public static prefix func - (a: Expr) -> Expr { a.store.mul([a.store.constant(-1), a]) }
    public static func + (a: Expr, b: Double) -> Expr { a + a.store.constant(b) }
    public static func + (a: Double, b: Expr) -> Expr { b.store.constant(a) + b }
    public static func - (a: Expr, b: Double) -> Expr { a - a.store.constant(b) }
    public static func - (a: Double, b: Expr) -> Expr { b.store.constant(a) - b }
    public static func * (a: Double, b: Expr) -> Expr { b.store.constant(a) * b }
    public static func * (a: Expr, b: Double) -> Expr { a * a.store.constant(b) }
    public static func / (a: Expr, b: Double) -> Expr { a / a.store.constant(b) }
    public static func / (a: Double, b: Expr) -> Expr { b.store.constant(a) / b }

    public func pow(_ e: Expr) -> Expr { store.pow(self, e) }
    public func pow(_ k: Double) -> Expr { store.pow(self, store.constant(k)) }
    public func apply(_ f: Function) -> Expr { store.apply(f, [self]) }
    public var squared: Expr { pow(2) }

    public var description: String { printed() }

    /// n written in subscript digits: 12 → ₁₂.
    public static func subscripted(_ n: Int) -> String {
        let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(String(n).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }
}

public func exp(_ e: Expr) -> Expr { e.apply(.exp) }
public func log(_ e: Expr) -> Expr { e.apply(.log) }
public func log1p(_ e: Expr) -> Expr { e.apply(.log1p) }
public func expm1(_ e: Expr) -> Expr { e.apply(.expm1) }
public func sigmoid(_ e: Expr) -> Expr { e.apply(.sigmoid) }
public func softplus(_ e: Expr) -> Expr { e.apply(.softplus) }
public func lgamma(_ e: Expr) -> Expr { e.apply(.lgamma) }
public func sqrt(_ e: Expr) -> Expr { e.pow(0.5) }
