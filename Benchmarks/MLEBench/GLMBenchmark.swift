import Fitting
import Foundation
import LinearAlgebra
import Model
import SeededRandom
import Symbolic

/// `mle-bench glm [rows] [features]`: a whole logistic-regression fit (the automatic plan:
/// Newton's method, its checks, the covariance and ℓ̂) on generated data, 1,000,000 rows ×
/// 10 features by default (fixed seed), against one dsyrk computing XᵀX over the same data
/// in the same run. Prints the iterations, how many evaluations of ℓ the fit asked for and
/// how many passes over the rows it made (the rest were answered from the evaluation
/// cache), the time per pass, and `xtx_passes_per_iteration: R` — the fit's time in units of
/// one XᵀX pass, per Newton iteration (target ≤ 1.5).
enum GLMBenchmark {
    static func run(rows n: Int, features k: Int) {
        BLAS.configure()
        let (x, y, truth) = logisticData(rows: n, features: k)
        guard let model = logisticModel(x, y, features: k) else {
            print("error: the model could not be built")
            return
        }
        let likelihood = model.likelihood
        // One pass: ℓ, ∇ℓ and ∇²ℓ at a point near the truth, read afresh each time.
        let theta = truth.map { $0 * 0.9 }
        let pass = FitTiming.pass(likelihood, at: theta)
        let valuePass = FitTiming.pass(likelihood, at: theta, order: 0)
        var gram = Matrix(rows: k, columns: k)
        let syrk = best(5) { gram = x.gram }
        guard let timed = FitTiming.fit(model) else { return }
        let (outcome, fit, counts) = timed
        let iterations = max(1, outcome.solution.iterations ?? 1)
        print("rows: \(n), features: \(k), XᵀX[1,1] = \(gram[0, 0])")
        print("fit: \(outcome.plan.method), \(iterations) iterations, ℓ̂ = \(outcome.logLikelihood)")
        print(
            "evaluations asked for: \(counts.totalRequested) (order 0/1/2: \(counts.requested.map(String.init).joined(separator: "/"))), from the cache: \(counts.cached)"
        )
        print(
            "passes over the rows: \(counts.totalRowPasses) (order 0/1/2: \(counts.rowPasses.map(String.init).joined(separator: "/"))), \(String(format: "%.2f", Double(counts.totalRowPasses) / Double(iterations))) per iteration"
        )
        print("one pass (ℓ, ∇ℓ, ∇²ℓ fused): \(ms(pass)); one dsyrk XᵀX: \(ms(syrk)); pass/XᵀX: \(ratio(pass / syrk))")
        print("one pass of ℓ alone: \(ms(valuePass))")
        print("whole fit: \(ms(fit)) = \(ratio(fit / syrk)) XᵀX passes")
        print("fit_seconds: \(fit)")
        print("xtx_passes_per_iteration: \(ratio(fit / syrk / Double(iterations)))")
    }

    /// X (n × k, standard normal), y ~ Bernoulli(σ(X·w)) with w cycling through −0.4, 0.1, 0.6.
    static func logisticData(rows n: Int, features k: Int) -> (Matrix, [Double], [Double]) {
        var rng = SplitMix64(seed: 42)
        var x = Matrix(rows: n, columns: k)
        for i in 0..<(n * k) { x.elements[i] = rng.normal() }
        let truth = (0..<k).map { 0.5 * Double($0 % 3) - 0.4 }
        let eta = x * truth
        let y = eta.map { e -> Double in rng.uniform() < 1 / (1 + exp(-e)) ? 1 : 0 }
        return (x, y, truth)
    }

    /// y ~ Bernoulli(sigmoid(w·x)), built as the interpreter builds it (one linear predictor).
    static func logisticModel(_ x: Matrix, _ y: [Double], features k: Int) -> StatisticalModel? {
        let store = ExprStore()
        for j in 0..<k { _ = store.symbol(.parameter(j), name: "w\(j + 1)") }
        let response = store.symbol(.column(0), name: "y")
        let predictor = store.symbol(.predictor(0), name: "η")
        let term = LikelihoodTerm(
            family: Bernoulli(), response: response, arguments: [sigmoid(predictor)], weight: nil, censored: nil,
            rows: x.rows)
        guard
            let likelihood = try? LogLikelihood(
                store: store, terms: [term], priors: store.zero, columns: [.column(0): y],
                predictors: [LinearPredictor(symbol: .predictor(0), matrix: x, offset: 0)], parameterCount: k)
        else { return nil }
        let layout = ParameterLayout(entries: [
            .init(name: "w", offset: 0, length: k, lower: nil, upper: nil, start: [Double](repeating: 0, count: k))
        ])
        return StatisticalModel(
            name: "m", store: store, layout: layout, terms: [term], likelihood: likelihood, priors: [],
            predictorDescriptions: [.predictor(0): "η = w·x"], termDescriptions: ["y ~ Bernoulli(sigmoid(w·x))"])
    }
}

func ms(_ t: Double) -> String { String(format: "%.2f ms", t * 1000) }
func ratio(_ r: Double) -> String { String(format: "%.3f", r) }
