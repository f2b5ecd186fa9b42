// mle-bench: speed of the likelihood engine against a baseline measured in the same run.
//
//   swift run -c release mle-bench loglik [rows] [features]
//   swift run -c release mle-bench gauss [rows]
//   swift run -c release mle-bench csv [rows] [columns] [file] | csv verify [count]   (CSVBenchmark.swift)
//
// gauss: a Normal(μ, σ) over 10,000,000 values (by default): builds the likelihood (its
// sufficient statistics, the only pass over the data), solves the score equations in
// closed form and evaluates the estimate, against one compensated summing pass over the
// same values; prints `ratio_to_sum: R` (target ≤ 1.5).
//   swift run -c release mle-bench sql [rows]      (see SQLBenchmark.swift)
//   swift run -c release mle-bench bigram [vocabulary] [tokens]   (BigramBenchmark.swift)
//   swift run -c release mle-bench glm [rows] [features]           (GLMBenchmark.swift)
//   swift run -c release mle-bench nls [rows]                      (NLSBenchmark.swift)
//   swift run -c release mle-bench all                             (each with its defaults)
//
// Every number printed is a ratio to a baseline measured in the same run (timings on a
// shared machine are noisy; read the ratios, not the milliseconds).
//
//   swift run -c release mle-bench em [rows]      (EMBenchmark.swift: against scikit-learn)
//
// Generates logistic-regression data (1,000,000 rows × 10 features by default, fixed
// seed), times one evaluation of ℓ, ∇ℓ and ∇²ℓ through the compiled tape and the
// BLAS predictor layer, times one dsyrk computing XᵀX over the same data, and prints
// `ratio_to_syrk: R` as its last line (best of several repetitions of each).
import Foundation
import LinearAlgebra
import Model
import SeededRandom
import Symbolic

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func best(_ repetitions: Int, _ body: () -> Void) -> Double {
    (0..<repetitions).map { _ in seconds(body) }.min() ?? .nan
}

func loglikBenchmark(rows n: Int, features k: Int) {
    BLAS.configure()
    let (x, y, truth) = GLMBenchmark.logisticData(rows: n, features: k)

    let store = ExprStore()
    for j in 0..<k { _ = store.symbol(.parameter(j), name: "w\(j + 1)") }
    let response = store.symbol(.column(0), name: "y")
    let predictor = store.symbol(.predictor(0), name: "η")
    let term = LikelihoodTerm(
        family: Bernoulli(), response: response, arguments: [sigmoid(predictor)],
        weight: nil, censored: nil, rows: n)
    let likelihood: LogLikelihood
    do {
        likelihood = try LogLikelihood(
            store: store, terms: [term], priors: store.zero, columns: [.column(0): y],
            predictors: [LinearPredictor(symbol: .predictor(0), matrix: x, offset: 0)], parameterCount: k)
    } catch {
        print("error: \(error)")
        return
    }
    let theta = truth.map { $0 * 0.9 }
    var value = 0.0
    _ = likelihood.evaluate(theta, order: 2)  // compile the tape, warm the caches
    let evaluation = best(7) {
        likelihood.forgetEvaluations()  // each repetition reads the rows afresh
        value = likelihood.evaluate(theta, order: 2).value
    }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    // The baseline gets the same cores: OpenBLAS's dsyrk with as many threads as the
    // evaluator has chunks (MLE_THREADS limits both).
    let threads = min(cores, ProcessInfo.processInfo.environment["MLE_THREADS"].flatMap { Int($0) } ?? cores)
    var gram = Matrix(rows: k, columns: k)
    BLAS.setThreads(threads)
    let syrk = best(7) { gram = x.gram }
    BLAS.setThreads(1)
    let syrkSingle = best(7) { gram = x.gram }
    print("rows: \(n), features: \(k), threads: \(threads) (of \(cores) cores)")
    print("loglik+gradient+hessian: \(String(format: "%.2f", evaluation * 1000)) ms (ℓ = \(value))")
    print(
        "dsyrk XᵀX, \(threads) thread(s): \(String(format: "%.2f", syrk * 1000)) ms; 1 thread: \(String(format: "%.2f", syrkSingle * 1000)) ms (XᵀX[1,1] = \(gram[0, 0]))"
    )
    print("ratio_to_syrk: \(String(format: "%.3f", evaluation / syrk))")
}

func gaussBenchmark(rows n: Int) {
    var rng = SplitMix64(seed: 7)
    let y = (0..<n).map { _ in 1e7 + 0.1 * rng.normal() }
    func build() -> (Double, Double)? {
        let store = ExprStore()
        let mu = store.symbol(.parameter(0), name: "μ")
        let sigma = store.symbol(.parameter(1), name: "σ")
        let response = store.symbol(.column(0), name: "y")
        let term = LikelihoodTerm(
            family: Normal(), response: response, arguments: [mu, sigma], weight: nil, censored: nil, rows: n)
        guard
            let likelihood = try? LogLikelihood(
                store: store, terms: [term], priors: store.zero, columns: [.column(0): y], predictors: [],
                parameterCount: 2),
            case .success(let roots) = ScoreSolver.solve(
                likelihood.summary,
                for: [.init(symbol: .parameter(0), positive: false), .init(symbol: .parameter(1), positive: true)])
        else { return nil }
        var values = likelihood.statisticValues
        var theta: [Double] = []
        for (symbol, expr) in roots {
            let v = expr.evaluate(values)
            values[symbol] = v
            theta.append(v)
        }
        return (theta.first ?? .nan, theta.last ?? .nan)
    }
    var estimate: (Double, Double)?
    let fit = best(5) { estimate = build() }
    var total = 0.0
    let sum = best(5) { total = Summation.sum(y) }
    print("rows: \(n)")
    if let (m, s) = estimate {
        print("closed-form fit: \(String(format: "%.2f", fit * 1000)) ms (μ̂ − 10⁷ = \(m - 1e7), σ̂ = \(s))")
    } else {
        print("closed-form fit: failed")
    }
    print("one compensated summing pass: \(String(format: "%.2f", sum * 1000)) ms (Σ = \(total))")
    print("fit_seconds: \(fit)")
    print("ratio_to_sum: \(String(format: "%.3f", fit / sum))")
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "loglik":
    let rows = arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
    let features = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 10
    loglikBenchmark(rows: rows, features: features)
case "gauss":
    gaussBenchmark(rows: arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000_000)
case "sql":
    SQLBenchmark.run(rows: arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000_000)
case "em":
    emBenchmark(rows: arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000)
case "bigram":
    let vocabulary = arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000
    let tokens = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 200_000
    BigramBenchmark.run(vocabulary: vocabulary, tokens: tokens)
case "glm":
    let rows = arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
    let features = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 10
    GLMBenchmark.run(rows: rows, features: features)
case "nls":
    NLSBenchmark.run(rows: arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000)
case "all":
    for (name, body) in [
        ("loglik", { loglikBenchmark(rows: 1_000_000, features: 10) }),
        ("gauss", { gaussBenchmark(rows: 10_000_000) }),
        ("glm", { GLMBenchmark.run(rows: 1_000_000, features: 10) }),
        ("nls", { NLSBenchmark.run(rows: 1_000_000) }),
    ] as [(String, () -> Void)] {
        print("== \(name)")
        body()
    }
case "csv":
    csvBenchmark(Array(arguments.dropFirst()))
default:
    print(
        "usage: mle-bench loglik [rows] [features] | gauss [rows] | glm [rows] [features] | nls [rows] | sql [rows]"
            + " | em [rows] | bigram [vocabulary] [tokens] | csv [rows] [columns] [file] | csv verify [count] | all")
    exit(2)
}
