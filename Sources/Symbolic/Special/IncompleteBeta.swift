import Foundation

/// The regularised incomplete beta function I_x(a, b) in log space, with its
/// first and second derivatives in the shapes a and b (the derivative in x is
/// the Beta density over I, a closed form written in the IR).
///
/// For x < (a + 1)/(a + b + 2) the continued fraction
///     I_x(a, b) = xᵃ(1 − x)ᵇ/(a·B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …))),
///     d₂ₘ₊₁ = −(a + m)(a + b + m)x/((a + 2m)(a + 2m + 1)),  d₂ₘ = m(b − m)x/((a + 2m − 1)(a + 2m)),
/// converges quickly (modified Lentz, on jets in a and b); otherwise the symmetry
/// I_x(a, b) = 1 − I_{1−x}(b, a), taken as log(1 − e^{log I_{1−x}(b, a)}).
public enum IncompleteBeta {
    public struct Result {
        public let value: Double
        public let da: Double, db: Double
        public let daa: Double, dab: Double, dbb: Double
    }

    /// log I_x(a, b) with its shape derivatives; NaN outside a, b ≥ 0, 0 ≤ x ≤ 1.
    public static func evaluate(_ a: Double, _ b: Double, _ x: Double) -> Result {
        if a.isNaN || b.isNaN || x.isNaN || a < 0 || b < 0 || x < 0 || x > 1 || (a == 0 && b == 0) {
            return constant(.nan)
        }
        if x == 0 { return constant(a == 0 ? 0 : -.infinity) }
        if x == 1 || a == 0 { return constant(b == 0 && x < 1 ? -.infinity : 0) }
        if b == 0 { return constant(-.infinity) }
        let jet: Jet?
        if x < (a + 1) / (a + b + 2) {
            jet = logDirect(Jet.first(a), Jet.second(b), x, 1 - x)
        } else {
            jet = logDirect(Jet.second(b), Jet.first(a), 1 - x, x).map { JetMath.log1mexp($0) }
        }
        guard let j = jet else { return constant(.nan) }
        return Result(value: j.v, da: j.a, db: j.b, daa: j.aa, dab: j.ab, dbb: j.bb)
    }

    static func constant(_ v: Double) -> Result {
        let d: Double = v.isNaN ? .nan : 0
        return Result(value: v, da: d, db: d, daa: d, dab: d, dbb: d)
    }

    static let maximumTerms = 1_000_000

    /// log I_x(p, q) by the continued fraction, for x below the mean-ish split point;
    /// y = 1 − x is passed so that it keeps its digits when the caller has them.
    static func logDirect(_ p: Jet, _ q: Jet, _ x: Double, _ y: Double) -> Jet? {
        let tiny = 1e-300
        let sum = p + q
        var c = Jet(1)
        var d = 1 - sum * x / (p + 1)
        if Swift.abs(d.v) < tiny { d.v = tiny }
        d = d.reciprocal
        var logH = JetMath.log(d)
        for m in 1...maximumTerms {
            let m = Double(m)
            let even = m * (q - m) * x / ((p + (2 * m - 1)) * (p + 2 * m))
            d = 1 + even * d
            if Swift.abs(d.v) < tiny { d.v = tiny }
            c = 1 + even / c
            if Swift.abs(c.v) < tiny { c.v = tiny }
            d = d.reciprocal
            logH = logH + JetMath.log(d * c)
            let odd = -((p + m) * (sum + m)) * x / ((p + 2 * m) * (p + (2 * m + 1)))
            d = 1 + odd * d
            if Swift.abs(d.v) < tiny { d.v = tiny }
            c = 1 + odd / c
            if Swift.abs(c.v) < tiny { c.v = tiny }
            d = d.reciprocal
            let delta = d * c
            logH = logH + JetMath.log(delta)
            if Swift.abs(delta.v - 1) < 1e-16 && delta.derivativeSize < 1e-16 { break }
            if m == Double(maximumTerms) { return nil }
        }
        let logBeta = JetMath.lgamma(p) + JetMath.lgamma(q) - JetMath.lgamma(sum)
        return p * Foundation.log(x) + q * Foundation.log(y) - JetMath.log(p) - logBeta + logH
    }
}
