import Foundation
import Symbolic

/// pdf, logpdf, cdf, ccdf and quantile of any family at numbers, read from the same
/// IR expressions the likelihood uses (log-density, log CDF, log survival), so what a
/// script computes and what a fit maximises cannot disagree.
public enum DistributionFunctions {
    public enum Kind: String, Sendable, CaseIterable {
        case pdf, logpdf, cdf, ccdf, quantile
    }

    /// The function at x (for `quantile`, x is the probability p); NaN where it is undefined.
    public static func evaluate(_ kind: Kind, _ family: any Distribution, _ arguments: [Double], _ x: Double) -> Double
    {
        switch kind {
        case .pdf: return Foundation.exp(logDensity(family, arguments, x))
        case .logpdf: return logDensity(family, arguments, x)
        case .cdf: return Foundation.exp(logProbability(family, arguments, x, upper: false))
        case .ccdf: return Foundation.exp(logProbability(family, arguments, x, upper: true))
        case .quantile: return quantile(family, arguments, x)
        }
    }

    /// The value of an expression built from numbers (it folds to a constant as it is built).
    static func value(_ build: (ExprStore) -> Expr?) -> Double {
        let store = ExprStore()
        guard let e = build(store) else { return .nan }
        return e.constantValue ?? e.evaluate([:])
    }

    /// log p(x); −∞ outside the support (a non-integer count, a value beyond Uniform's bounds).
    static func logDensity(_ family: any Distribution, _ a: [Double], _ x: Double) -> Double {
        if x.isNaN { return x }
        if !family.support.contains(x, arguments: a) || !inBounds(family, a, x) { return -.infinity }
        return value { s in family.logDensity(s.constant(x), a.map(s.constant)) }
    }

    /// log P(Y ≤ x), or log P(Y > x) when `upper`; counts are read at ⌊x⌋, and values beyond
    /// the support give 0 or 1.
    static func logProbability(_ family: any Distribution, _ a: [Double], _ x: Double, upper: Bool) -> Double {
        if x.isNaN { return x }
        let (low, high) = bounds(family, a)
        if x < low { return upper ? 0 : -.infinity }
        if x >= high { return upper ? -.infinity : 0 }
        let y = family.support.isDiscrete ? Foundation.floor(x) : x
        return value { s in
            upper
                ? family.logSurvival(s.constant(y), a.map(s.constant)) : family.logCDF(s.constant(y), a.map(s.constant))
        }
    }

    /// The support's closed hull [low, high] for these arguments.
    static func bounds(_ family: any Distribution, _ a: [Double]) -> (Double, Double) {
        if let edge = family.edgeEstimate { return (a[edge.lower], a[edge.upper]) }
        switch family.support {
        case .real: return (-.infinity, .infinity)
        case .positive, .nonnegative, .count: return (0, .infinity)
        case .openUnitInterval, .binary: return (0, 1)
        case .countUpTo(let k): return (0, k < a.count ? a[k] : .infinity)
        case .category: return (1, .infinity)
        }
    }

    static func inBounds(_ family: any Distribution, _ a: [Double], _ x: Double) -> Bool {
        let (low, high) = bounds(family, a)
        return x >= low && x <= high
    }

    /// The smallest x with F(x) ≥ p: bracketed by doubling away from a finite support bound
    /// (or from 0), then bisected to adjacent doubles (for counts, to adjacent integers).
    /// F(x) < p is decided in the tail where it is accurate: log F(x) < log p for p ≤ ½,
    /// log S(x) > log(1 − p) above.
    static func quantile(_ family: any Distribution, _ a: [Double], _ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        let (low, high) = bounds(family, a)
        if p == 0 { return family.support.isDiscrete ? Swift.max(low, 0) : low }
        if p == 1 { return high }
        let below: (Double) -> Bool = { x in
            p <= 0.5
                ? logProbability(family, a, x, upper: false) < Foundation.log(p)
                : logProbability(family, a, x, upper: true) > Foundation.log1p(-p)
        }
        if family.support.isDiscrete, low.isFinite, !below(low) { return low }
        var (lo, hi) = bracket(low, high, below)
        guard lo.isFinite, hi.isFinite else { return .nan }
        if family.support.isDiscrete {
            // Invariant: below(lo) (or lo < support), !below(hi).
            lo = Foundation.floor(lo)
            hi = Foundation.ceil(hi)
            while hi - lo > 1 {
                let mid = Foundation.floor((lo + hi) / 2)
                if below(mid) { lo = mid } else { hi = mid }
            }
            return hi
        }
        for _ in 0..<2000 {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { break }
            if below(mid) { lo = mid } else { hi = mid }
        }
        return hi
    }

    /// An interval [lo, hi] with F(lo) < p ≤ F(hi), each end within a factor 2 of the answer's
    /// distance from the support bound (so bisection takes about 60 steps).
    static func bracket(_ low: Double, _ high: Double, _ below: (Double) -> Bool) -> (Double, Double) {
        if low.isFinite {
            let width = high.isFinite ? high - low : 1
            var t = width.isFinite ? width / 2 : 1
            if below(low + t) {
                while below(low + 2 * t) && low + 2 * t < high && t < 1e300 { t *= 2 }
                return (low + t, Swift.min(high, low + 2 * t))
            }
            while !below(low + t / 2) && t > 1e-300 { t /= 2 }
            return (low + t / 2, low + t)
        }
        if high.isFinite {
            var t = 1.0
            while !below(high - t) && t < 1e300 { t *= 2 }
            return (high - t, high - t / 2)
        }
        if below(0) {
            var t = 1.0
            while below(t) && t < 1e300 { t *= 2 }
            return (t / 2 < 1 ? 0 : t / 2, t)
        }
        var t = 1.0
        while !below(-t) && t < 1e300 { t *= 2 }
        return (-t, t / 2 < 1 ? 0 : -t / 2)
    }
}
