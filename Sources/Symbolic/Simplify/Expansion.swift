extension Expr {
    /// Distributes products over sums and expands integer powers of sums,
    /// everywhere (a polynomial in canonical form). `where` limits which sums are
    /// expanded (for example, only those mixing data and parameters).
    public func expanded(where shouldExpand: (Expr) -> Bool = { _ in true }) -> Expr {
        rewritten { e in
            switch e.node {
            case .mul:
                let fs = e.factors
                guard let i = fs.firstIndex(where: { $0.isSum && shouldExpand($0) }) else { return nil }
                var rest = fs
                rest.remove(at: i)
                let r = e.store.mul(rest)
                return e.store.add(fs[i].terms.map { ($0 * r).expanded(where: shouldExpand) })
            case .pow:
                let (b, x) = e.powerParts
                guard b.isSum, shouldExpand(b), let k = x.constantValue, k == k.rounded(), k >= 2, k <= 8 else {
                    return nil
                }
                // Multiply term by term: acc·b would fold straight back into a power.
                var acc = b
                for _ in 1..<Int(k) {
                    acc = e.store.add(acc.terms.flatMap { t in b.terms.map { (t * $0).expanded(where: shouldExpand) } })
                }
                return acc
            default:
                return nil
            }
        }
    }
}
