import Foundation

/// Canonical construction. Sums and products are flattened, their constants
/// folded, like terms and like powers collected, and their children sorted,
/// as they are built; a few identities that hold on the whole domain are applied
/// (exp(log x) = x, log(exp x) = x, log σ(x) = −softplus(−x)). Anything that
/// needs a domain assumption is left to the Simplifier.
extension ExprStore {
    public func add(_ terms: [Expr]) -> Expr {
        var constant = 0.0
        var coefficients: [Int32: Double] = [:]
        // A number times a sum is distributed (2·(a + b) − 2a = 2b), as in SymPy.
        func visit(_ e: Expr, _ scale: Double) {
            switch e.node {
            case .constant(let bits): constant += scale * Double(bitPattern: bits)
            case .add(let ts): ts.forEach { visit(expr($0), scale) }
            default:
                let (c, base) = e.coefficientParts
                if base.isSum {
                    visit(base, scale * c)
                } else {
                    coefficients[base.id, default: 0] += scale * c
                }
            }
        }
        terms.forEach { visit($0, 1) }
        var ids: [Int32] = []
        // In key order, not the dictionary's (which varies from run to run): new nodes get their
        // ids here, and ids decide the canonical order, so the printed form must not depend on it.
        for base in coefficients.keys.sorted() {
            guard let c = coefficients[base], c != 0 else { continue }
            ids.append(c == 1 ? base : mulRaw(c, expr(base)).id)
        }
        if constant != 0 || constant.isNaN { ids.append(self.constant(constant).id) }
        if ids.isEmpty { return zero }
        if ids.count == 1 { return expr(ids[0]) }
        return intern(.add(ids.sorted()))
    }

    /// c·base where base is already a canonical product (or any non-constant expression).
    func mulRaw(_ c: Double, _ base: Expr) -> Expr {
        if c == 1 { return base }
        if c == 0 { return zero }
        var ids = [constant(c).id]
        ids.append(contentsOf: base.factors.map(\.id))
        return intern(.mul(ids))
    }

    public func mul(_ factors: [Expr]) -> Expr {
        var coefficient = 1.0
        var exponents: [Int32: [Expr]] = [:]
        var order: [Int32] = []
        func visit(_ e: Expr) {
            switch e.node {
            case .constant(let bits): coefficient *= Double(bitPattern: bits)
            case .mul(let fs): fs.forEach { visit(expr($0)) }
            case .pow(let b, let x):
                if exponents[b] == nil { order.append(b) }
                exponents[b, default: []].append(expr(x))
            default:
                if exponents[e.id] == nil { order.append(e.id) }
                exponents[e.id, default: []].append(one)
            }
        }
        factors.forEach(visit)
        if coefficient == 0 { return zero }
        var ids: [Int32] = []
        for b in order {
            guard let xs = exponents[b] else { continue }
            let exponent = xs.count == 1 ? xs[0] : add(xs)
            let p = pow(expr(b), exponent)
            switch p.node {
            case .constant(let bits): coefficient *= Double(bitPattern: bits)
            case .mul(let fs):
                for f in fs {
                    if let c = expr(f).constantValue { coefficient *= c } else { ids.append(f) }
                }
            default: ids.append(p.id)
            }
        }
        if coefficient == 0 { return zero }
        ids.sort()
        if ids.isEmpty { return constant(coefficient) }
        if ids.count == 1 && coefficient == 1 { return expr(ids[0]) }
        if coefficient != 1 { ids.insert(constant(coefficient).id, at: 0) }
        return intern(.mul(ids))
    }

    public func pow(_ base: Expr, _ exponent: Expr) -> Expr {
        if let k = exponent.constantValue {
            if k == 0 { return one }
            if k == 1 { return base }
            if let b = base.constantValue { return constant(Foundation.pow(b, k)) }
            let isInteger = k == k.rounded() && Swift.abs(k) < 1e9
            switch base.node {
            case .pow(let b, let e) where isInteger:
                return pow(expr(b), mul([expr(e), exponent]))
            case .mul(let fs) where isInteger:
                return mul(fs.map { pow(expr($0), exponent) })
            default: break
            }
        }
        if base.isConstant(1) { return one }
        if let (f, args) = base.application, f == .exp {
            return apply(.exp, [mul([args[0], exponent])])
        }
        return intern(.pow(base.id, exponent.id))
    }

    public func apply(_ f: Function, _ args: [Expr]) -> Expr {
        if args.allSatisfy({ $0.constantValue != nil }) {
            let v = f.evaluate(args.map { $0.constantValue! })
            if !v.isNaN { return constant(v) }
        }
        if let folded = identity(f, args) { return folded }
        return intern(.apply(f, args.map(\.id)))
    }

    /// Identities valid wherever both sides are defined.
    func identity(_ f: Function, _ args: [Expr]) -> Expr? {
        guard args.count == 1 else { return nil }
        let x = args[0]
        switch (f, x.application) {
        case (.log, (.exp, let inner)?): return inner[0]
        case (.exp, (.log, let inner)?): return inner[0]
        case (.log, (.sigmoid, let inner)?): return -(-inner[0]).apply(.softplus)
        case (.logit, (.sigmoid, let inner)?): return inner[0]
        case (.sigmoid, (.logit, let inner)?): return inner[0]
        case (.log1p, (.expm1, let inner)?): return inner[0]
        case (.expm1, (.log1p, let inner)?): return inner[0]
        default: break
        }
        if f == .log, let s = oneMinusSigmoid(x) { return -s.apply(.softplus) }
        return nil
    }

    /// t when x is 1 − σ(t).
    func oneMinusSigmoid(_ x: Expr) -> Expr? {
        let ts = x.terms
        guard ts.count == 2, let i = ts.firstIndex(where: { $0.isConstant(1) }) else { return nil }
        let other = ts[1 - i]
        let (c, rest) = other.coefficientParts
        guard c == -1, let (g, args) = rest.application, g == .sigmoid else { return nil }
        return args[0]
    }

    /// Σᵢ body: linear, so a sum splits, row-constant factors move out, and a
    /// row-constant body is n·body.
    public func rowSum(_ body: Expr) -> Expr {
        if !body.isRowLevel { return mul([symbol(.count(0)), body]) }
        if body.isSum { return add(body.terms.map(rowSum)) }
        let outside = body.factors.filter { !$0.isRowLevel }
        if !outside.isEmpty {
            let inside = body.factors.filter(\.isRowLevel)
            return mul(outside + [intern(.rowSum(mul(inside).id))])
        }
        return intern(.rowSum(body.id))
    }
}
