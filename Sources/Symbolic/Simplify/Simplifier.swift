/// Rules that need a domain assumption, as small named functions
/// `(Expr) -> Expr?` (nil: no change), applied bottom-up to a fixpoint.
/// Everything valid on the whole domain is done at construction instead.
public struct Simplifier {
    public typealias Rule = (Expr) -> Expr?

    public let rules: [(name: String, rule: Rule)]

    public init(rules: [(name: String, rule: Rule)]) { self.rules = rules }

    /// The standard rule set.
    public static var standard: Simplifier {
        Simplifier(rules: [
            ("log of a product of positives", Rules.logOfProduct),
            ("log of a positive power", Rules.logOfPower),
        ])
    }

    /// Applies every rule bottom-up until nothing changes (at most `limit` passes).
    public func simplify(_ e: Expr, limit: Int = 8) -> Expr {
        var current = e
        for _ in 0..<limit {
            let next = current.rewritten { node in
                for (_, rule) in rules {
                    if let r = rule(node) { return r }
                }
                return nil
            }
            if next == current { return current }
            current = next
        }
        return current
    }
}

extension Expr {
    public func simplified() -> Expr { Simplifier.standard.simplify(self) }

    /// Whether the expression is known to be > 0: constants, symbols the store
    /// knows are positive (params constrained > 0), exp/σ/softplus, and sums,
    /// products and powers of positives.
    public var isKnownPositive: Bool {
        if let known = store.positivity[id] { return known }
        let result = computeKnownPositive
        store.positivity[id] = result
        return result
    }

    /// Memoised per node by `isKnownPositive` (a DAG walked as a tree is exponential).
    private var computeKnownPositive: Bool {
        switch node {
        case .constant: return constantValue! > 0
        case .symbol(let s):
            return store.positive.contains(s) || { if case .count = s { return true } else { return false } }()
        case .add: return terms.allSatisfy(\.isKnownPositive)
        case .mul: return factors.allSatisfy(\.isKnownPositive)
        case .pow:
            return powerParts.base.isKnownPositive
        case .apply(let f, let args):
            return f.isPositive(argumentPositive: args.allSatisfy { store.expr($0).isKnownPositive })
        case .rowSum: return false
        }
    }
}

/// The domain-dependent rules.
enum Rules {
    /// log(a·b) = log a + log b when every factor is positive.
    static func logOfProduct(_ e: Expr) -> Expr? {
        guard let (f, args) = e.application, f == .log, args[0].isProduct else { return nil }
        let fs = args[0].factors
        guard fs.allSatisfy(\.isKnownPositive) else { return nil }
        return e.store.add(fs.map { $0.apply(.log) })
    }

    /// log(aᵏ) = k·log a when a > 0.
    static func logOfPower(_ e: Expr) -> Expr? {
        guard let (f, args) = e.application, f == .log else { return nil }
        let (base, exponent) = args[0].powerParts
        guard args[0] != base, base.isKnownPositive else { return nil }
        return exponent * base.apply(.log)
    }
}
