import Diagnostics
import Foundation
import LinearAlgebra

/// Element-wise arithmetic with broadcasting and the statistical reductions. The
/// elementary functions themselves (σ, softplus, logsumexp, …) are Symbolic's `Function`,
/// so the language and the likelihood compute them the same way.
public enum Arithmetic {
    /// A compensated sum (Summation.sum).
    public static func sum(_ xs: [Double]) -> Double { Summation.sum(xs) }

    /// The mean from the compensated sum (Summation.mean).
    public static func mean(_ xs: [Double]) -> Double { Summation.mean(xs) }

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
