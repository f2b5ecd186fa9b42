/// A data-only sum the log-likelihood needs: Σᵢ wᵢ·Πₖ (aₖ(rowᵢ) − cₖ)^pₖ, where the
/// aₖ are data atoms (columns, or data-only functions of them such as log x) and
/// cₖ their pilots (centring values; 0 for atoms that appear only linearly).
public struct Statistic: Sendable {
    public let symbol: Symbol
    /// (atom index, power) pairs; empty for n.
    public let powers: [(atom: Int, power: Int)]
    /// A data-only per-row expression summed as it is (the data-only part of ℓ).
    public let isConstantPart: Bool
}

/// ℓ written through its sufficient statistics:
///
///     ℓ(θ) = value(θ; S, c, n) + Σᵢ wᵢ·remainder(rowᵢ, θ, η)
///
/// `value` is O(1) in n; the remainder holds what stays coupled to the rows
/// (terms with a linear predictor, or not polynomial in the data).
public struct StatisticalForm {
    public let value: Expr
    public let statistics: [Statistic]
    /// The data atoms, in order; atom k's pilot is `pilots[k]` (nil: centred at 0).
    public let atoms: [Expr]
    public let pilots: [Symbol?]
    /// Per-row expression, or nil when ℓ is fully summarised by the statistics.
    public let remainder: Expr?
    /// The data-only per-row terms (summed into one statistic).
    public let constantPart: Expr?

    /// The form as people read it: pilots set to 0, so statistics are raw sums (Σx, Σx²).
    public var displayValue: Expr {
        value.substituting(Dictionary(uniqueKeysWithValues: pilots.compactMap { $0 }.map { ($0, 0.0) }))
    }
}

/// Finds the sufficient statistics of a per-row log-density (the Fisher–Neyman
/// factorisation, found rather than looked up).
///
/// Each additive term of the per-row core f is sorted into: row-constant (Σ gives
/// n·term), data-only (a constant of ℓ), polynomial in data atoms with parameter
/// coefficients, or row-coupled (the remainder). The polynomial part P is summed
/// exactly by its Taylor expansion about the pilots c:
///
///     Σᵢ P(uᵢ) = Σ_α (∂^α P)(c)/α! · Σᵢ (uᵢ − c)^α
///
/// which is O(1) in n and, with c the atoms' means, keeps its digits for data
/// near 10⁷ (no Σx² − (Σx)²/n cancellation). Shown with c = 0 it is the textbook
/// form in Σx, Σx².
public enum SufficientStatistics {
    /// The largest degree in one atom that is summarised (beyond it, the term stays per row).
    public static let maximumDegree = 4

    public static func factor(
        _ core: Expr, count: Symbol = .count(0), firstStatistic: Int = 0, firstAtom: Int = 0
    ) -> StatisticalForm {
        let store = core.store
        var rowConstant: [Expr] = []
        var dataOnly: [Expr] = []
        var candidates: [Expr] = []
        var remainder: [Expr] = []
        for term in core.terms {
            if !term.isRowLevel {
                rowConstant.append(term)
            } else if term.symbols.contains(where: { if case .predictor = $0 { return true } else { return false } }) {
                remainder.append(term)
            } else if !term.dependsOnParameters {
                dataOnly.append(term)
            } else {
                candidates.append(term)
            }
        }
        var atoms: [Expr] = []
        for term in candidates { collectAtoms(term, into: &atoms) }
        let variables = atoms.indices.map { store.symbol(.variable(10_000 + firstAtom + $0)) }
        var polynomial: [Expr] = []
        var degrees = [Int](repeating: 0, count: atoms.count)
        for term in candidates {
            let u = replacingAtoms(term, atoms, variables)
            if u.isRowLevel {
                remainder.append(term)
                continue
            }
            guard let d = polynomialDegrees(u, variables) else {
                remainder.append(term)
                continue
            }
            polynomial.append(u)
            for k in d.indices { degrees[k] = max(degrees[k], d[k]) }
        }
        var statistics: [Statistic] = []
        var pieces: [Expr] = rowConstant.map { store.symbol(count) * $0 }
        let pilots: [Symbol?] = degrees.indices.map { degrees[$0] >= 2 ? .pilot(firstAtom + $0) : nil }
        if !polynomial.isEmpty {
            let p = store.add(polynomial)
            let atPilots: [Symbol: Expr] = Dictionary(
                uniqueKeysWithValues: variables.indices.map { k in
                    (variables[k].symbol!, pilots[k].map { store.symbol($0) } ?? store.zero)
                })
            for (alpha, derivative, factorial) in taylorTerms(p, variables.map { $0.symbol! }, degrees) {
                let coefficient = derivative.substituting(atPilots) / factorial
                if coefficient.isConstant(0) { continue }
                if alpha.allSatisfy({ $0 == 0 }) {
                    pieces.append(store.symbol(count) * coefficient)
                    continue
                }
                let symbol = Symbol.statistic(firstStatistic + statistics.count)
                let powers = alpha.enumerated().filter { $0.element > 0 }.map { (atom: $0.offset, power: $0.element) }
                statistics.append(Statistic(symbol: symbol, powers: powers, isConstantPart: false))
                store.names[symbol] = name(powers, atoms)
                pieces.append(coefficient * store.symbol(symbol))
            }
        }
        var constantPart: Expr?
        if !dataOnly.isEmpty {
            let symbol = Symbol.statistic(firstStatistic + statistics.count)
            let part = store.add(dataOnly)
            constantPart = part
            statistics.append(Statistic(symbol: symbol, powers: [], isConstantPart: true))
            let printer = Printer(store: store, inSum: false)
            store.names[symbol] = "Σ " + printer.finished(printer.text(part, 2))
            pieces.append(store.symbol(symbol))
        }
        return StatisticalForm(
            value: store.add(pieces), statistics: statistics, atoms: atoms, pilots: pilots,
            remainder: remainder.isEmpty ? nil : store.add(remainder), constantPart: constantPart)
    }

    /// Maximal data-only subexpressions that are not sums, products or integer powers
    /// of smaller data expressions: columns, and things like log x or lgamma(x + 1).
    static func collectAtoms(_ e: Expr, into atoms: inout [Expr]) {
        var visited: Set<Int32> = []
        collectAtoms(e, into: &atoms, visited: &visited)
    }

    /// Each shared node is visited once (a DAG walked as a tree is exponential).
    static func collectAtoms(_ e: Expr, into atoms: inout [Expr], visited: inout Set<Int32>) {
        guard e.isRowLevel, visited.insert(e.id).inserted else { return }
        let polynomialNode: Bool
        switch e.node {
        case .add, .mul: polynomialNode = true
        case .pow:
            let k = e.powerParts.exponent.constantValue
            polynomialNode = k.map { $0 == $0.rounded() && $0 >= 0 } ?? false
        default: polynomialNode = false
        }
        if !e.dependsOnParameters && !polynomialNode {
            if !atoms.contains(e) { atoms.append(e) }
            return
        }
        for c in e.node.children { collectAtoms(e.store.expr(c), into: &atoms, visited: &visited) }
    }

    /// Replaces each atom by its variable, outermost first (log x is one atom even when x is another).
    static func replacingAtoms(_ e: Expr, _ atoms: [Expr], _ variables: [Expr]) -> Expr {
        let table = Dictionary(uniqueKeysWithValues: zip(atoms, variables))
        var memo: [Int32: Expr] = [:]
        func replace(_ x: Expr) -> Expr {
            if let v = table[x] { return v }
            if !x.isRowLevel { return x }
            if let done = memo[x.id] { return done }
            let s = x.store
            let result: Expr
            switch x.node {
            case .constant, .symbol: result = x
            case .add(let ts): result = s.add(ts.map { replace(s.expr($0)) })
            case .mul(let fs): result = s.mul(fs.map { replace(s.expr($0)) })
            case .pow(let b, let k): result = s.pow(replace(s.expr(b)), replace(s.expr(k)))
            case .apply(let f, let args): result = s.apply(f, args.map { replace(s.expr($0)) })
            case .rowSum: result = x
            }
            memo[x.id] = result
            return result
        }
        return replace(e)
    }

    /// The degree of `e` in each variable, or nil if it is not a polynomial of bounded degree.
    static func polynomialDegrees(_ e: Expr, _ variables: [Expr]) -> [Int]? {
        var degrees: [Int] = []
        for v in variables {
            var g = e
            var d = 0
            if hasKink(e, in: v.symbol!) { return nil }
            while g.depends(on: v.symbol!) {
                if d == maximumDegree { return nil }
                g = g.derivative(withRespectTo: v.symbol!)
                d += 1
                // A derivative the IR does not form (ψ⁽³⁾'s, a second shape derivative's) is a NaN
                // constant, not a sign that the term is polynomial: lgamma(y + θ) stays per row.
                if containsNaN(g) { return nil }
            }
            degrees.append(d)
        }
        return degrees
    }

    static func containsNaN(_ e: Expr) -> Bool {
        var seen: Set<Int32> = []
        var stack = [e.id]
        while let id = stack.popLast() {
            guard seen.insert(id).inserted else { continue }
            let node = e.store.node(id)
            if case .constant(let bits) = node, Double(bitPattern: bits).isNaN { return true }
            stack.append(contentsOf: node.children)
        }
        return false
    }

    /// Whether a non-analytic function (|x|, sign, floor, …) is applied to something that
    /// depends on s: its derivatives vanish almost everywhere without it being polynomial.
    static func hasKink(_ e: Expr, in s: Symbol) -> Bool {
        var seen: Set<Int32> = []
        var stack = [e.id]
        while let id = stack.popLast() {
            guard seen.insert(id).inserted, e.store.expr(id).depends(on: s) else { continue }
            let node = e.store.node(id)
            if case .apply(let f, _) = node, !f.isAnalytic { return true }
            stack.append(contentsOf: node.children)
        }
        return false
    }

    /// The nonzero Taylor terms of P: each multi-index α (αₖ ≤ dₖ, |α| ≤ maximumDegree)
    /// whose derivative ∂^α P is not identically 0, with that derivative and α!, in
    /// lexicographic order of α.
    ///
    /// The multi-indices are grown one derivative at a time, and a branch whose derivative
    /// is 0 is pruned (every higher derivative along it is 0 too), so the cost follows the
    /// number of monomials P has (k² for (y − Σⱼ bⱼxⱼ)² in k columns), not the number of
    /// multi-indices (3ᵏ).
    static func taylorTerms(_ p: Expr, _ variables: [Symbol], _ degrees: [Int]) -> [([Int], Expr, Double)] {
        var found: [([Int], Expr, Double)] = []
        var alpha = [Int](repeating: 0, count: variables.count)
        func grow(_ derivative: Expr, _ factorial: Double, from first: Int, order: Int) {
            found.append((alpha, derivative, factorial))
            guard order < maximumDegree else { return }
            for k in first..<variables.count where alpha[k] < degrees[k] {
                let next = derivative.derivative(withRespectTo: variables[k])
                if next.isConstant(0) { continue }
                alpha[k] += 1
                grow(next, factorial * Double(alpha[k]), from: k, order: order + 1)
                alpha[k] -= 1
            }
        }
        grow(p, 1, from: 0, order: 0)
        return found.sorted { $0.0.lexicographicallyPrecedes($1.0) }
    }

    /// "Σx", "Σx²", "Σxy", "Σ log x".
    static func name(_ powers: [(atom: Int, power: Int)], _ atoms: [Expr]) -> String {
        let printer = Printer(store: atoms[0].store, inSum: false)
        let parts = powers.map { p -> String in
            var t = printer.text(atoms[p.atom], p.power > 1 ? 3 : 2)
            if p.power > 1 { t += printer.superscript(p.power) }
            return t
        }
        let simple = parts.allSatisfy { $0.count <= 3 && !$0.contains(" ") }
        let body = parts.joined(
            separator: simple && parts.count > 1 && parts.allSatisfy { $0.unicodeScalars.count <= 2 } ? "" : "·")
        return body.first.map { $0.isLetter } == true && !body.contains(" ") ? "Σ" + body : "Σ " + body
    }
}
