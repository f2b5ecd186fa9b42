import Fitting
import Foundation
import LinearAlgebra
import Model
import SeededRandom
import Symbolic

/// `mle-bench nls [rows]`: nonlinear least squares, y ~ Normal(a·(1 − e^(−c·x)), σ) over
/// 1,000,000 rows by default (fixed seed; a = 2.5, c = 0.8, σ = 0.1), fitted by the
/// automatic plan (Levenberg–Marquardt, then the covariance and ℓ̂), against one pass of
/// ℓ with its gradient and Hessian through the compiled per-row tape in the same run.
/// Prints `ratio_to_pass: R`, the whole fit in units of that pass.
enum NLSBenchmark {
    static func run(rows n: Int) {
        BLAS.configure()
        var rng = SplitMix64(seed: 11)
        let x = (0..<n).map { _ in 5 * rng.uniform() }
        let y = x.map { 2.5 * (1 - exp(-0.8 * $0)) + 0.1 * rng.normal() }
        let store = ExprStore()
        let a = store.symbol(.parameter(0), name: "a")
        let c = store.symbol(.parameter(1), name: "c")
        let sigma = store.symbol(.parameter(2), name: "σ")
        let response = store.symbol(.column(0), name: "y")
        let covariate = store.symbol(.column(1), name: "x")
        let mean = a * (1 - exp(store.constant(-1) * c * covariate))
        let term = LikelihoodTerm(
            family: Normal(), response: response, arguments: [mean, sigma], weight: nil, censored: nil, rows: n)
        guard
            let likelihood = try? LogLikelihood(
                store: store, terms: [term], priors: store.zero, columns: [.column(0): y, .column(1): x],
                predictors: [], parameterCount: 3)
        else {
            print("error: the model could not be built")
            return
        }
        let layout = ParameterLayout(entries: [
            .init(name: "a", offset: 0, length: nil, lower: nil, upper: nil, start: [1]),
            .init(name: "c", offset: 1, length: nil, lower: nil, upper: nil, start: [1]),
            .init(name: "σ", offset: 2, length: nil, lower: 0, upper: nil, start: [1]),
        ])
        let model = StatisticalModel(
            name: "m", store: store, layout: layout, terms: [term], likelihood: likelihood, priors: [],
            predictorDescriptions: [:], termDescriptions: ["y ~ Normal(a*(1 - exp(-c*x)), σ)"])
        let theta = [2.4, 0.9, 0.2]
        let pass = FitTiming.pass(likelihood, at: theta)
        guard let timed = FitTiming.fit(model) else { return }
        let (outcome, fit, counts) = timed
        print("rows: \(n)")
        print(
            "fit: \(outcome.plan.method), \(outcome.solution.iterations ?? 0) iterations, â = \(outcome.estimate[0]), ĉ = \(outcome.estimate[1]), σ̂ = \(outcome.estimate[2])"
        )
        print("evaluations of ℓ asked for: \(counts.totalRequested), passes over the rows: \(counts.totalRowPasses)")
        print("one pass (ℓ, ∇ℓ, ∇²ℓ through the tape): \(ms(pass)); whole fit: \(ms(fit))")
        print("fit_seconds: \(fit)")
        print("ratio_to_pass: \(ratio(fit / pass))")
    }
}
