import Foundation

/// The regularised incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and
/// Q(a, x) = 1 − P(a, x), in log space, with their first and second derivatives
/// in the shape a (the derivatives in x are closed forms, written in the IR).
///
/// For x < a + 1 the series
///     P(a, x) = xᵃ e⁻ˣ/Γ(a + 1) · Σₙ tₙ,  t₀ = 1,  tₙ = tₙ₋₁ · x/(a + n),
/// whose ratio x/(a + n) is below 1 from the start; otherwise Legendre's continued
/// fraction
///     Q(a, x) = xᵃ e⁻ˣ/Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …)))
/// by the modified Lentz method. Both are evaluated on jets in a, so ∂/∂a and ∂²/∂a²
/// come from the same expansion; the complement is log(1 − e^{log Q}) (log1mexp),
/// which keeps the tail that is computed directly accurate.
public enum IncompleteGamma {
    public struct Result {
        public let logP: Double, logPda: Double, logPdaa: Double
        public let logQ: Double, logQda: Double, logQdaa: Double
    }

    /// log P and log Q with their a-derivatives; NaN outside a ≥ 0, x ≥ 0 or without convergence.
    public static func evaluate(_ a: Double, _ x: Double) -> Result {
        if a.isNaN || x.isNaN || a < 0 || x < 0 { return result(.nan, .nan) }
        if x == 0 { return result(-.infinity, 0) }
        if a == 0 || x == .infinity { return result(0, -.infinity) }
        if x < a + 1 {
            guard let logP = series(a, x) else { return result(.nan, .nan) }
            return Result(jets: logP, JetMath.log1mexp(logP))
        }
        guard let logQ = continuedFraction(a, x) else { return result(.nan, .nan) }
        return Result(jets: JetMath.log1mexp(logQ), logQ)
    }

    static func result(_ logP: Double, _ logQ: Double) -> Result {
        let d: Double = logP.isNaN ? .nan : 0
        return Result(logP: logP, logPda: d, logPdaa: d, logQ: logQ, logQda: d, logQdaa: d)
    }

    static let maximumTerms = 1_000_000

    /// log P(a, x) = a·log x − x − log Γ(a + 1) + log Σₙ tₙ.
    static func series(_ a: Double, _ x: Double) -> Jet? {
        let shape = Jet.first(a)
        var term = Jet(1)
        var sum = Jet(1)
        for n in 1...maximumTerms {
            term = term * (x / (shape + Double(n)))
            sum = sum + term
            if Swift.abs(term.v) < 1e-17 * sum.v && term.derivativeSize < 1e-17 * sum.v { break }
            if n == maximumTerms { return nil }
        }
        return shape * Foundation.log(x) - x - JetMath.lgamma(shape + 1) + JetMath.log(sum)
    }

    /// log Q(a, x) = a·log x − x − log Γ(a) + log CF, the fraction by modified Lentz.
    static func continuedFraction(_ a: Double, _ x: Double) -> Jet? {
        let shape = Jet.first(a)
        let tiny = 1e-300
        var b = x + 1 - shape
        var c = Jet(1 / tiny)
        var d = b.reciprocal
        var logH = JetMath.log(d)
        for i in 1...maximumTerms {
            let an = -Double(i) * (Double(i) - shape)
            b = b + 2
            d = an * d + b
            if Swift.abs(d.v) < tiny { d.v = tiny }
            c = b + an / c
            if Swift.abs(c.v) < tiny { c.v = tiny }
            d = d.reciprocal
            let delta = d * c
            logH = logH + JetMath.log(delta)
            if Swift.abs(delta.v - 1) < 1e-16 && delta.derivativeSize < 1e-16 { break }
            if i == maximumTerms { return nil }
        }
        return shape * Foundation.log(x) - x - JetMath.lgamma(shape) + logH
    }
}

extension IncompleteGamma.Result {
    init(jets logP: Jet, _ logQ: Jet) {
        self.init(logP: logP.v, logPda: logP.a, logPdaa: logP.aa, logQ: logQ.v, logQda: logQ.a, logQdaa: logQ.aa)
    }
}
