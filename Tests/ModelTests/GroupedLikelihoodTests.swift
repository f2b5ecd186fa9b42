import Foundation
import LinearAlgebra
import SeededRandom
import Testing

@testable import Model
@testable import Symbolic

/// Params picked per row by data: ℓ summed group by group through the cells'
/// statistics (and per row, where a term keeps its rows), against a direct sum over
/// the rows with each row's components put in by hand, and against central
/// differences of ℓ; the sparse Hessian against the dense one.
struct GroupedLikelihoodTests {
    /// A likelihood with selectors built in the IR, as the lowering builds it.
    struct Fixture {
        let store = ExprStore()
        var columns: [Symbol: [Double]] = [:]
        var selectors: [Selector] = []
        var indexColumns: [IndexColumn] = []

        mutating func column(_ name: String, _ values: [Double]) -> Expr {
            let symbol = Symbol.column(columns.count)
            columns[symbol] = values
            return store.symbol(symbol, name: name)
        }

        mutating func index(_ name: String, _ codes: [Int], extent: Int) -> Int {
            indexColumns.append(IndexColumn(name: name, codes: codes.map(Int32.init), extent: extent, labels: nil))
            return indexColumns.count - 1
        }

        /// The component of a param at `offset` with `shape` that `parts` pick.
        mutating func pick(_ name: String, offset: Int, shape: ParamShape, _ parts: [Selector.Part], positive: Bool)
            -> Expr
        {
            let symbol = Symbol.selected(selectors.count)
            selectors.append(Selector(symbol: symbol, parameter: name, offset: offset, shape: shape, parts: parts))
            if positive { store.positive.insert(symbol) }
            return store.symbol(symbol, name: "\(name)ₖ")
        }

        func likelihood(_ terms: [LikelihoodTerm], parameters: Int) throws -> LogLikelihood {
            try LogLikelihood(
                store: store, terms: terms, priors: store.zero, columns: columns, predictors: [],
                parameterCount: parameters, selectors: selectors, indexColumns: indexColumns)
        }
    }

    /// Central differences of ℓ (h = 1e-6·max(1, |θ|)): truncation ~1e-12, rounding ~1e-10 of ℓ.
    func numericGradient(_ l: LogLikelihood, _ theta: [Double]) -> [Double] {
        theta.indices.map { i in
            let h = 1e-6 * max(1, abs(theta[i]))
            var up = theta
            var down = theta
            up[i] += h
            down[i] -= h
            return (l.evaluate(up, order: 0).value - l.evaluate(down, order: 0).value) / (2 * h)
        }
    }

    func close(_ x: Double, _ y: Double, _ tolerance: Double) -> Bool { abs(x - y) <= tolerance * max(1, abs(y)) }

    /// x ~ Normal(μ[g], σ[g]) with three groups: per-group statistics, against Σᵢ log φ row by row.
    @Test func normalPerGroupMatchesTheRowSum() throws {
        var f = Fixture()
        var rng = SplitMix64(seed: 5)
        let n = 40
        let groups = (0..<n).map { $0 % 3 + 1 }
        let xs = groups.map { Double($0) * 2 + rng.normal() }
        let x = f.column("x", xs)
        let g = f.index("g", groups, extent: 3)
        let mu = f.pick("μ", offset: 0, shape: .vector(3), [.column(g)], positive: false)
        let sigma = f.pick("σ", offset: 3, shape: .vector(3), [.column(g)], positive: true)
        let term = LikelihoodTerm(
            family: Normal(), response: x, arguments: [mu, sigma], weight: nil, censored: nil, rows: n)
        let l = try f.likelihood([term], parameters: 6)
        #expect(l.groups.count == 1 && l.isFullySummarised)
        let theta = [1.9, 4.2, 6.1, 0.8, 1.3, 0.9]
        var direct = 0.0
        for i in 0..<n {
            let (m, s) = (theta[groups[i] - 1], theta[3 + groups[i] - 1])
            direct += -log(s) - 0.5 * log(2 * Double.pi) - (xs[i] - m) * (xs[i] - m) / (2 * s * s)
        }
        let e = l.evaluate(theta, order: 2)
        // Centred per-group sums of 13-14 terms: agreement to ~1e-14 of ℓ.
        #expect(close(e.value, direct, 1e-13))
        let numeric = numericGradient(l, theta)
        for i in theta.indices { #expect(close(e.gradient[i], numeric[i], 1e-7), "∂ℓ/∂θ\(i)") }
        // The Hessian is block-diagonal: μₖ and σₖ meet only within group k.
        #expect(e.hessian[0, 1] == 0 && e.hessian[0, 4] == 0 && e.hessian[0, 3] != 0)
        let sparse = l.evaluateSparse(theta)
        for i in 0..<6 { for j in 0..<6 { #expect(sparse.hessian[i, j] == e.hessian[i, j]) } }
    }

    /// next ~ Categorical(P[prev]): the counts of each (prev, next) pair.
    @Test func bigramCountsAreTheStatistics() throws {
        var f = Fixture()
        let prev = [1, 1, 2, 2, 2, 3, 1, 3]
        let next = [2, 2, 1, 3, 3, 1, 3, 3]
        _ = f.column("next", next.map(Double.init))
        let i = f.index("prev", prev, extent: 3)
        let j = f.index("next", next, extent: 3)
        let p = f.pick("P", offset: 0, shape: .simplex(rows: 3, outcomes: 3), [.column(i), .column(j)], positive: true)
        let y = f.store.symbol(.column(0))
        let term = LikelihoodTerm(
            family: Categorical(), response: y, arguments: [p], weight: nil, censored: nil, rows: prev.count)
        let l = try f.likelihood([term], parameters: 9)
        let group = try #require(l.groups.first)
        // Six distinct pairs occur, each a cell with its count.
        #expect(group.cellCount == 6)
        #expect(group.counts == [2, 1, 1, 2, 1, 1])
        let theta = [0.2, 0.5, 0.3, 0.6, 0.1, 0.3, 0.25, 0.25, 0.5]
        var direct = 0.0
        for (a, b) in zip(prev, next) { direct += log(theta[(a - 1) * 3 + b - 1]) }
        let e = l.evaluate(theta, order: 2)
        #expect(close(e.value, direct, 1e-14))
        // ∂ℓ/∂Pᵢⱼ = nᵢⱼ/Pᵢⱼ; 0 for a pair that never occurs (P[1, 1]).
        #expect(close(e.gradient[1], 2 / 0.5, 1e-15) && e.gradient[0] == 0)
        #expect(close(e.hessian[5, 5], -2 / (0.3 * 0.3), 1e-14))
        #expect(l.pickedSlots == [1, 2, 3, 5, 6, 8])
    }

    /// Bernoulli(σ(a[g] + b·x)) keeps its rows: the selector is gathered per row in the tape and
    /// its derivatives scattered back, against central differences.
    @Test func aPickedComponentInsideAPerRowTerm() throws {
        var f = Fixture()
        var rng = SplitMix64(seed: 11)
        let n = 30
        let groups = (0..<n).map { $0 % 2 + 1 }
        let xs = (0..<n).map { _ in rng.normal() }
        let ys = zip(groups, xs).map { g, x in rng.uniform() < 1 / (1 + exp(-(Double(g) - 1.5 + x))) ? 1.0 : 0.0 }
        let x = f.column("x", xs)
        let y = f.column("y", ys)
        let g = f.index("g", groups, extent: 2)
        let a = f.pick("a", offset: 0, shape: .vector(2), [.column(g)], positive: false)
        let b = f.store.symbol(.parameter(2), name: "b")
        let term = LikelihoodTerm(
            family: Bernoulli(), response: y, arguments: [sigmoid(a + b * x)], weight: nil, censored: nil, rows: n)
        let l = try f.likelihood([term], parameters: 3)
        // y·t factors per group (Σ_{g=k} y·aₖ), softplus(t) stays per row: both parts at once.
        #expect(!l.isFullySummarised && l.groups.count == 1)
        let theta = [-0.3, 0.4, 0.8]
        let e = l.evaluate(theta, order: 2)
        var direct = 0.0
        for i in 0..<n {
            let t = theta[groups[i] - 1] + theta[2] * xs[i]
            direct += ys[i] * t - log1p(exp(t))
        }
        #expect(close(e.value, direct, 1e-13))
        let numeric = numericGradient(l, theta)
        for i in theta.indices { #expect(close(e.gradient[i], numeric[i], 1e-7)) }
        // ∂²ℓ/∂a₁∂a₂ = 0 (no row has both); ∂²ℓ/∂a₁∂b = −Σ_{g=1} xᵢσ(tᵢ)(1 − σ(tᵢ)).
        #expect(e.hessian[0, 1] == 0)
        var cross = 0.0
        for i in 0..<n where groups[i] == 1 {
            let s = 1 / (1 + exp(-(theta[0] + theta[2] * xs[i])))
            cross -= xs[i] * s * (1 - s)
        }
        #expect(close(e.hessian[0, 2], cross, 1e-13) && e.hessian[2, 0] == e.hessian[0, 2])
    }
}
