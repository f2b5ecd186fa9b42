import Foundation
import LinearAlgebra
import Testing

@testable import Solvers

/// A concave quadratic and the (negated) Rosenbrock function, with exact derivatives written by hand.
struct Quadratic: Objective {
    // f(x) = −½(x − c)ᵀA(x − c), A = [[3, 1], [1, 2]], c = (1, −2): maximum at c.
    let dimension = 2
    func evaluate(_ x: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
        let d = [x[0] - 1, x[1] + 2]
        let ad = [3 * d[0] + d[1], d[0] + 2 * d[1]]
        let value = -0.5 * (d[0] * ad[0] + d[1] * ad[1])
        return (value, [-ad[0], -ad[1]], Matrix(rowVectors: [[-3, -1], [-1, -2]]))
    }
}

struct NegatedRosenbrock: Objective {
    // f(x, y) = −[(1 − x)² + 100(y − x²)²], maximum 0 at (1, 1).
    let dimension = 2
    func evaluate(_ p: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
        let (x, y) = (p[0], p[1])
        let value = -((1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x))
        let gx = 2 * (1 - x) + 400 * x * (y - x * x)
        let gy = -200 * (y - x * x)
        let hxx = -2 + 400 * (y - 3 * x * x)
        let hxy = 400 * x
        return (value, [gx, gy], Matrix(rowVectors: [[hxx, hxy], [hxy, -200]]))
    }
}

struct SolversTests {
    /// For a J of 2¹⁷ rows or more the reduction the Gauss–Newton step is solved on gives the
    /// predicted reduction in k terms; it is the same quantity as the row-by-row ½‖r‖² − ½‖r + J·h‖².
    @Test("the predicted reduction from J reduced to k rows equals the row-by-row one")
    func reducedPredictedReduction() throws {
        let n = 2 * ReducedLeastSquares.segmentRows + 17
        var elements: [Double] = []
        var r: [Double] = []
        for i in 0..<n {
            let x = Double(i % 1009) / 200
            elements += [1 - exp(-0.8 * x), 2.5 * x * exp(-0.8 * x)]
            r.append(0.1 * (Double((i * 7919) % 1000) / 500 - 1) + 0.01 * x)
        }
        let j = Matrix(rows: n, columns: 2, elements: elements)
        var solves = JacobianSolves()
        let step = solves.gaussNewton(j, r)
        let gaussNewton = try #require(step)
        // The Gauss–Newton step and two others (a damped step's direction is between them).
        for h in [gaussNewton, [0.01, -0.02], [-1e-4, 3e-4]] {
            let direct = LevenbergMarquardt.predictedReduction(j, r, h)
            let reduced = solves.predictedReduction(j, r, h)
            // Both are sums of n terms with compensated summation, through an orthogonal
            // transformation for the reduced one: they agree to ~10⁻¹³ of ½‖r‖² (≈ 400 here).
            #expect(abs(reduced - direct) <= 1e-12 * LevenbergMarquardt.halfSquaredNorm(r))
        }
    }

    /// 10⁸ then 2¹⁷ + 2 ones: ½(10¹⁶ + 131074), a double (10¹⁶ + 131074 is even, the spacing there
    /// 2). A plain running sum loses every 1 (10¹⁶ + 1 rounds back to 10¹⁶), all 65537 of the
    /// half; the compensated sums in four lanes per segment keep them to the rounding of each
    /// segment's part (10¹⁶ + 65535 is not a double): one unit in the last place. Below 2¹⁷ rows,
    /// one compensated sum, exact here.
    @Test("½‖r‖² keeps its digits in the four-lane sums over segments, as in one sum")
    func halfSquaredNormDigits() {
        let ones = 2 * RowSegments.rows + 2
        let exact = (1e16 + 131_074) / 2
        let segmented = LevenbergMarquardt.halfSquaredNorm([1e8] + [Double](repeating: 1, count: ones))
        #expect(abs(segmented - exact) <= exact.ulp)
        #expect(LevenbergMarquardt.halfSquaredNorm([1e8] + [Double](repeating: 1, count: 1000)) == (1e16 + 1000) / 2)
    }

    @Test("Newton finds the maximum of a concave quadratic in one step")
    func quadratic() {
        let r = Newton().maximize(Quadratic(), from: [10, 10])
        #expect(r.status == .converged)
        #expect(abs(r.x[0] - 1) < 1e-12 && abs(r.x[1] + 2) < 1e-12)
        #expect(r.iterations <= 2)
    }

    @Test("Newton with the Levenberg safeguard and line search climbs Rosenbrock from (−1.2, 1)")
    func rosenbrock() {
        let r = Newton().maximize(NegatedRosenbrock(), from: [-1.2, 1])
        #expect(r.status == .converged)
        #expect(abs(r.x[0] - 1) < 1e-8 && abs(r.x[1] - 1) < 1e-8)
    }

    @Test("gradient ascent takes exactly k steps of size lr·∇f (checked by hand for k = 1)")
    func gradientAscent() {
        let one = GradientAscent(learningRate: 0.1, steps: 1).maximize(Quadratic(), from: [0, 0])
        // ∇f(0, 0) = −A(0 − c) = A·c = (3·1 + 1·(−2), 1·1 + 2·(−2)) = (1, −3)
        #expect(abs(one.x[0] - 0.1) < 1e-15 && abs(one.x[1] + 0.3) < 1e-15)
        #expect(one.status == .completedSteps && one.history.count == 2)
        let many = GradientAscent(learningRate: 0.2, steps: 300).maximize(Quadratic(), from: [0, 0])
        #expect(abs(many.x[0] - 1) < 1e-10 && abs(many.x[1] + 2) < 1e-10)
    }

    @Test("a function that becomes non-finite stops the solver with that status")
    func notFinite() {
        struct Log: Objective {
            let dimension = 1
            func evaluate(_ x: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
                (log(x[0]), [1 / x[0]], Matrix(rowVectors: [[-1 / (x[0] * x[0])]]))
            }
        }
        let r = GradientAscent(learningRate: 10, steps: 5).maximize(Log(), from: [-1])
        #expect(r.status == .notFinite)
    }

    /// A predicate that turns true at its `n + 1`-th call, the solver polling it once per iteration.
    /// (Not `Interrupt.requested`: the flag is process-wide, and other tests' solvers run beside these.)
    final class StopAfter: @unchecked Sendable {
        var calls = 0
        let n: Int
        init(_ n: Int) { self.n = n }
        func poll() -> Bool {
            calls += 1
            return calls > n
        }
    }

    @Test("an interrupt stops gradient ascent before its next step, keeping the steps taken")
    func gradientAscentInterrupted() {
        var ascent = GradientAscent(learningRate: 0.1, steps: 1_000_000)
        let stop = StopAfter(3)
        ascent.isInterrupted = stop.poll
        let r = ascent.maximize(Quadratic(), from: [0, 0])
        #expect(r.status == .interrupted)
        #expect(r.iterations == 3 && r.history.count == 4)
        #expect(r.x == GradientAscent(learningRate: 0.1, steps: 3).maximize(Quadratic(), from: [0, 0]).x)
    }

    @Test("an interrupt stops Newton's method before its next iteration")
    func newtonInterrupted() {
        var newton = Newton()
        let stop = StopAfter(2)
        newton.isInterrupted = stop.poll
        let r = newton.maximize(NegatedRosenbrock(), from: [-1.2, 1])
        #expect(r.status == .interrupted)
        #expect(r.iterations == 2 && stop.calls == 3)
    }
}

/// The trust-region Newton solver against exact maxima.
struct TrustRegionNewtonTests {
    @Test("trust-region Newton: a concave quadratic in one step, Rosenbrock from (−1.2, 1)")
    func basics() {
        let q = TrustRegionNewton().maximize(Quadratic(), from: [10, 10])
        #expect(q.status == .converged && abs(q.x[0] - 1) < 1e-12 && abs(q.x[1] + 2) < 1e-12)
        let r = TrustRegionNewton().maximize(NegatedRosenbrock(), from: [-1.2, 1])
        #expect(r.status == .converged)
        #expect(abs(r.x[0] - 1) < 1e-10 && abs(r.x[1] - 1) < 1e-10)
    }

    @Test("a Poisson ℓ in log λ with λ̂ ≈ 10⁵ is polished to full precision (ℓ cannot resolve the last digits)")
    func poissonScale() {
        // ℓ(u) = S·u − n·eᵘ with S = 601378, n = 6: the maximum is u = log(S/n) exactly. ℓ is a
        // difference of numbers near 7·10⁶, so it resolves u only to ≈ 10⁻⁵ relative; the
        // gradient keeps resolving. Asserted: λ̂ = eᵘ to 4 ulps of S/n.
        struct Poisson: Objective {
            let dimension = 1
            func evaluate(_ x: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
                let e = exp(x[0])
                return (601378 * x[0] - 6 * e, [601378 - 6 * e], Matrix(rowVectors: [[-6 * e]]))
            }
        }
        let r = TrustRegionNewton().maximize(Poisson(), from: [0])
        #expect(r.status == .converged)
        let exact = 601378.0 / 6
        #expect(abs(exp(r.x[0]) - exact) <= 4 * exact.ulp * 1e1)
    }
}
