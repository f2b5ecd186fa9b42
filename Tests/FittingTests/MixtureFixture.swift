import Foundation
import LinearAlgebra
import SeededRandom

@testable import Fitting
@testable import Model
@testable import Symbolic

/// Mixture models built directly in the IR for the EM tests, with start values, weights,
/// censoring and linear predictors, and data drawn from a seeded generator.
struct MixtureFixture {
    let store = ExprStore()
    var entries: [ParameterLayout.Entry] = []
    var columns: [Symbol: [Double]] = [:]
    var predictors: [LinearPredictor] = []
    var terms: [LikelihoodTerm] = []

    mutating func param(_ name: String, lower: Double? = nil, upper: Double? = nil, start: Double? = nil) -> Expr {
        let slot = entries.reduce(0) { $0 + $1.size }
        let value = start ?? ParameterLayout.defaultStart(lower: lower, upper: upper)
        entries.append(.init(name: name, offset: slot, length: nil, lower: lower, upper: upper, start: [value]))
        if let lower, lower >= 0 { store.positive.insert(.parameter(slot)) }
        return store.symbol(.parameter(slot), name: name)
    }

    /// A vector param of `start.count` components, multiplied by the data matrix `x` (a linear predictor).
    mutating func predictor(_ name: String, _ x: Matrix, start: [Double]) -> Expr {
        let slot = entries.reduce(0) { $0 + $1.size }
        entries.append(.init(name: name, offset: slot, length: start.count, lower: nil, upper: nil, start: start))
        for k in 0..<start.count { _ = store.symbol(.parameter(slot + k), name: "\(name)\(k + 1)") }
        let symbol = Symbol.predictor(predictors.count)
        predictors.append(LinearPredictor(symbol: symbol, matrix: x, offset: slot))
        return store.symbol(symbol, name: "η\(predictors.count)")
    }

    /// A simplex param of `start.count` components (`param π : simplex[K]`): its K slots.
    mutating func simplex(_ name: String, start: [Double]) -> [Expr] {
        let slot = entries.reduce(0) { $0 + $1.size }
        entries.append(
            .init(
                name: name, offset: slot, length: start.count, lower: 0, upper: 1, start: start,
                shape: .simplex(rows: nil, outcomes: start.count)))
        return (0..<start.count).map { k in store.symbol(.parameter(slot + k), name: "\(name)\(k + 1)") }
    }

    mutating func column(_ name: String, _ values: [Double]) -> Expr {
        let symbol = Symbol.column(columns.count)
        columns[symbol] = values
        if values.allSatisfy({ $0 > 0 }) { store.positive.insert(symbol) }
        return store.symbol(symbol, name: name)
    }

    mutating func mixture(
        _ components: [any Distribution], _ y: Expr, _ args: [Expr], rows: Int, weight: Expr? = nil,
        censored: Expr? = nil, simplex: Bool = false
    ) {
        let weights: Mixture.Weights = simplex ? .simplex(components.count) : .first
        terms.append(
            LikelihoodTerm(
                family: Mixture(weights: weights, components: components), response: y, arguments: args,
                weight: weight, censored: censored, rows: rows))
    }

    func model() throws -> StatisticalModel {
        let layout = ParameterLayout(entries: entries)
        let likelihood = try LogLikelihood(
            store: store, terms: terms, priors: store.zero, columns: columns, predictors: predictors,
            parameterCount: layout.count)
        return StatisticalModel(
            name: "m", store: store, layout: layout, terms: terms, likelihood: likelihood, priors: [],
            predictorDescriptions: [:], termDescriptions: ["y ~ Mixture(…)"])
    }

    /// p·Normal(μ1, σ1) + (1 − p)·Normal(μ2, σ2), n draws.
    static func normals(_ n: Int, p: Double, _ a: (Double, Double), _ b: (Double, Double), seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in rng.uniform() < p ? a.0 + a.1 * rng.normal() : b.0 + b.1 * rng.normal() }
    }

    /// A Poisson draw by inversion (small λ).
    static func poisson(_ lambda: Double, _ rng: inout SplitMix64) -> Double {
        var k = 0.0
        var term = exp(-lambda)
        var total = term
        let u = rng.uniform()
        while u > total && k < 1000 {
            k += 1
            term *= lambda / k
            total += term
        }
        return k
    }

    /// A two-component Normal mixture model over `y` with the given starts (p, μ1, σ1, μ2, σ2).
    static func normalMixture(_ y: [Double], start: [Double]) throws -> StatisticalModel {
        var f = MixtureFixture()
        let p = f.param("p", lower: 0, upper: 1, start: start[0])
        let m1 = f.param("μ1", start: start[1])
        let s1 = f.param("σ1", lower: 0, start: start[2])
        let m2 = f.param("μ2", start: start[3])
        let s2 = f.param("σ2", lower: 0, start: start[4])
        let column = f.column("y", y)
        f.mixture([Normal(), Normal()], column, [p, m1, s1, m2, s2], rows: y.count)
        return try f.model()
    }
}

/// Relative agreement |a − b| ≤ relative·max(1, |b|).
func near(_ a: Double, _ b: Double, _ relative: Double) -> Bool { abs(a - b) <= relative * max(1, abs(b)) }
