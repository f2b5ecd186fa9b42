import CGSL

extension RandomSource {
    /// A whole number drawn uniformly from 0..<n (GSL's gsl_rng_uniform_int, which rejects
    /// the generator's top values instead of taking a biased remainder); 0 when n < 2.
    public func index(below n: Int) -> Int {
        guard n > 1, let generator else { return 0 }
        return Int(gsl_rng_uniform_int(generator, UInt(n)))
    }
}
