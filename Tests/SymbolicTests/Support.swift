import Foundation
import SeededRandom

@testable import Symbolic

typealias SeededGenerator = SplitMix64

/// Compares two numbers with a relative tolerance and says why it is that tolerance.
///
/// Central differences with step h have truncation error O(h²·f‴) and rounding
/// error O(ε·|f|/h); with h ≈ 1e-5·max(1, |x|) both are about 1e-10 relative, so
/// 1e-6 leaves room for badly scaled random expressions without hiding real errors
/// (a wrong derivative is off by O(1)).
func close(_ a: Double, _ b: Double, relative: Double = 1e-6, absolute: Double = 1e-8) -> Bool {
    if a == b { return true }
    if a.isNaN || b.isNaN { return false }
    return abs(a - b) <= absolute + relative * max(abs(a), abs(b))
}

/// ∂f/∂s by central differences at a point.
func centralDifference(_ e: Expr, _ s: Symbol, at point: [Symbol: Double], rows: RowValues? = nil) -> Double {
    let x = point[s]!
    let h = 1e-5 * max(1, abs(x))
    var up = point
    up[s] = x + h
    var down = point
    down[s] = x - h
    return (e.evaluate(up, rows: rows) - e.evaluate(down, rows: rows)) / (2 * h)
}

/// Random expressions over the given variables, built from every function of the IR
/// in forms that stay inside their domains (log of 1 + x², lgamma of 1 + x², …).
struct RandomExpressions {
    let store: ExprStore
    let variables: [Expr]
    var rng: SeededGenerator

    mutating func make(depth: Int) -> Expr {
        if depth == 0 || Int.random(in: 0..<5, using: &rng) == 0 { return leaf() }
        let a = make(depth: depth - 1)
        let positive = 1 + a * a
        switch Int.random(in: 0..<16, using: &rng) {
        case 0: return a + make(depth: depth - 1)
        case 1: return a - make(depth: depth - 1)
        case 2: return a * make(depth: depth - 1)
        case 3: return a / (1 + make(depth: depth - 1).squared)
        case 4: return a.pow(Double(Int.random(in: 2...3, using: &rng)))
        case 5: return exp(a / (1 + positive))
        case 6: return log(positive)
        case 7: return log1p(a * a)
        case 8: return expm1(a / positive)
        case 9: return sigmoid(a)
        case 10: return softplus(a)
        case 11: return lgamma(positive)
        case 12: return positive.apply(.digamma)
        case 13: return store.apply(.logsumexp, [a, make(depth: depth - 1)])
        case 14: return positive.pow(0.5)
        default: return sigmoid(a).apply(.logit)
        }
    }

    mutating func leaf() -> Expr {
        if Bool.random(using: &rng) { return store.constant(Double(Int.random(in: -3...3, using: &rng)) / 2) }
        return variables[Int.random(in: 0..<variables.count, using: &rng)]
    }
}
