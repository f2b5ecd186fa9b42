import CGSL

/// Uniform draws on (0, 1) from GSL's Mersenne Twister (mt19937) with a given seed, the
/// generator `sample(..., seed:)` uses, so a multi-start fit's starts are reproducible.
public final class SeededUniform {
    let rng: UnsafeMutablePointer<gsl_rng>?

    public init(seed: UInt64) { rng = mle_gsl_rng(UInt(truncatingIfNeeded: seed)) }

    deinit { if let rng { gsl_rng_free(rng) } }

    /// A draw from (0, 1), never 0 or 1.
    public func next() -> Double {
        guard let rng else { return 0.5 }
        return gsl_rng_uniform_pos(rng)
    }

    /// A uniformly random permutation of 0..<n (Fisher–Yates).
    public func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        guard n > 1 else { return p }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = min(i, Int(next() * Double(i + 1)))
            p.swapAt(i, j)
        }
        return p
    }
}
