import Foundation

/// log F(z; ν), the log CDF of Student's t with ν degrees of freedom, with its
/// first and second derivatives in ν (the derivative in z is the density over F,
/// a closed form written in the IR).
///
/// With x = ν/(ν + z²) and I = I_x(ν/2, ½): F = ½·I for z < 0 and F = 1 − ½·I for
/// z > 0, so each side is computed from the small tail probability ½·I directly
/// (log ½ + log I, or log(1 − ½·I) by log1mexp). The ν-derivatives of
/// u(ν) = log I_{x(ν)}(ν/2, ½) by the chain rule through the shape and x:
///     u′ = ½·L_a + L_x·x′,   u″ = ¼·L_aa + L_ax·x′ + L_xx·x′² + L_x·x″,
/// x′ = z²/(ν + z²)², x″ = −2z²/(ν + z²)³, L_x = x^{a−1}(1 − x)^{b−1}/(B(a, b)·I),
/// L_ax = L_x·(log x − ψ(a) + ψ(a + b) − L_a), L_xx = L_x·((a − 1)/x − (b − 1)/(1 − x) − L_x).
public enum StudentTCDF {
    public struct Result {
        public let value: Double, dnu: Double, dnunu: Double
    }

    public static func evaluate(_ z: Double, _ nu: Double) -> Result {
        if z.isNaN || nu.isNaN || nu <= 0 { return Result(value: .nan, dnu: .nan, dnunu: .nan) }
        if z == 0 { return Result(value: -Foundation.log(2), dnu: 0, dnunu: 0) }
        if z.isInfinite { return Result(value: z > 0 ? 0 : -.infinity, dnu: 0, dnunu: 0) }
        let z2 = z * z
        let s = nu + z2
        let (x, y) = (nu / s, z2 / s)
        let (a, b) = (nu / 2, 0.5)
        let l = IncompleteBeta.evaluate(a, b, x)
        let logBeta = Function.logGamma(a) + Function.logGamma(b) - Function.logGamma(a + b)
        let lx = Foundation.exp((a - 1) * Foundation.log(x) + (b - 1) * Foundation.log(y) - logBeta - l.value)
        let lax = lx * (Foundation.log(x) - Function.psi(0, a) + Function.psi(0, a + b) - l.da)
        let lxx = lx * ((a - 1) / x - (b - 1) / y - lx)
        let (x1, x2) = (z2 / (s * s), -2 * z2 / (s * s * s))
        let u1 = 0.5 * l.da + lx * x1
        let u2 = 0.25 * l.daa + lax * x1 + lxx * x1 * x1 + lx * x2
        let half = Jet(-Foundation.log(2) + l.value, a: u1, aa: u2)
        let f = z < 0 ? half : JetMath.log1mexp(half)
        return Result(value: f.v, dnu: f.a, dnunu: f.aa)
    }
}
