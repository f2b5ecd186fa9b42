import Foundation
import LinearAlgebra
import SeededRandom
import Testing

@testable import Model
@testable import Symbolic

/// ℓ, ∇ℓ and ∇²ℓ from the compiled tapes and the statistics, against the reference
/// evaluator (a direct walk of the expression, summed row by row) and against
/// central finite differences.
struct LogLikelihoodTests {
    struct Fixture {
        let store = ExprStore()
        var columns: [Symbol: [Double]] = [:]
        func parameter(_ i: Int, _ name: String) -> Expr { store.symbol(.parameter(i), name: name) }
        mutating func column(_ i: Int, _ name: String, _ values: [Double]) -> Expr {
            columns[.column(i)] = values
            return store.symbol(.column(i), name: name)
        }
    }

    /// Central differences of ℓ (h = 1e-6·max(1, |θ|): truncation O(h²) ≈ 1e-12, rounding O(ε/h) ≈ 1e-10).
    func numericGradient(_ l: LogLikelihood, _ theta: [Double]) -> [Double] {
        theta.indices.map { i in
            let h = 1e-6 * max(1, abs(theta[i]))
            var up = theta
            up[i] += h
            var down = theta
            down[i] -= h
            return (l.evaluate(up, order: 0).value - l.evaluate(down, order: 0).value) / (2 * h)
        }
    }

    func numericHessian(_ l: LogLikelihood, _ theta: [Double]) -> Matrix {
        var m = Matrix(rows: theta.count, columns: theta.count)
        for i in theta.indices {
            let h = 1e-5 * max(1, abs(theta[i]))
            var up = theta
            up[i] += h
            var down = theta
            down[i] -= h
            let gu = l.evaluate(up, order: 1).gradient
            let gd = l.evaluate(down, order: 1).gradient
            for j in theta.indices { m[i, j] = (gu[j] - gd[j]) / (2 * h) }
        }
        return m
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    /// Checks value (against a hand-written per-row log-density), gradient and Hessian (finite differences).
    func check(_ l: LogLikelihood, at theta: [Double], reference: Double) {
        let e = l.evaluate(theta, order: 2)
        #expect(close(e.value, reference, 1e-12), "ℓ = \(e.value), reference \(reference)")
        let g = numericGradient(l, theta)
        for i in theta.indices { #expect(close(e.gradient[i], g[i], 1e-6), "∂ℓ/∂θ\(i): \(e.gradient[i]) vs \(g[i])") }
        let h = numericHessian(l, theta)
        for i in theta.indices {
            for j in theta.indices {
                #expect(close(e.hessian[i, j], h[i, j], 1e-5), "∂²ℓ/∂θ\(i)∂θ\(j): \(e.hessian[i, j]) vs \(h[i, j])")
            }
        }
    }

    static let gauss = [4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1]

    @Test("Normal: ℓ from (n, Σx, Σx²) at μ = 4, σ = σ̂ is −22.380575366438396 (value from the issue; R dnorm)")
    func normal() throws {
        var f = Fixture()
        let x = f.column(0, "x", Self.gauss)
        let term = LikelihoodTerm(
            family: Normal(), response: x, arguments: [f.parameter(0, "μ"), f.parameter(1, "σ")],
            weight: nil, censored: nil, rows: 10)
        let l = try LogLikelihood(
            store: f.store, terms: [term], priors: f.store.zero, columns: f.columns, predictors: [], parameterCount: 2)
        #expect(l.isFullySummarised)
        #expect(l.rawStatisticValues.values.contains { abs($0 - 50.1) < 1e-12 })
        #expect(l.rawStatisticValues.values.contains { abs($0 - 254.99) < 1e-10 })
        #expect(close(l.evaluate([4.0, 0.6315853069855251], order: 0).value, -22.380575366438396, 1e-14))
        let reference = Self.gauss.map { y in -log(0.7) - 0.5 * log(2 * Double.pi) - (y - 4.5) * (y - 4.5) / (2 * 0.49)
        }.reduce(0, +)
        check(l, at: [4.5, 0.7], reference: reference)
    }

    @Test("every distribution: ℓ against its log-density written out, derivatives against finite differences")
    func distributions() throws {
        let counts = [0.0, 3, 1, 4, 2, 2, 5, 1]
        let positive = [0.5, 1.7, 0.2, 3.1, 0.9, 1.1, 2.4, 0.6]
        let unit = [0.1, 0.35, 0.6, 0.82, 0.5, 0.27, 0.9, 0.44]
        let binary = [0.0, 1, 1, 0, 1, 0, 1, 1]
        let trials = [5.0, 6, 4, 7, 5, 3, 8, 4]
        typealias Case = (any Distribution, [Double], [Double], [Double]?, (Double, [Double], Double?) -> Double)
        let cases: [Case] = [
            (Poisson(), counts, [2.3], nil, Densities.poisson),
            (Exponential(), positive, [1.4], nil, Densities.exponential),
            (Bernoulli(), binary, [0.65], nil, Densities.bernoulli),
            (BetaDistribution(), unit, [2.2, 3.1], nil, Densities.beta),
            (GammaDistribution(), positive, [1.8, 1.3], nil, Densities.gamma),
            (Binomial(), counts, [0.4], trials, Densities.binomial),
        ]
        for (family, data, theta, trialsColumn, logDensity) in cases {
            var f = Fixture()
            let y = f.column(0, "y", data)
            var args = theta.indices.map { f.parameter($0, "θ\($0)") }
            if let trialsColumn { args.insert(f.column(1, "N", trialsColumn), at: 0) }
            let term = LikelihoodTerm(
                family: family, response: y, arguments: args, weight: nil, censored: nil, rows: data.count)
            let l = try LogLikelihood(
                store: f.store, terms: [term], priors: f.store.zero, columns: f.columns, predictors: [],
                parameterCount: theta.count)
            let reference = data.indices.map { logDensity(data[$0], theta, trialsColumn?[$0]) }.reduce(0, +)
            check(l, at: theta, reference: reference)
        }
    }

    @Test("logistic regression through the linear predictor: tape + BLAS against the per-row formula")
    func logistic() throws {
        var f = Fixture()
        var rng = SplitMix64(seed: 11)
        let n = 1300  // more than two blocks of rows
        let xs = (0..<(n * 3)).map { _ in rng.normal() }
        let ys = (0..<n).map { _ in rng.uniform() < 0.4 ? 1.0 : 0.0 }
        let y = f.column(0, "y", ys)
        let b = f.parameter(0, "b")
        let eta = f.store.symbol(.predictor(0), name: "η")
        let predictor = LinearPredictor(
            symbol: .predictor(0), matrix: Matrix(rows: n, columns: 3, elements: xs), offset: 1)
        let term = LikelihoodTerm(
            family: Bernoulli(), response: y, arguments: [sigmoid(b + eta)], weight: nil, censored: nil, rows: n)
        let l = try LogLikelihood(
            store: f.store, terms: [term], priors: f.store.zero, columns: f.columns,
            predictors: [predictor], parameterCount: 4)
        #expect(!l.isFullySummarised)
        let theta = [0.3, -0.5, 0.8, 0.1]
        let reference = (0..<n).map { i -> Double in
            let t = theta[0] + theta[1] * xs[3 * i] + theta[2] * xs[3 * i + 1] + theta[3] * xs[3 * i + 2]
            return ys[i] * t - (max(t, 0) + log1p(exp(-abs(t))))
        }.reduce(0, +)
        check(l, at: theta, reference: reference)
    }

    @Test("weights and right-censoring: Σ wᵢ·[(1 − cᵢ)·log f + cᵢ·log S] for an Exponential")
    func weightsAndCensoring() throws {
        var f = Fixture()
        let times = [0.5, 1.7, 0.2, 3.1, 0.9, 1.1]
        let censored = [0.0, 1, 0, 1, 0, 0]
        let weights = [1.0, 2, 1, 0.5, 3, 1]
        let y = f.column(0, "t", times)
        let c = f.column(1, "c", censored)
        let w = f.column(2, "w", weights)
        let term = LikelihoodTerm(
            family: Exponential(), response: y, arguments: [f.parameter(0, "λ")], weight: w, censored: c, rows: 6)
        let l = try LogLikelihood(
            store: f.store, terms: [term], priors: f.store.zero, columns: f.columns, predictors: [], parameterCount: 1)
        let lambda = 0.8
        let reference = times.indices.map { i in
            weights[i] * ((1 - censored[i]) * (log(lambda) - lambda * times[i]) + censored[i] * (-lambda * times[i]))
        }.reduce(0, +)
        check(l, at: [lambda], reference: reference)
    }

    @Test("data outside the support is an error naming the first offending row and value")
    func support() {
        var f = Fixture()
        let y = f.column(0, "y", [0, 1, 2, 1])
        let term = LikelihoodTerm(
            family: Bernoulli(), response: y, arguments: [f.parameter(0, "p")], weight: nil, censored: nil, rows: 4)
        #expect(throws: LikelihoodError.self) {
            _ = try LogLikelihood(
                store: f.store, terms: [term], priors: f.store.zero, columns: f.columns, predictors: [],
                parameterCount: 1)
        }
        do {
            _ = try LogLikelihood(
                store: f.store, terms: [term], priors: f.store.zero, columns: f.columns, predictors: [],
                parameterCount: 1)
        } catch {
            #expect(error.description == "Bernoulli data must be 0 or 1, but row 3 is 2")
        }
    }
}

/// Log-densities written out by hand (textbook formulas), independent of the engine.
enum Densities {
    static func poisson(_ y: Double, _ a: [Double], _ n: Double?) -> Double {
        let l: Double = a[0]
        return y * Foundation.log(l) - l - Foundation.lgamma(y + 1)
    }
    static func exponential(_ y: Double, _ a: [Double], _ n: Double?) -> Double {
        Foundation.log(a[0]) - a[0] * y
    }
    static func bernoulli(_ y: Double, _ a: [Double], _ n: Double?) -> Double {
        y * Foundation.log(a[0]) + (1 - y) * Foundation.log(1 - a[0])
    }
    static func beta(_ y: Double, _ p: [Double], _ n: Double?) -> Double {
        let (a, b) = (p[0], p[1])
        let kernel: Double = (a - 1) * Foundation.log(y) + (b - 1) * Foundation.log(1 - y)
        return kernel - Foundation.lgamma(a) - Foundation.lgamma(b) + Foundation.lgamma(a + b)
    }
    static func gamma(_ y: Double, _ p: [Double], _ n: Double?) -> Double {
        let (a, b) = (p[0], p[1])
        let first: Double = a * Foundation.log(b) - Foundation.lgamma(a)
        return first + (a - 1) * Foundation.log(y) - b * y
    }
    static func binomial(_ y: Double, _ p: [Double], _ trials: Double?) -> Double {
        let n: Double = trials ?? 0
        let choose: Double = Foundation.lgamma(n + 1) - Foundation.lgamma(y + 1) - Foundation.lgamma(n - y + 1)
        return choose + y * Foundation.log(p[0]) + (n - y) * Foundation.log(1 - p[0])
    }
}
