// mle-bench em: a two-component Normal mixture fitted by mle's EM against scikit-learn's
// GaussianMixture on the same rows, from the same start, to the same tolerance.
//
//   swift run -c release mle-bench em [rows]
//
// Draws 1,000,000 rows (by default) from 0.4·N(0, 1) + 0.6·N(3, 0.8) with a fixed seed, and
// fits p·N(μ1, σ1) + (1 − p)·N(μ2, σ2) from p = 0.5, μ = (−1, 4), σ = (1.5, 1.5):
// - mle: `Fitter.fit` with `using em(tol: 1e-6)` — EM until ℓ rises by less than tol per row,
//   then Newton's polish on the marginal ℓ and the observed information (standard errors),
//   so it does more than scikit-learn, which stops at EM's answer;
// - scikit-learn: GaussianMixture(2, covariance_type="full", tol=1e-6, reg_covar=0,
//   weights_init, means_init, precisions_init from the same start) in a python3 process,
//   which reads the same rows from a file and times `fit` alone.
// Both EMs stop on the same rule: the change of the mean log-likelihood at the E-step below tol.
// Prints both times (best of several), the iterations and ℓ/n of each, and
// `ratio_to_sklearn: R` (mle's time over scikit-learn's) as its last line.
import Fitting
import Foundation
import Model
import SeededRandom
import Symbolic

/// The scikit-learn side: reads float64 rows from argv[1], fits from the start in argv[2...].
let sklearnScript = """
    import sys, time, numpy as np
    from sklearn.mixture import GaussianMixture
    y = np.fromfile(sys.argv[1], dtype=np.float64).reshape(-1, 1)
    p, m1, s1, m2, s2, tol, reps = map(float, sys.argv[2:9])
    best, model = float("inf"), None
    for _ in range(int(reps)):
        g = GaussianMixture(2, covariance_type="full", tol=tol, reg_covar=0.0, max_iter=100000,
                            weights_init=[p, 1 - p], means_init=[[m1], [m2]],
                            precisions_init=[[[1 / s1**2]], [[1 / s2**2]]])
        t = time.perf_counter(); g.fit(y); best = min(best, time.perf_counter() - t); model = g
    print(best, model.n_iter_, model.lower_bound_, model.weights_[0], model.means_[0, 0], model.means_[1, 0])
    """

func emBenchmark(rows n: Int) {
    var rng = SplitMix64(seed: 7)
    let y = (0..<n).map { _ in rng.uniform() < 0.4 ? rng.normal() : 3 + 0.8 * rng.normal() }
    let start = [0.5, -1, 1.5, 4, 1.5]
    let tol = 1e-6
    guard let model = try? mixtureModel(y, start: start) else {
        print("error: the model could not be built")
        return
    }
    let request = MethodRequest.named(.em, options: ["tol": tol])
    var outcome: FitOutcome?
    _ = try? Fitter.fit(FitProblem(model: model, request: request))  // compile the tapes, warm the caches
    let fitTime = best(3) { outcome = try? Fitter.fit(FitProblem(model: model, request: request)) }
    guard let outcome else {
        print("error: the fit failed")
        return
    }
    let threads = EStepThreads.count(rows: n)
    print("rows: \(n), E-step threads: \(threads)")
    var passTime: Double?
    if let data = try? CompleteData(model: model, withPrior: false) {
        _ = data.expectation(start)
        let pass = best(5) { _ = data.expectation(start) }
        passTime = pass
        let hessian = best(3) { _ = model.evaluate(start, order: 2, withPrior: false) }
        print(
            "one E-step (one pass: ℓ, responsibilities, weighted statistics): \(String(format: "%.1f", pass * 1000)) ms; "
                + "one ℓ, ∇ℓ, ∇²ℓ of the marginal likelihood (Newton's polish, standard errors): \(String(format: "%.1f", hessian * 1000)) ms"
        )
    }
    print(
        "mle EM + Newton polish + standard errors: \(String(format: "%.1f", fitTime * 1000)) ms, "
            + "\(outcome.solution.notes.last ?? ""), ℓ/n = \(outcome.logLikelihood / Double(n)), "
            + "p̂ = \(outcome.estimate[0]), μ̂ = (\(outcome.estimate[1]), \(outcome.estimate[3]))")
    guard let sklearn = runSklearn(y, start: start, tol: tol) else {
        print("scikit-learn: not available (python3 with numpy and scikit-learn is needed for the ratio)")
        exit(1)
    }
    print(
        "scikit-learn GaussianMixture.fit: \(String(format: "%.1f", sklearn.seconds * 1000)) ms, "
            + "\(sklearn.iterations) EM iterations, mean ℓ = \(sklearn.lowerBound), \(sklearn.rest)")
    if let pass = passTime {
        let em = Double(outcome.solution.history.count - 1 - polishSteps(outcome)) * pass
        print("EM's iterations alone (one E-step each): about \(String(format: "%.1f", em * 1000)) ms")
    }
    print("ratio_to_sklearn: \(String(format: "%.3f", fitTime / sklearn.seconds))")
}

/// y ~ Mixture(p, Normal(μ1, σ1), Normal(μ2, σ2)), built in the IR.
func mixtureModel(_ y: [Double], start: [Double]) throws -> StatisticalModel {
    let store = ExprStore()
    let names = ["p", "μ1", "σ1", "μ2", "σ2"]
    let bounds: [(Double?, Double?)] = [(0, 1), (nil, nil), (0, nil), (nil, nil), (0, nil)]
    var entries: [ParameterLayout.Entry] = []
    var theta: [Expr] = []
    for (i, name) in names.enumerated() {
        entries.append(
            .init(name: name, offset: i, length: nil, lower: bounds[i].0, upper: bounds[i].1, start: [start[i]]))
        theta.append(store.symbol(.parameter(i), name: name))
        if bounds[i].0 != nil { store.positive.insert(.parameter(i)) }
    }
    let response = store.symbol(.column(0), name: "y")
    let term = LikelihoodTerm(
        family: Mixture(weights: .first, components: [Normal(), Normal()]), response: response, arguments: theta,
        weight: nil, censored: nil, rows: y.count)
    let layout = ParameterLayout(entries: entries)
    let likelihood = try LogLikelihood(
        store: store, terms: [term], priors: store.zero, columns: [.column(0): y], predictors: [],
        parameterCount: layout.count)
    return StatisticalModel(
        name: "", store: store, layout: layout, terms: [term], likelihood: likelihood, priors: [],
        predictorDescriptions: [:], termDescriptions: ["y ~ Mixture(p, Normal(μ1, σ1), Normal(μ2, σ2))"])
}

/// scikit-learn's best time, iterations, final mean log-likelihood and estimates; nil without it.
func runSklearn(_ y: [Double], start: [Double], tol: Double) -> (
    seconds: Double, iterations: Int, lowerBound: Double, rest: String
)? {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("mle-bench-em-\(getpid()).f64")
    defer { try? FileManager.default.removeItem(at: path) }
    let bytes = y.withUnsafeBufferPointer { Data(buffer: $0) }
    guard (try? bytes.write(to: path)) != nil else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", sklearnScript, path.path] + (start + [tol, 3]).map { "\($0)" }
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let fields = String(decoding: output, as: UTF8.self).split(separator: " ").map(String.init)
    guard process.terminationStatus == 0, fields.count >= 6, let seconds = Double(fields[0]),
        let iterations = Int(fields[1]), let bound = Double(fields[2])
    else { return nil }
    let rest = "p̂ = \(fields[3]), μ̂ = (\(fields[4]), \(fields[5].trimmingCharacters(in: .whitespacesAndNewlines)))"
    return (seconds, iterations, bound, rest)
}

/// The number of chunks (cores) an E-step over `rows` runs on, as Model chooses them.
enum EStepThreads {
    static func count(rows: Int) -> Int {
        let limit = ProcessInfo.processInfo.environment["MLE_THREADS"].flatMap { Int($0) } ?? 8
        let cores = max(1, min(limit, ProcessInfo.processInfo.activeProcessorCount))
        return rows >= 131_072 ? cores : 1
    }
}

/// The Newton steps after EM, from the note "k EM iterations, then m Newton steps …".
func polishSteps(_ outcome: FitOutcome) -> Int {
    guard let note = outcome.solution.notes.last(where: { $0.contains("EM iteration") }),
        let then = note.range(of: "then ")
    else { return 0 }
    return Int(note[then.upperBound...].prefix { $0.isNumber }) ?? 0
}
