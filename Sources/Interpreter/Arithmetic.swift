import Diagnostics
import Foundation

/// Element-wise arithmetic with broadcasting, and the numerically stable
/// elementary functions (shared by the evaluator and, later, the symbolic engine's tests).
public enum Arithmetic {
    /// σ(x) = 1/(1 + e^(−x)), written so neither branch overflows.
    public static func sigmoid(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }

    /// log(1 + eˣ) = max(x, 0) + log1p(e^(−|x|)): softplus(1000) = 1000, softplus(−1000) = e^(−1000).
    public static func softplus(_ x: Double) -> Double {
        if x.isInfinite { return x > 0 ? x : 0 }
        return max(x, 0) + log1p(exp(-abs(x)))
    }

    /// log Σ e^(xᵢ) = m + log Σ e^(xᵢ − m) with m = max xᵢ.
    public static func logsumexp(_ xs: [Double]) -> Double {
        guard let m = xs.max() else { return -.infinity }
        if m.isInfinite { return m }
        var s = 0.0
        for x in xs { s += exp(x - m) }
        return m + log(s)
    }

    /// log(p/(1 − p)) = log p − log1p(−p).
    public static func logit(_ p: Double) -> Double { log(p) - log1p(-p) }

    /// A sum that keeps its digits (Neumaier's compensated summation).
    public static func sum(_ xs: [Double]) -> Double {
        var s = 0.0
        var c = 0.0
        for x in xs {
            let t = s + x
            c += abs(s) >= abs(x) ? (s - t) + x : (x - t) + s
            s = t
        }
        return s.isFinite ? s + c : s
    }

    /// The mean, from the compensated sum (correctly rounded sums make it exact to rounding
    /// for data near 10⁷, and for values that cancel).
    public static func mean(_ xs: [Double]) -> Double {
        let s = sum(xs)
        return s.isFinite ? s / Double(xs.count) : xs.reduce(0) { $0 + $1 / Double(xs.count) }
    }

    /// The sample variance, dividing by n − 1, from the two-pass centred sum of squares.
    public static func variance(_ xs: [Double]) -> Double {
        let (v, scale) = scaledVariance(xs)
        return v * scale * scale
    }

    /// The sample standard deviation, √(scaled variance)·scale, so 1e-200-sized data keep their digits.
    public static func standardDeviation(_ xs: [Double]) -> Double {
        let (v, scale) = scaledVariance(xs)
        return v.squareRoot() * scale
    }

    /// The variance of xs/scale and the scale (the largest magnitude, when it is extreme), so
    /// squares neither underflow (1e-200) nor overflow (1e200).
    static func scaledVariance(_ xs: [Double]) -> (Double, Double) {
        let scale = xs.map(abs).max() ?? 0
        if scale.isFinite, scale > 0, scale < 1e-100 || scale > 1e100 {
            return (centredVariance(xs.map { $0 / scale }), scale)
        }
        return (centredVariance(xs), 1)
    }

    static func centredVariance(_ xs: [Double]) -> Double {
        let m = mean(xs)
        let d = xs.map { $0 - m }
        let ss = sum(d.map { $0 * $0 })
        let correction = sum(d)
        return (ss - correction * correction / Double(xs.count)) / Double(xs.count - 1)
    }

    /// Pairs of elements of two operands, broadcasting a single number over the other.
    static func broadcastPairs(_ x: [Double], _ y: [Double], _ span: SourceSpan) throws -> [(Double, Double)] {
        if x.count == y.count { return Array(zip(x, y)) }
        if x.count == 1 { return y.map { (x[0], $0) } }
        if y.count == 1 { return x.map { ($0, y[0]) } }
        throw Diagnostic.error(InterpreterMessage.lengthsDiffer(x.count, y.count), at: span)
    }
}
