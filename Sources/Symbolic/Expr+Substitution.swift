extension Expr {
    /// Replaces symbols by expressions, rebuilding (and so re-canonicalising) what changes.
    public func substituting(_ replacements: [Symbol: Expr]) -> Expr {
        var memo: [Int32: Expr] = [:]
        return substitute(replacements, &memo)
    }

    /// Replaces symbols by numbers.
    public func substituting(_ values: [Symbol: Double]) -> Expr {
        // Constants made in key order (node ids, and so canonical order, must not depend on the
        // dictionary's iteration order, which varies from run to run).
        var replacements: [Symbol: Expr] = [:]
        for key in values.keys.sorted() { replacements[key] = store.constant(values[key] ?? .nan) }
        return substituting(replacements)
    }

    func substitute(_ r: [Symbol: Expr], _ memo: inout [Int32: Expr]) -> Expr {
        if symbols.isDisjoint(with: r.keys) { return self }
        if let done = memo[id] { return done }
        let s = store
        let result: Expr
        switch node {
        case .constant: result = self
        case .symbol(let sym): result = r[sym] ?? self
        case .add(let ts): result = s.add(ts.map { s.expr($0).substitute(r, &memo) })
        case .mul(let fs): result = s.mul(fs.map { s.expr($0).substitute(r, &memo) })
        case .pow(let b, let e): result = s.pow(s.expr(b).substitute(r, &memo), s.expr(e).substitute(r, &memo))
        case .apply(let f, let args): result = s.apply(f, args.map { s.expr($0).substitute(r, &memo) })
        case .rowSum(let b): result = s.rowSum(s.expr(b).substitute(r, &memo))
        }
        memo[id] = result
        return result
    }

    /// Rebuilds the expression bottom-up through `rule`, which may replace any node.
    public func rewritten(_ rule: (Expr) -> Expr?) -> Expr {
        var memo: [Int32: Expr] = [:]
        return rewrite(rule, &memo)
    }

    func rewrite(_ rule: (Expr) -> Expr?, _ memo: inout [Int32: Expr]) -> Expr {
        if let done = memo[id] { return done }
        let s = store
        var rebuilt: Expr
        switch node {
        case .constant, .symbol: rebuilt = self
        case .add(let ts): rebuilt = s.add(ts.map { s.expr($0).rewrite(rule, &memo) })
        case .mul(let fs): rebuilt = s.mul(fs.map { s.expr($0).rewrite(rule, &memo) })
        case .pow(let b, let e): rebuilt = s.pow(s.expr(b).rewrite(rule, &memo), s.expr(e).rewrite(rule, &memo))
        case .apply(let f, let args): rebuilt = s.apply(f, args.map { s.expr($0).rewrite(rule, &memo) })
        case .rowSum(let b): rebuilt = s.rowSum(s.expr(b).rewrite(rule, &memo))
        }
        if let replaced = rule(rebuilt) { rebuilt = replaced }
        memo[id] = rebuilt
        return rebuilt
    }
}
