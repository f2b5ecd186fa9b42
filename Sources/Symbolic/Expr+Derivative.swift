extension Expr {
    /// ∂self/∂s, built in the same store and memoised per (node, symbol), so
    /// the derivatives of a shared subexpression are computed once.
    public func derivative(withRespectTo s: Symbol) -> Expr {
        if !depends(on: s) { return store.zero }
        let key = ExprStore.DerivativeKey(node: id, symbol: s)
        if let done = store.derivatives[key] { return store.expr(done) }
        let d = computeDerivative(s)
        store.derivatives[key] = d.id
        return d
    }

    private func computeDerivative(_ s: Symbol) -> Expr {
        let st = store
        switch node {
        case .constant: return st.zero
        case .symbol(let t): return t == s ? st.one : st.zero
        case .add(let ts): return st.add(ts.map { st.expr($0).derivative(withRespectTo: s) })
        case .mul(let fs):
            // Product rule: Σᵢ fᵢ′ Πⱼ≠ᵢ fⱼ
            let factors = fs.map(st.expr)
            var terms: [Expr] = []
            for (i, f) in factors.enumerated() where f.depends(on: s) {
                var rest = factors
                rest[i] = f.derivative(withRespectTo: s)
                terms.append(st.mul(rest))
            }
            return st.add(terms)
        case .pow(let b, let e):
            let (base, exponent) = (st.expr(b), st.expr(e))
            if !exponent.depends(on: s) {
                // (bᵏ)′ = k·bᵏ⁻¹·b′
                return st.mul([exponent, base.pow(exponent - 1), base.derivative(withRespectTo: s)])
            }
            // (bᵉ)′ = bᵉ·(e′·log b + e·b′/b)
            let inner =
                exponent.derivative(withRespectTo: s) * log(base)
                + exponent * base.derivative(withRespectTo: s) / base
            return self * inner
        case .apply(let f, let args):
            let xs = args.map(st.expr)
            var terms: [Expr] = []
            for (i, x) in xs.enumerated() where x.depends(on: s) {
                terms.append(f.partial(i, xs) * x.derivative(withRespectTo: s))
            }
            return st.add(terms)
        case .rowSum(let body):
            return st.rowSum(st.expr(body).derivative(withRespectTo: s))
        }
    }

    /// The gradient with respect to several symbols.
    public func gradient(_ symbols: [Symbol]) -> [Expr] {
        symbols.map { derivative(withRespectTo: $0) }
    }
}
