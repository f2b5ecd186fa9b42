// mle-bench: speed of the likelihood engine against a BLAS baseline measured in the same run.
//
//   swift run -c release mle-bench loglik [rows] [features]
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
    var rng = SplitMix64(seed: 42)
    var x = Matrix(rows: n, columns: k)
    for i in 0..<(n * k) { x.elements[i] = rng.normal() }
    let truth = (0..<k).map { 0.5 * Double($0 % 3) - 0.4 }
    let eta = x * truth
    let y = eta.map { e -> Double in rng.uniform() < 1 / (1 + exp(-e)) ? 1 : 0 }

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
    let evaluation = best(7) { value = likelihood.evaluate(theta, order: 2).value }
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

let arguments = CommandLine.arguments.dropFirst()
guard arguments.first == "loglik" else {
    print("usage: mle-bench loglik [rows] [features]")
    exit(2)
}
let rows = arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
let features = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 10
loglikBenchmark(rows: rows, features: features)
