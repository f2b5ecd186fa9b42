import Foundation
import LinearAlgebra
import SeededRandom
import Testing

@testable import Model
@testable import Symbolic

/// The one-pass machinery: the fused evaluation of ℓ, ∇ℓ and ∇²ℓ against the per-row
/// formulas summed separately, the evaluation cache (same answer, no second pass), the
/// blocked statistics kernel against plain compensated sums, its re-centring, and the
/// response check read in place.
struct OnePassTests {
    /// y ~ Bernoulli(sigmoid(b + w·x)) over n rows × k features (fixed seed).
    func logistic(rows n: Int, features k: Int = 3) throws -> (LogLikelihood, [Double], [Double]) {
        let store = ExprStore()
        var rng = SplitMix64(seed: 5)
        let xs = (0..<(n * k)).map { _ in rng.normal() }
        let ys = (0..<n).map { _ in rng.uniform() < 0.4 ? 1.0 : 0.0 }
        let y = store.symbol(.column(0), name: "y")
        let b = store.symbol(.parameter(0), name: "b")
        let eta = store.symbol(.predictor(0), name: "η")
        let term = LikelihoodTerm(
            family: Bernoulli(), response: y, arguments: [sigmoid(b + eta)], weight: nil, censored: nil, rows: n)
        let l = try LogLikelihood(
            store: store, terms: [term], priors: store.zero, columns: [.column(0): ys],
            predictors: [
                LinearPredictor(symbol: .predictor(0), matrix: Matrix(rows: n, columns: k, elements: xs), offset: 1)
            ],
            parameterCount: k + 1)
        return (l, xs, ys)
    }

    /// The fused pass (one read of the rows for ℓ, ∇ℓ and ∇²ℓ, the predictor layer through BLAS,
    /// rows split into chunks on the cores) against the three sums written out separately per
    /// row: ℓ = Σ yη − log(1 + eᵑ), ∇ = Σ (y − p)·z, ∇² = −Σ p(1 − p)·z zᵀ with z = (1, x).
    /// 140,000 rows: more than one chunk and many blocks. Tolerance 1e-11 relative to the sum
    /// of the terms' magnitudes: the two sum in different orders (blocks, lanes, chunks), each
    /// with rounding ≲ n·ε of that sum in the worst case and ≈ √n·ε (≈ 10⁻¹³) in practice.
    /// The narrow Gram kernel (dot products of √|h|-scaled columns, for few columns) against
    /// BLAS's syrk on the same rows, for either sign of h and a row count that leaves a tail
    /// of the eight-row loop: the two sum in different orders, so they agree to rounding
    /// (10⁻¹³ of the largest entry, each entry a sum of 1003 products of order 1).
    @Test func narrowGramMatchesSyrk() {
        var rng = SplitMix64(seed: 17)
        let n = 1003
        for k in 1...TermEvaluator.narrowGramColumns {
            for sign in [1.0, -1.0] {
                let x = (0..<(n * k)).map { _ in rng.normal() }
                let h = (0..<n).map { i in i % 97 == 0 ? 0 : sign * rng.uniform() }
                var scaled = [Double](repeating: .nan, count: (n + TermEvaluator.columnPadding) * k)
                let found = scaled.withUnsafeMutableBufferPointer {
                    TermEvaluator.rootScaled(
                        x, h, n, k, $0.baseAddress!, rowStep: 1, columnStep: n + TermEvaluator.columnPadding)
                }
                #expect(found == sign)
                var narrow = [Double](repeating: 0.5, count: k * k)
                scaled.withUnsafeBufferPointer { TermEvaluator.narrowGram($0.baseAddress!, n, k, sign, &narrow, k) }
                let rows = (0..<n).flatMap { i in (0..<k).map { j in abs(h[i]).squareRoot() * x[i * k + j] } }
                var reference = [Double](repeating: 0.5, count: k * k)
                BLAS.syrkTransposed(rows: n, columns: k, alpha: sign, rows, beta: 1, &reference, ldc: k)
                let largest = reference.map(abs).max() ?? 1
                for a in 0..<k {
                    for b in a..<k {
                        #expect(abs(narrow[a * k + b] - reference[a * k + b]) <= 1e-13 * largest, "k \(k) (\(a), \(b))")
                    }
                }
            }
        }
        let mixed = [1.0, -1.0, 0.5]
        var room = [Double](repeating: 0, count: 3 * (3 + TermEvaluator.columnPadding))
        let sign = room.withUnsafeMutableBufferPointer {
            TermEvaluator.rootScaled([1, 2, 3], mixed, 3, 1, $0.baseAddress!, rowStep: 1, columnStep: 3)
        }
        #expect(sign == nil)
    }

    @Test(arguments: [(140_000, 3), (3000, 30)])
    func fusedPassEqualsTheSeparateSums(rows n: Int, features k: Int) throws {
        // k = 3 over two chunks of many blocks; k = 30 with more columns than rows per block.
        let (l, xs, ys) = try logistic(rows: n, features: k)
        let p = k + 1
        var rng = SplitMix64(seed: 3)
        let theta = (0..<p).map { _ in 0.3 * rng.normal() }
        var value = 0.0
        var magnitude = 0.0
        var gradient = [Double](repeating: 0, count: p)
        var hessian = [Double](repeating: 0, count: p * p)
        for i in 0..<n {
            let z = [1] + xs[(k * i)..<(k * i + k)]
            let t = zip(theta, z).map(*).reduce(0, +)
            let pi = 1 / (1 + exp(-t))
            let li = ys[i] * t - (max(t, 0) + log1p(exp(-abs(t))))
            value += li
            magnitude += abs(li)
            for a in 0..<p {
                gradient[a] += (ys[i] - pi) * z[a]
                for c in 0..<p { hessian[a * p + c] -= pi * (1 - pi) * z[a] * z[c] }
            }
        }
        let e = l.evaluate(theta, order: 2)
        let tolerance = 1e-11 * Double(n)
        #expect(abs(e.value - value) <= 1e-11 * magnitude)
        for a in 0..<p {
            #expect(abs(e.gradient[a] - gradient[a]) <= tolerance, "∇ℓ[\(a)]")
            for c in 0..<p { #expect(abs(e.hessian[a, c] - hessian[a * p + c]) <= tolerance, "∇²ℓ[\(a), \(c)]") }
        }
    }

    /// Asked again at the same θ, the answer is the remembered one, bit for bit, and the rows
    /// are not read again; a lower order is cut down from it and equals a fresh evaluation of
    /// that order (the value is the same expression summed the same way: 1e-14 relative allows
    /// only for a compiler fusing the order-0 tape's arithmetic differently).
    @Test func cacheAnswersWithoutASecondPass() throws {
        let (l, _, _) = try logistic(rows: 3000)
        let theta = [0.1, 0.2, -0.3, 0.4]
        l.counters.reset()
        let first = l.evaluate(theta, order: 2)
        let again = l.evaluate(theta, order: 2)
        let value = l.evaluate(theta, order: 0)
        let gradient = l.evaluate(theta, order: 1)
        #expect(again.value.bitPattern == first.value.bitPattern)
        #expect(again.hessian.elements == first.hessian.elements)
        #expect(gradient.gradient == first.gradient)
        #expect(gradient.hessian.rows == 0)
        #expect(value.hessian.rows == 0 && value.gradient == [0, 0, 0, 0])
        var counts = l.counters.snapshot
        #expect(counts.requested == [1, 1, 2] && counts.cached == 3 && counts.rowPasses == [0, 0, 1])
        l.forgetEvaluations()
        let fresh = l.evaluate(theta, order: 0)
        #expect(abs(fresh.value - first.value) <= 1e-14 * abs(first.value))
        // A different θ is a different answer: read afresh.
        _ = l.evaluate([0.1, 0.2, -0.3, 0.41], order: 2)
        counts = l.counters.snapshot
        #expect(counts.rowPasses == [1, 0, 2])
    }

    /// The last order-2 evaluation outlives order-0 probes around it (a fit's checks walk rays
    /// from θ̂, then the covariance and the precision check ask for the Hessian at θ̂ again).
    @Test func newestHessianSurvivesProbes() throws {
        let (l, _, _) = try logistic(rows: 3000)
        let theta = [0.1, 0.2, -0.3, 0.4]
        l.counters.reset()
        let first = l.evaluate(theta, order: 2)
        for k in 0..<10 { _ = l.evaluate(theta.map { $0 + 0.01 * Double(k + 1) }, order: 0) }
        let again = l.evaluate(theta, order: 2)
        #expect(again.hessian.elements == first.hessian.elements)
        #expect(l.counters.snapshot.rowPasses == [10, 0, 1])
    }

    /// The blocked kernel against plain compensated sums of the same products, row by row:
    /// Σ(x − c), Σ(x − c)², Σ(x − c)(y − d), Σy³ and n over 10,007 rows (a ragged last block)
    /// and over 200,003 (four segments summed on separate cores and merged, the last ragged).
    /// Tolerance 1e-13 of Σ|term|: each block's lane sums of ≤ 256 terms round by ≲ 256·ε of
    /// their magnitudes (≈ 6·10⁻¹⁴), the totals over blocks and segments are compensated.
    @Test(arguments: [10_007, 200_003])
    func blockedSumsMatchCompensatedSums(n: Int) {
        var rng = SplitMix64(seed: 9)
        let x = (0..<n).map { _ in 1e6 + rng.normal() }
        let y = (0..<n).map { _ in 3 * rng.normal() - 1 }
        let pilots = [1e6 + 0.01, -1.0]
        let monomials: [OnePassStatistics.Monomial] = [
            [(0, 1)], [(0, 2)], [(0, 1), (1, 1)], [(1, 3)], [],
        ]
        let sums = x.withUnsafeBufferPointer { bx in
            y.withUnsafeBufferPointer { by in
                OnePassStatistics.moments(monomials, columns: [bx, by], pilots: pilots, rows: n)
            }
        }
        func reference(_ shift: Bool, _ term: (Double, Double) -> Double) -> (Double, Double) {
            var terms: [Double] = []
            for i in 0..<n {
                terms.append(term(shift ? x[i] - pilots[0] : x[i], shift ? y[i] - pilots[1] : y[i]))
            }
            return (Summation.sum(terms), terms.reduce(0) { $0 + abs($1) })
        }
        let products: [(Double, Double) -> Double] = [
            { a, _ in a }, { a, _ in a * a }, { a, b in a * b }, { _, b in b * b * b }, { _, _ in 1 },
        ]
        for (k, product) in products.enumerated() {
            let (centred, centredScale) = reference(true, product)
            let (raw, rawScale) = reference(false, product)
            #expect(abs(sums.centred[k] - centred) <= 1e-13 * centredScale, "centred \(k)")
            #expect(abs(sums.raw[k] - raw) <= 1e-13 * rawScale, "raw \(k)")
        }
        #expect(abs(sums.first[0] - reference(true, products[0]).0) <= 1e-13 * reference(true, products[0]).1)
        #expect(
            abs(sums.second[1] - reference(true, { _, b in b * b }).0) <= 1e-13 * reference(true, { _, b in b * b }).1)
    }

    /// A Normal over sorted data: the first block's mean is far from the mean, so the pass is made
    /// again about the mean; the closed-form variance from the statistics then equals the two-pass
    /// variance Σ(x − x̄)²/n to 1e-12 (sums of 10⁵ terms about the mean, compensated).
    @Test func sortedDataAreRecentred() throws {
        let store = ExprStore()
        let n = 100_000
        let xs = (0..<n).map { 1e7 + Double($0) * 1e-3 }
        let y = store.symbol(.column(0), name: "y")
        let mu = store.symbol(.parameter(0), name: "μ")
        let sigma = store.symbol(.parameter(1), name: "σ")
        let term = LikelihoodTerm(
            family: Normal(), response: y, arguments: [mu, sigma], weight: nil, censored: nil, rows: n)
        let l = try LogLikelihood(
            store: store, terms: [term], priors: store.zero, columns: [.column(0): xs], predictors: [],
            parameterCount: 2)
        let mean = Summation.mean(xs)
        let variance = Summation.sum(xs.map { ($0 - mean) * ($0 - mean) }) / Double(n)
        let pilot = l.forms[0].pilots.compactMap { $0 }.first.flatMap { l.statisticValues[$0] }
        #expect(pilot.map { abs($0 - mean) <= 1e-6 } == true, "pilot \(String(describing: pilot)) vs mean \(mean)")
        // ℓ at (x̄, σ) from the statistics against the direct sum of log densities.
        let s = variance.squareRoot()
        let direct = xs.map { -0.5 * log(2 * Double.pi) - log(s) - ($0 - mean) * ($0 - mean) / (2 * s * s) }
        let value = l.evaluate([mean, s], order: 0).value
        #expect(abs(value - Summation.sum(direct)) <= 1e-12 * abs(value))
    }

    /// The response check reads the column in place and names the first bad row, past the first block.
    @Test func responseCheckNamesTheRow() {
        let store = ExprStore()
        var xs = [Double](repeating: 1, count: 9000)
        xs[5000] = .nan
        xs[7000] = .infinity
        let y = store.symbol(.column(0), name: "y")
        let term = LikelihoodTerm(
            family: Normal(), response: y,
            arguments: [store.symbol(.parameter(0), name: "μ"), store.symbol(.parameter(1), name: "σ")], weight: nil,
            censored: nil, rows: xs.count)
        #expect {
            try LogLikelihood(
                store: store, terms: [term], priors: store.zero, columns: [.column(0): xs], predictors: [],
                parameterCount: 2)
        } throws: { error in
            guard case .outsideSupport(_, _, let row, _) = error as? LikelihoodError else { return false }
            return row == 5001
        }
        xs[5000] = 0
        xs[7000] = -1
        let counts = store.symbol(.column(1), name: "k")
        let poisson = LikelihoodTerm(
            family: Poisson(), response: counts, arguments: [store.symbol(.parameter(0), name: "λ")], weight: nil,
            censored: nil, rows: xs.count)
        #expect {
            try LogLikelihood(
                store: store, terms: [poisson], priors: store.zero, columns: [.column(1): xs], predictors: [],
                parameterCount: 1)
        } throws: { error in
            guard case .outsideSupport(_, _, let row, _) = error as? LikelihoodError else { return false }
            return row == 7001
        }
    }
}
