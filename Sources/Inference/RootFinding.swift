import Foundation

/// Brent's method for a root of f in a bracket [a, b] where f(a) and f(b) have
/// opposite signs (Brent 1973, ch. 4; the zeroin algorithm): inverse quadratic
/// interpolation or the secant step where it stays inside the bracket and shrinks
/// it fast enough, bisection otherwise, so it never does worse than bisection and
/// converges superlinearly on smooth f.
public enum RootFinding {
    /// A root of f between a and b, to within `tolerance` (absolute, in x), given f(a) and
    /// f(b) already computed; nil when they do not bracket a root or f stops being finite.
    /// `limit` bounds the evaluations of f. A point where |f| ≤ `valueTolerance` is taken as the
    /// root at once (f known only to that precision: closing the bracket on it costs evaluations
    /// that rounding decides).
    public static func brent(
        _ f: (Double) -> Double, _ a0: Double, _ b0: Double, fa fa0: Double, fb fb0: Double,
        tolerance: Double, valueTolerance: Double = 0, limit: Int = 100
    ) -> Double? {
        var (a, b, fa, fb) = (a0, b0, fa0, fb0)
        guard fa.isFinite, fb.isFinite else { return nil }
        if fa == 0 { return a }
        if fb == 0 { return b }
        if min(abs(fa), abs(fb)) <= valueTolerance { return abs(fa) < abs(fb) ? a : b }
        guard (fa < 0) != (fb < 0) else { return nil }
        var (c, fc) = (a, fa)
        var d = b - a
        var e = d
        for _ in 0..<limit {
            if (fb < 0) == (fc < 0) {
                (c, fc) = (a, fa)
                d = b - a
                e = d
            }
            if abs(fc) < abs(fb) {
                (a, b, c) = (b, c, b)
                (fa, fb, fc) = (fb, fc, fb)
            }
            let tol = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
            let m = (c - b) / 2
            if abs(m) <= tol || fb == 0 { return b }
            if abs(e) >= tol, abs(fa) > abs(fb) {
                // Interpolate: the secant through (a, b), or the inverse quadratic through (a, b, c).
                var p: Double
                var q: Double
                let s = fb / fa
                if a == c {
                    p = 2 * m * s
                    q = 1 - s
                } else {
                    let r = fb / fc
                    let t = fa / fc
                    p = s * (2 * m * t * (t - r) - (b - a) * (r - 1))
                    q = (t - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * m * q - abs(tol * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = m
                    e = m
                }
            } else {
                d = m
                e = m
            }
            (a, fa) = (b, fb)
            b += abs(d) > tol ? d : (m > 0 ? tol : -tol)
            fb = f(b)
            guard fb.isFinite else { return nil }
            if abs(fb) <= valueTolerance { return b }
        }
        return b
    }
}
