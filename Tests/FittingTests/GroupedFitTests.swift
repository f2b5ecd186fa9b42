import Foundation
import LinearAlgebra
import SeededRandom
import Testing

@testable import Fitting
@testable import Inference
@testable import Model
@testable import Symbolic

/// Fits of params picked per row by data, through Fitting's API: a bigram table in
/// closed form (P̂ᵢⱼ = nᵢⱼ/nᵢ, checked against counts made by hand), its standard errors
/// from the blocked covariance (√(p(1 − p)/nᵢ)), which also matches the dense path on
/// a table small enough for both, and an empty group refused by name.
struct GroupedFitTests {
    /// next ~ Categorical(P[prev]) with `param P : simplex[v, v]`, over a random walk of n tokens.
    func bigram(_ v: Int, tokens n: Int, seed: UInt64, skip: Int? = nil) throws -> (StatisticalModel, [[Double]]) {
        var rng = SplitMix64(seed: seed)
        var walk = [1]
        while walk.count < n {
            var next = Int(rng.uniform() * Double(v)) + 1
            if next == skip { next = 1 }
            walk.append(min(v, next))
        }
        let prev = Array(walk.dropLast())
        let next = Array(walk.dropFirst())
        var counts = [[Double]](repeating: [Double](repeating: 0, count: v), count: v)
        for (a, b) in zip(prev, next) { counts[a - 1][b - 1] += 1 }
        let store = ExprStore()
        let shape = ParamShape.simplex(rows: v, outcomes: v)
        let columns = [
            IndexColumn(name: "prev", codes: prev.map(Int32.init), extent: v, labels: nil),
            IndexColumn(name: "next", codes: next.map(Int32.init), extent: v, labels: nil),
        ]
        let selector = Selector(
            symbol: .selected(0), parameter: "P", offset: 0, shape: shape, parts: [.column(0), .column(1)])
        store.positive.insert(.selected(0))
        let y = store.symbol(.column(0), name: "next")
        let term = LikelihoodTerm(
            family: Categorical(), response: y, arguments: [store.symbol(.selected(0), name: "Pᵢⱼ")], weight: nil,
            censored: nil, rows: prev.count)
        let layout = ParameterLayout(entries: [
            .init(
                name: "P", offset: 0, length: v * v, lower: 0, upper: 1,
                start: [Double](repeating: 1 / Double(v), count: v * v), shape: shape)
        ])
        let likelihood = try LogLikelihood(
            store: store, terms: [term], priors: store.zero, columns: [.column(0): next.map(Double.init)],
            predictors: [], parameterCount: layout.count, selectors: [selector], indexColumns: columns)
        let model = StatisticalModel(
            name: "bigram", store: store, layout: layout, terms: [term], likelihood: likelihood, priors: [],
            predictorDescriptions: [:], termDescriptions: ["next ~ Categorical(P[prev])"])
        return (model, counts)
    }

    /// 70 × 70 = 4,900 slots, past the dense Hessian's 4,000: closed form and blocks.
    @Test func aLargeBigramTableFitsInClosedFormWithBlockedErrors() throws {
        let (model, counts) = try bigram(70, tokens: 20_000, seed: 9)
        let outcome = try Fitter.fit(FitProblem(model: model))
        #expect(outcome.plan.method == FittingMessage.closedFormTitle)
        #expect(outcome.hessian == nil && outcome.fullCovariance == nil)
        for (i, j) in [(0, 0), (3, 17), (69, 69), (40, 2)] {
            let row = counts[i].reduce(0, +)
            let p = counts[i][j] / row
            // A count over a row total: one division, exact to an ulp.
            #expect(abs(outcome.estimate[i * 70 + j] - p) <= 1e-16)
            let se = try #require(outcome.standardError(slot: i * 70 + j))
            #expect(abs(se - (p * (1 - p) / row).squareRoot()) <= 1e-15, "se(P[\(i + 1), \(j + 1)])")
        }
        #expect(outcome.parameterCount == 70 * 69)
    }

    /// A table small enough for the dense path: the blocks give the same covariance.
    @Test func theBlocksAgreeWithTheDenseCovariance() throws {
        let (model, _) = try bigram(6, tokens: 400, seed: 4)
        let outcome = try Fitter.fit(FitProblem(model: model))
        let dense = try #require(outcome.covariance)
        let blocked = try BlockedInformation.covariance(model, outcome.estimate, outcome.free, withPrior: false)
        #expect(blocked.free == dense.free && blocked.blocks.count == 6)
        for i in dense.free {
            for j in dense.free {
                let (a, b) = (dense.entry(i, j) ?? .nan, blocked.entry(i, j) ?? .nan)
                // Entries ~1e-3: the dense path inverts a 36×36 matrix (scaled eigen-decomposition,
                // κ ≈ 10²: ~1e-14 relative on any LAPACK), the blocks do O(1) arithmetic.
                #expect(abs(a - b) < 1e-15, "Σ[\(i), \(j)]: \(a) vs \(b)")
            }
        }
    }

    /// No token 3 ever precedes another (it never occurs): row P[3, ·] has no rows.
    @Test func aRowWithNoDataIsNotIdentified() throws {
        let (model, _) = try bigram(4, tokens: 200, seed: 2, skip: 3)
        #expect(throws: FitError.self) { try Fitter.fit(FitProblem(model: model)) }
        do {
            _ = try Fitter.fit(FitProblem(model: model))
        } catch let e as FitError {
            #expect(e.kind == .notIdentifiable && e.message.contains("P[3, ·]"))
        }
    }
}
