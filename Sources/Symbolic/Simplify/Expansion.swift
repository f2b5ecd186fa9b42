extension Expr {
    /// The most terms an expansion may produce (and a tenth of the products it may form on
    /// the way): beyond it the product is left as it is. (μ + 1)(μ + 2)…(μ + 20) expands to
    /// 21 terms, but twenty sums in twenty different symbols would give 2²⁰; a polynomial
    /// form that large helps neither the sufficient statistics nor a reader.
    public static let expansionLimit = 1000
    /// The most products one call of `expanded` forms in all (the whole expression):
    /// a DAG whose every product is moderately large could otherwise cost ∏ of them.
    public static let expansionBudget = 10_000

    /// Distributes products over sums and expands integer powers of sums,
    /// everywhere (a polynomial in canonical form). `where` limits which sums are
    /// expanded (for example, only those mixing data and parameters). A product whose
    /// expansion would pass `expansionLimit` terms is kept unexpanded.
    ///
    /// The rewrite is bottom-up, so a product's factors are already expanded when it is
    /// met: the sums among them are multiplied out one at a time, collecting like terms
    /// after each (so (μ + 1)(μ + 2)… stays one term per power of μ), in time proportional
    /// to the size of the result, not to the number of ways of forming it.
    public func expanded(where shouldExpand: (Expr) -> Bool = { _ in true }) -> Expr {
        withoutActuallyEscaping(shouldExpand) { predicate in
            let expansion = Expansion(shouldExpand: predicate)
            return rewritten { e in expansion.expand(e) }
        }
    }
}

/// One expansion pass's rule: a product or power of sums multiplied out, or nil; with
/// the pass's budget of products (once spent, what is left stays factored).
final class Expansion {
    let shouldExpand: (Expr) -> Bool
    var budget = Expr.expansionBudget

    init(shouldExpand: @escaping (Expr) -> Bool) { self.shouldExpand = shouldExpand }

    func expand(_ e: Expr) -> Expr? {
        switch e.node {
        case .mul:
            let fs = e.factors
            let sums = fs.filter { $0.isSum && shouldExpand($0) }
            guard !sums.isEmpty else { return nil }
            let rest = e.store.mul(fs.filter { !($0.isSum && shouldExpand($0)) })
            return multiply([rest], sums)
        case .pow:
            let (b, x) = e.powerParts
            guard b.isSum, shouldExpand(b), let k = x.constantValue, k == k.rounded(), k >= 2, k <= 8 else {
                return nil
            }
            return multiply([e.store.one], [Expr](repeating: b, count: Int(k)))
        default:
            return nil
        }
    }

    /// Σ of every product of one term from each of `sums`, times the terms of `start`;
    /// nil when the expansion grows past the limit.
    func multiply(_ start: [Expr], _ sums: [Expr]) -> Expr? {
        guard let store = start.first?.store else { return nil }
        var terms = start
        for sum in sums {
            let next = sum.terms
            let work = terms.count * next.count
            guard work <= 10 * Expr.expansionLimit, work <= budget else { return nil }
            budget -= work
            var products: [Expr] = []
            products.reserveCapacity(terms.count * next.count)
            for t in terms {
                for u in next {
                    // Multiplying can bring back a sum factor (a power of a sum reaching exponent 1).
                    let p = t * u
                    if let again = p.isProduct || p.node.isPower ? expand(p) : nil {
                        products.append(contentsOf: again.terms)
                    } else {
                        products.append(p)
                    }
                }
            }
            terms = store.add(products).terms
            guard terms.count <= Expr.expansionLimit else { return nil }
        }
        return store.add(terms)
    }
}

extension Node {
    var isPower: Bool { if case .pow = self { return true } else { return false } }
}
