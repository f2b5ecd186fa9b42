/// Solves score equations ∂ℓ/∂θⱼ = 0 symbolically, where they allow it.
///
/// A parameter is isolated from the numerator of its own score (the equation
/// over a common denominator, expanded in that parameter) when it appears there
/// linearly, or as a single monomial θᵏ. Solutions that depend on no other
/// unknown are taken first and substituted into the remaining equations (μ̂
/// before σ̂ for a Gaussian). Nothing is looked up per distribution: the
/// Gaussian, Bernoulli, Poisson and Exponential answers fall out of this.
public enum ScoreSolver {
    public struct Unknown {
        public let symbol: Symbol
        /// Whether the parameter is constrained to be positive (picks the positive root of θ² = c).
        public let positive: Bool
        public init(symbol: Symbol, positive: Bool) {
            self.symbol = symbol
            self.positive = positive
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case notIsolable(Symbol, String)

        public var description: String {
            switch self {
            case .notIsolable(_, let why): return why
            }
        }
    }

    /// Solutions in the order found, each in terms of data only (earlier ones substituted).
    public static func solve(_ objective: Expr, for unknowns: [Unknown]) -> Result<[(Symbol, Expr)], Failure> {
        var equations: [Symbol: Expr] = [:]
        for u in unknowns { equations[u.symbol] = objective.derivative(withRespectTo: u.symbol) }
        var remaining = unknowns
        var solved: [(Symbol, Expr)] = []
        while !remaining.isEmpty {
            var found: (Int, Expr)?
            var lastFailure: Failure?
            search: for allowDependencies in [false, true] {
                for (i, u) in remaining.enumerated() {
                    guard let equation = equations[u.symbol] else { continue }
                    switch isolate(equation, u) {
                    case .success(let solution):
                        let others = Set(remaining.map(\.symbol)).subtracting([u.symbol])
                        if !allowDependencies && !solution.symbols.isDisjoint(with: others) { continue }
                        found = (i, solution)
                        break search
                    case .failure(let f):
                        lastFailure = f
                    }
                }
            }
            guard let (i, solution) = found else {
                return .failure(
                    lastFailure ?? .notIsolable(remaining[0].symbol, "the score equations could not be solved"))
            }
            let symbol = remaining.remove(at: i).symbol
            let substitution = [symbol: solution]
            solved = solved.map { ($0.0, $0.1.substituting(substitution)) }
            solved.append((symbol, solution))
            equations[symbol] = nil
            for key in equations.keys.sorted() { equations[key] = equations[key]?.substituting(substitution) }
        }
        return .success(solved)
    }

    /// θ from one score equation, if it is linear or a monomial in θ after clearing denominators.
    static func isolate(_ equation: Expr, _ u: Unknown) -> Result<Expr, Failure> {
        let theta = u.symbol
        let name = equation.store.name(of: theta)
        guard equation.depends(on: theta) else {
            return .failure(.notIsolable(theta, "the score for \(name) does not depend on \(name)"))
        }
        let dependsOnTheta: (Expr) -> Bool = { $0.depends(on: theta) }
        let numerator = clearingDenominators(equation.expanded(where: dependsOnTheta), theta)
            .expanded(where: dependsOnTheta)
        guard let coefficients = polynomialCoefficients(numerator, theta) else {
            return .failure(.notIsolable(theta, "\(name) is not polynomial in the numerator of its score"))
        }
        let degrees = coefficients.keys.filter { !(coefficients[$0]!.isConstant(0)) }.sorted()
        let store = equation.store
        switch degrees {
        case [0, 1]:
            // −c₀/c₁, written without double negatives: (S + 1)/(n + 2), not −(S + 1)/(−n − 2).
            let (c0, c1) = (coefficients[0]!, coefficients[1]!)
            // −c₁ term by term (−(a + b) as a product would print as a negative denominator).
            if ScoreSolver.isNegative(c1) { return .success(c0 / store.add(c1.terms.map { -$0 })) }
            return .success(-(c0 / c1))
        case let d where d.count == 2 && d[0] == 0 && d[1] >= 2:
            let k = Double(d[1])
            let (c0, ck) = (coefficients[0]!, coefficients[d[1]]!)
            let power = ScoreSolver.isNegative(ck) ? c0 / store.add(ck.terms.map { -$0 }) : -(c0 / ck)
            if d[1] % 2 == 0 && !u.positive {
                return .failure(
                    .notIsolable(
                        theta, "\(name)^\(d[1]) has two real roots and \(name) is not constrained to be positive"))
            }
            return .success(power.pow(1 / k))
        case let d where d.count == 1 && d[0] >= 1:
            return .success(store.zero)
        default:
            let shown = degrees.map { $0 == 0 ? "1" : "\(name)^\($0)" }.joined(separator: ", ")
            return .failure(
                .notIsolable(
                    theta, "the numerator of \(name)'s score has terms in \(shown): not linear or a single power"))
        }
    }

    /// Whether every term of e has a negative coefficient (so −e reads better).
    static func isNegative(_ e: Expr) -> Bool {
        e.terms.allSatisfy { ($0.constantValue ?? $0.coefficientParts.0) < 0 }
    }

    /// The equation multiplied by the least common multiple of its θ-dependent denominators.
    static func clearingDenominators(_ e: Expr, _ theta: Symbol) -> Expr {
        var maximum: [Expr: Expr] = [:]
        var exponents: [Expr: Double] = [:]
        for term in e.terms {
            for f in term.factors {
                let (base, exponent) = f.powerParts
                guard base.depends(on: theta), let k = exponent.constantValue, k < 0 else { continue }
                if -k > (exponents[base] ?? 0) {
                    exponents[base] = -k
                    maximum[base] = e.store.constant(-k)
                }
            }
        }
        if maximum.isEmpty { return e }
        let multiplier = e.store.mul(maximum.keys.sorted { $0.id < $1.id }.map { $0.pow(maximum[$0] ?? e.store.one) })
        return e.store.add(e.terms.map { $0 * multiplier })
    }

    /// Coefficients by power of θ, or nil if some term is not c·θᵏ with c free of θ.
    static func polynomialCoefficients(_ e: Expr, _ theta: Symbol) -> [Int: Expr]? {
        var parts: [Int: [Expr]] = [:]
        for term in e.terms {
            var power = 0
            var rest: [Expr] = []
            for f in term.factors {
                let (base, exponent) = f.powerParts
                if base.symbol == theta, let k = exponent.constantValue, k == k.rounded(), k >= 0 {
                    power += Int(k)
                } else if f.depends(on: theta) {
                    return nil
                } else {
                    rest.append(f)
                }
            }
            parts[power, default: []].append(e.store.mul(rest))
        }
        var result: [Int: Expr] = [:]
        for power in parts.keys.sorted() { result[power] = e.store.add(parts[power] ?? []) }
        return result
    }
}
