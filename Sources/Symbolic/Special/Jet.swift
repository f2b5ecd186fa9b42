import Foundation

/// A number carried with its first and second partial derivatives in two
/// variables (a, b): forward-mode differentiation of the series and continued
/// fractions of the incomplete gamma and beta functions, so their derivatives in
/// the shape parameters come from the same truncated expansion as the value
/// (each convergent is analytic in a and b, and so are the limits).
struct Jet {
    var v: Double
    var a: Double = 0
    var b: Double = 0
    var aa: Double = 0
    var ab: Double = 0
    var bb: Double = 0

    init(_ v: Double, a: Double = 0, b: Double = 0, aa: Double = 0, ab: Double = 0, bb: Double = 0) {
        self.v = v
        self.a = a
        self.b = b
        self.aa = aa
        self.ab = ab
        self.bb = bb
    }

    /// The first variable (∂/∂a = 1) and the second (∂/∂b = 1) at a value.
    static func first(_ x: Double) -> Jet { Jet(x, a: 1) }
    static func second(_ x: Double) -> Jet { Jet(x, b: 1) }

    /// The same jet with the roles of a and b exchanged (for I_x(a, b) = 1 − I_{1−x}(b, a)).
    var swapped: Jet { Jet(v, a: b, b: a, aa: bb, ab: ab, bb: aa) }

    /// f(self) by the chain rule, given f, f′ and f″ at self.v.
    func applying(_ f: Double, _ d1: Double, _ d2: Double) -> Jet {
        Jet(
            f, a: d1 * a, b: d1 * b, aa: d2 * a * a + d1 * aa, ab: d2 * a * b + d1 * ab,
            bb: d2 * b * b + d1 * bb)
    }

    /// The largest first or second derivative in magnitude (for convergence tests).
    var derivativeSize: Double { Swift.max(Swift.abs(a), Swift.abs(b), Swift.abs(aa), Swift.abs(ab), Swift.abs(bb)) }

    static func + (x: Jet, y: Jet) -> Jet {
        Jet(x.v + y.v, a: x.a + y.a, b: x.b + y.b, aa: x.aa + y.aa, ab: x.ab + y.ab, bb: x.bb + y.bb)
    }
    static func - (x: Jet, y: Jet) -> Jet {
        Jet(x.v - y.v, a: x.a - y.a, b: x.b - y.b, aa: x.aa - y.aa, ab: x.ab - y.ab, bb: x.bb - y.bb)
    }
    static prefix func - (x: Jet) -> Jet { Jet(-x.v, a: -x.a, b: -x.b, aa: -x.aa, ab: -x.ab, bb: -x.bb) }
    static func + (x: Jet, c: Double) -> Jet {
        var r = x
        r.v += c
        return r
    }
    static func + (c: Double, x: Jet) -> Jet { x + c }
    static func - (x: Jet, c: Double) -> Jet { x + (-c) }
    static func - (c: Double, x: Jet) -> Jet { -x + c }
    static func * (c: Double, x: Jet) -> Jet {
        Jet(c * x.v, a: c * x.a, b: c * x.b, aa: c * x.aa, ab: c * x.ab, bb: c * x.bb)
    }
    static func * (x: Jet, c: Double) -> Jet { c * x }

    /// (xy)′ = x′y + xy′, (xy)″ = x″y + 2x′y′ + xy″ (per pair of variables).
    static func * (x: Jet, y: Jet) -> Jet {
        Jet(
            x.v * y.v, a: x.a * y.v + x.v * y.a, b: x.b * y.v + x.v * y.b,
            aa: x.aa * y.v + 2 * x.a * y.a + x.v * y.aa,
            ab: x.ab * y.v + x.a * y.b + x.b * y.a + x.v * y.ab,
            bb: x.bb * y.v + 2 * x.b * y.b + x.v * y.bb)
    }

    /// 1/x: f′ = −1/x², f″ = 2/x³.
    var reciprocal: Jet {
        let r = 1 / v
        return applying(r, -r * r, 2 * r * r * r)
    }

    static func / (x: Jet, y: Jet) -> Jet { x * y.reciprocal }
    static func / (c: Double, y: Jet) -> Jet { c * y.reciprocal }
    static func / (x: Jet, c: Double) -> Jet { (1 / c) * x }
}

/// Elementary functions of jets.
enum JetMath {
    static func log(_ x: Jet) -> Jet { x.applying(Foundation.log(x.v), 1 / x.v, -1 / (x.v * x.v)) }

    static func exp(_ x: Jet) -> Jet {
        let e = Foundation.exp(x.v)
        return x.applying(e, e, e)
    }

    /// log Γ(x): ψ(x), ψ′(x).
    static func lgamma(_ x: Jet) -> Jet {
        x.applying(Function.logGamma(x.v), Function.psi(0, x.v), Function.psi(1, x.v))
    }

    /// log(1 − eᵘ) for u ≤ 0: f′ = −eᵘ/(1 − eᵘ) = −1/expm1(−u), f″ = −eᵘ/(1 − eᵘ)² = f′(1 − f′).
    static func log1mexp(_ u: Jet) -> Jet {
        let value = Function.log1mexp(u.v)
        let d1 = -1 / Foundation.expm1(-u.v)
        return u.applying(value, d1, d1 * (1 - d1))
    }
}
