import Testing

@testable import LinearAlgebra

/// The equilibrated, refined least squares against exact answers.
struct LeastSquaresTests {
    @Test("compensated sums and dot products keep the digits a plain loop loses")
    func compensated() {
        var acc = CompensatedAccumulator()
        for x in [1e16, 1, -1e16] { acc.add(x) }
        #expect(acc.value == 1)  // a plain sum gives 0
        // (1 + 2⁻³⁰)·(1 − 2⁻³⁰) − 1 = −2⁻⁶⁰ exactly; the product alone rounds it away.
        let e = 0x1p-30
        var product = CompensatedAccumulator(-1)
        product.add(1 + e, times: 1 - e)
        #expect(product.value == -0x1p-60)
    }

    @Test("the largest finite magnitude skips infinities and NaNs, in the vector loop and its tail")
    func largestFiniteMagnitude() {
        #expect(Summation.largestFiniteMagnitude([]) == 0)
        #expect(Summation.largestFiniteMagnitude([.nan, .infinity, -.infinity]) == 0)
        for count in [1, 7, 8, 9, 16, 17, 100] {
            for place in [0, count / 2, count - 1] {
                var xs = (0..<count).map { Double($0 % 5) - 2 }
                xs[place] = -1e200
                if count > 2 { xs[(place + 1) % count] = .nan }
                if count > 3 { xs[(place + 2) % count] = -.infinity }
                let expected = xs.reduce(0) { $1.isFinite ? max($0, abs($1)) : $0 }
                #expect(Summation.largestFiniteMagnitude(xs) == expected)
            }
        }
    }

    @Test("a tall problem reduced to k rows gives the damped solutions of the whole stacked problem")
    func reducedProblemMatchesTheStackedOne() throws {
        // y = 1 + 2x − 0.5x² + noise on 2,000 rows, columns of very different sizes (x up to 10³).
        let n = 2000
        var rows: [[Double]] = []
        var y: [Double] = []
        for i in 0..<n {
            let x = Double(i) / 2
            rows.append([1, x, x * x])
            y.append(1 + 2 * x - 0.5 * x * x + (Double((i * 7919) % 1000) / 1000 - 0.5))
        }
        let j = Matrix(rowVectors: rows)
        let reduced = try #require(ReducedLeastSquares(x: j, y: y))
        #expect(reduced.matrix.rows == 3)
        for mu in [0.0, 1e-3, 1.0, 1e4] {
            let d = [1.0, 600, 3e5]  // column norms, as Levenberg–Marquardt scales by
            var damping = Matrix(rows: 3, columns: 3)
            for c in 0..<3 { damping[c, c] = mu.squareRoot() * d[c] }
            let small = try #require(reduced.solve(stacking: damping, [0, 0, 0], tolerance: 0))
            let whole = try #require(
                LeastSquares(
                    x: Matrix(rowVectors: rows + (0..<3).map { damping.row($0) }), y: y + [0, 0, 0], tolerance: 0))
            // Both are backward-stable solutions of the same problem, whose condition number is
            // ~10⁶ after equilibration: they agree to ~10⁻¹⁰ relative, far above rounding.
            for c in 0..<3 {
                let scale = max(abs(whole.coefficients[c]), 1e-300)
                #expect(abs(small.coefficients[c] - whole.coefficients[c]) <= 1e-9 * scale)
            }
        }
    }

    /// Above 2¹⁷ rows the reduction goes a segment of 2¹⁶ rows at a time (on every core), the
    /// segments' k rows stacked and reduced again: the same problem, so the same damped
    /// solutions as the whole problem solved at once, and the same for any number of cores.
    @Test("a tall problem reduced segment by segment gives the whole problem's damped solutions")
    func segmentedReduction() throws {
        // y = 1 + 2x − 0.5x² + noise on 2·2¹⁶ + 123 rows (three segments, the last of 123 rows).
        let n = 2 * ReducedLeastSquares.segmentRows + 123
        var elements: [Double] = []
        var y: [Double] = []
        for i in 0..<n {
            let x = Double(i % 4001) / 400
            elements += [1, x, x * x]
            y.append(1 + 2 * x - 0.5 * x * x + (Double((i * 7919) % 1000) / 1000 - 0.5))
        }
        let j = Matrix(rows: n, columns: 3, elements: elements)
        let reduced = try #require(ReducedLeastSquares(x: j, y: y))
        #expect(reduced.matrix.rows == 3)
        for mu in [0.0, 1e-2, 1e3] {
            var damping = Matrix(rows: 3, columns: 3)
            for c in 0..<3 { damping[c, c] = mu.squareRoot() * [360.0, 2000, 12000][c] }
            let small = try #require(reduced.solve(stacking: damping, [0, 0, 0], tolerance: 0))
            var stacked = j
            stacked.elements += damping.elements
            let whole = try #require(
                LeastSquares(
                    x: Matrix(rows: n + 3, columns: 3, elements: stacked.elements), y: y + [0, 0, 0], tolerance: 0))
            // Backward-stable solutions of one problem whose condition number after
            // equilibration is 17 (numpy.linalg.cond): they agree to ~10⁻¹⁴ relative (17·ε·√n
            // at most ~10⁻¹² for the undamped one); asserted to 10⁻¹¹.
            for c in 0..<3 {
                let scale = max(abs(whole.coefficients[c]), 1e-300)
                #expect(abs(small.coefficients[c] - whole.coefficients[c]) <= 1e-11 * scale)
            }
        }
    }

    /// A last segment shorter than k reduces to its own rows (its QR is wide), not to k; a
    /// non-finite value anywhere gives no reduction (the caller then solves on J itself).
    @Test("a segmented reduction whose last segment has fewer rows than columns, and one with a NaN")
    func segmentedReductionShortTail() throws {
        // y = 3 − x + 0.25x² + noise on 2·2¹⁶ + 2 rows: the third segment has 2 rows, k = 3.
        let n = 2 * ReducedLeastSquares.segmentRows + 2
        var elements: [Double] = []
        var y: [Double] = []
        for i in 0..<n {
            let x = Double(i % 997) / 100
            elements += [1, x, x * x]
            y.append(3 - x + 0.25 * x * x + (Double((i * 104_729) % 1000) / 1000 - 0.5))
        }
        let j = Matrix(rows: n, columns: 3, elements: elements)
        let reduced = try #require(ReducedLeastSquares(x: j, y: y))
        let small = try #require(reduced.solve(stacking: Matrix(rows: 0, columns: 3), [], tolerance: 0))
        let whole = try #require(LeastSquares(x: j, y: y, tolerance: 0))
        // One well-conditioned problem (condition number ~10² after equilibration) solved two
        // backward-stable ways: ~10⁻¹⁴ relative apart; asserted to 10⁻¹¹.
        for c in 0..<3 {
            #expect(abs(small.coefficients[c] - whole.coefficients[c]) <= 1e-11 * abs(whole.coefficients[c]))
        }
        var broken = y
        broken[n - 1] = .nan
        #expect(ReducedLeastSquares(x: j, y: broken) == nil)
        // Reducing min ‖J·b + r‖ without a negated copy of r is the same reduction, bit for bit
        // (a change of sign is exact), segmented or not.
        for rows in [n, 1000] {
            let part = Matrix(rows: rows, columns: 3, elements: Array(elements.prefix(3 * rows)))
            let r = Array(y.prefix(rows))
            let negated = try #require(ReducedLeastSquares(x: part, negating: r))
            let plain = try #require(ReducedLeastSquares(x: part, y: r.map { -$0 }))
            #expect(negated.matrix.elements == plain.matrix.elements && negated.rhs == plain.rhs)
        }
    }

    @Test("a line on x ≈ 10⁶ is of full rank, with the exact slope (issue: called rank 1 of 2)")
    func badlyScaledLine() throws {
        // x = 10⁶ + [0, .5, 1, 1.5, 2], y = [1, 2, 2.5, 4, 5]: by hand, slope Σdx·dy/Σdx² = 5/2.5 = 2
        // and intercept 2.9 − 2·(10⁶ + 1) = −1999999.1. The centred problem has condition number
        // ≈ 10⁶, so ~10 digits are guaranteed: asserted to 1e-9 relative.
        let x = Matrix(rowVectors: [0, 0.5, 1, 1.5, 2].map { [1, 1e6 + $0] })
        let fit = try #require(LeastSquares(x: x, y: [1, 2, 2.5, 4, 5]))
        #expect(fit.rank == 2)
        #expect(abs(fit.coefficients[1] - 2) < 2e-9)
        #expect(abs(fit.coefficients[0] / -1999999.1 - 1) < 1e-9)
    }

    @Test("a column that is a combination of two others to rounding is named as dependent")
    func dependentColumn() throws {
        let rows = (0..<8).map { i -> [Double] in
            let (a, b) = (Double(i) * 0.1, Double(i * i) * 0.37)
            return [1, a, b, a + b]
        }
        let fit = try #require(LeastSquares(x: Matrix(rowVectors: rows), y: (0..<8).map(Double.init)))
        #expect(fit.rank == 3)
        #expect(fit.dependentColumns.count == 1 && fit.unscaledCovariance == nil)
    }

    @Test("refinement recovers NIST Wampler4 (certified coefficients exactly 1) to 12 digits")
    func wampler4() throws {
        // NIST StRD Wampler4 (Scripts/data/nist/wampler4.csv): y = 1 + x + … + x⁵ plus noise of
        // size 2·10⁵ orthogonal to the polynomials, so the exact solution is all ones. With a large
        // residual the first solve loses κ²·ε·‖r‖/‖y‖ ≈ 10⁻⁹; refined residuals in twice the
        // precision bring it back to ≈ κ·ε ≈ 10⁻¹³. Asserted to 1e-12.
        let y: [Double] = [
            75901, -204794, 204863, -204436, 253665, -200894, 214131, -185192, 221249, -138370, 315911,
            -27644, 455253, 197434, 783995, 608816, 1_370_781, 1_303_798, 2_205_519, 2_408_860, 3_444_321,
        ]
        let x = Matrix(rowVectors: (0...20).map { i in (0...5).map { Double(i).power($0) } })
        let fit = try #require(LeastSquares(x: x, y: y))
        #expect(fit.refinementSteps >= 1)
        for b in fit.coefficients { #expect(abs(b - 1) < 1e-12) }
    }
}

extension Double {
    fileprivate func power(_ k: Int) -> Double { (0..<k).reduce(1) { r, _ in r * self } }
}
