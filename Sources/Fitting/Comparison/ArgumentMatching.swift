import Foundation
import LinearAlgebra
import Model
import Solvers
import Symbolic

/// Whether a larger model can express exactly what a smaller one does, row by row:
/// given the smaller model's distribution arguments at a point (a Bernoulli's pᵢ,
/// a Normal's μᵢ and σ), the larger model's arguments are fitted to them by least
/// squares over its own params, Σ (a_B(θ_B) − a_A)²/s², s each argument's RMS. A
/// residual that vanishes (every argument matched to 10⁻⁶ relative) means the
/// smaller model's distribution is one of the larger's, at the θ_B found: the
/// params the smaller lacks are fixed there (at 0 for a dropped coefficient; at the
/// boundary for a variance of 0, where the unconstrained coordinate runs off).
///
/// The least squares is itself a model: a Normal term per argument, response the
/// target values, mean the larger model's argument, σ = s; so Newton's method with
/// the exact Hessian (the same BLAS predictor layer as any fit) solves it.
struct ArgumentMatching {
    /// Per-term pairs: the smaller model's term and the larger model's term on the same data,
    /// with, for each argument of the larger one, the smaller one's argument it must equal
    /// (nil for an argument a special-case family fixes instead).
    struct TermPair {
        let small: Int
        let large: Int
        let mapping: [Int?]
    }

    let small: StatisticalModel
    let large: StatisticalModel
    let pairs: [TermPair]
    /// Slots of the larger model held fixed (a special case's argument: Student-t's ν = ∞).
    let fixed: [Int: Double]

    /// How closely each argument must be matched, relative to its size.
    static let tolerance = 1e-6

    /// θ_B matching the smaller model at θ_A, the slots that went to their boundary, or nil
    /// when no θ_B matches (the larger model cannot express the smaller's distribution).
    func match(at theta: [Double], from start: [Double]) -> (theta: [Double], boundary: Set<Int>)? {
        guard let (model, scales, targets) = matchingModel(at: theta) else { return nil }
        var problem = FitProblem(model: model)
        problem.fixed = fixed
        problem.start = start
        let objective = problem.unconstrainedObjective
        let coordinates = objective.coordinates
        var newton = Newton()
        newton.isInterrupted = { false }
        let result =
            coordinates.dimension == 0 ? nil : newton.maximize(objective, from: coordinates.u(problem.startTheta))
        let matched = result.map { objective.theta($0.x) } ?? problem.startTheta
        guard residualVanishes(matched, scales, targets) else { return nil }
        var boundary: Set<Int> = []
        if let result {
            for (a, u) in result.x.enumerated() where abs(u) > 25 {
                if let (slot, t) = coordinates.slot(ofCoordinate: a), !t.isIdentity { boundary.insert(slot) }
            }
        }
        return (matched, boundary)
    }

    /// The least-squares model of the larger model's arguments against the smaller's values at θ_A.
    func matchingModel(at theta: [Double]) -> (StatisticalModel, [Double], [[Double]])? {
        let store = large.store
        var columns = large.likelihood.columns
        var terms: [LikelihoodTerm] = []
        var scales: [Double] = []
        var targets: [[Double]] = []
        for pair in pairs {
            guard let values = ArgumentMatching.argumentValues(small, term: pair.small, theta) else { return nil }
            let term = large.terms[pair.large]
            for (j, source) in pair.mapping.enumerated() {
                guard let source else { continue }
                let target = values[source]
                let rms = (target.reduce(0) { $0 + $1 * $1 } / Double(max(1, target.count))).squareRoot()
                let scale = max(rms, 1e-8)
                let symbol = Symbol.column(2_000_000 + targets.count)
                columns[symbol] = target
                terms.append(
                    LikelihoodTerm(
                        family: Normal(), response: store.symbol(symbol),
                        arguments: [term.arguments[j], store.constant(scale)],
                        weight: nil, censored: nil, rows: term.rows))
                scales.append(scale)
                targets.append(target)
            }
        }
        guard !terms.isEmpty,
            let likelihood = try? LogLikelihood(
                store: store, terms: terms, priors: store.zero, columns: columns,
                predictors: large.likelihood.predictors, parameterCount: large.layout.count)
        else { return nil }
        let model = StatisticalModel(
            name: large.name, store: store, layout: large.layout, terms: terms, likelihood: likelihood, priors: [],
            predictorDescriptions: [:], termDescriptions: [])
        return (model, scales, targets)
    }

    /// Every matched argument equals its target to `tolerance` relative to its scale.
    func residualVanishes(_ theta: [Double], _ scales: [Double], _ targets: [[Double]]) -> Bool {
        var k = 0
        for pair in pairs {
            guard let values = ArgumentMatching.argumentValues(large, term: pair.large, theta) else { return false }
            for (j, source) in pair.mapping.enumerated() where source != nil {
                let worst = zip(values[j], targets[k]).map { abs($0 - $1) }.max() ?? 0
                if !(worst <= ArgumentMatching.tolerance * scales[k]) { return false }
                k += 1
            }
        }
        return true
    }

    /// Per-row values of term t's arguments at θ: params substituted by their values and each
    /// linear predictor by its column X·w.
    static func argumentValues(_ model: StatisticalModel, term t: Int, _ theta: [Double]) -> [[Double]]? {
        let store = model.store
        var values: [Symbol: Expr] = [:]
        for (i, x) in theta.enumerated() { values[.parameter(i)] = store.constant(x) }
        var arguments = model.terms[t].arguments.map { $0.substituting(values) }
        var extra: [Symbol: [Double]] = [:]
        for p in model.likelihood.predictors where arguments.contains(where: { $0.depends(on: p.symbol) }) {
            let column = Symbol.column(1_000_000 + p.index)
            extra[column] = p.matrix * Array(theta[p.slots])
            arguments = arguments.map { $0.substituting([p.symbol: store.symbol(column)]) }
        }
        let per = model.likelihood.perRow(arguments, term: t, extraColumns: extra)
        return per.count == arguments.count ? per : nil
    }
}
