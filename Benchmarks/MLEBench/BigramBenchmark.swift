import Diagnostics
import Foundation
import Interpreter
import Report
import SeededRandom

/// `mle-bench bigram [vocabulary] [tokens]`: a bigram language model over a vocabulary of
/// V tokens (V·(V − 1) free parameters: 999,000 for V = 1,000) fitted by the interpreter
/// from a CSV of (prev, next) pairs, in closed form with its blocked standard errors.
/// Times reading and building the model, and the fit, against the baseline measured in
/// the same run: counting the pairs and normalising each row by hand (the same answer).
/// The script asserts a few estimates against the hand counts; prints `ratio_to_count`.
enum BigramBenchmark {
    static func run(vocabulary v: Int, tokens n: Int) {
        // A Zipf-like random walk: token k with probability ∝ 1/k (fixed seed).
        var rng = SplitMix64(seed: 17)
        let weights = (1...v).map { 1 / Double($0) }
        let cumulative = weights.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
        let walk = (0...n).map { _ -> Int in
            let u = rng.uniform() * (cumulative.last ?? 1)
            var (lo, hi) = (0, v - 1)
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
            }
            return lo + 1
        }
        let pairs = Array(zip(walk.dropLast(), walk.dropFirst()))
        var counts = [Double](repeating: 0, count: v * v)
        let baseline = seconds {
            counts = [Double](repeating: 0, count: v * v)
            for (a, b) in pairs { counts[(a - 1) * v + b - 1] += 1 }
            for i in 0..<v {
                let total = counts[(i * v)..<((i + 1) * v)].reduce(0, +)
                if total > 0 { for j in 0..<v { counts[i * v + j] /= total } }
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mle-bench-bigram.csv").path
        let csv = "prev,next\n" + pairs.map { "\($0.0),\($0.1)" }.joined(separator: "\n") + "\n"
        _ = FileManager.default.createFile(atPath: path, contents: csv.data(using: .utf8))
        var failed = false
        let session = Session { output in
            if case .diagnostic(let d) = output, d.isError {
                print(TextRenderer().render(output))
                failed = true
            }
        }
        let build = seconds {
            session.run(
                source: """
                    data d = csv("\(path)")
                    param P : simplex[\(v), \(v)]
                    model m: d.next ~ Categorical(P[d.prev])
                    """)
        }
        let fit = seconds { session.run(source: "fit m") }
        // Every checked component equals the hand count exactly (one division each).
        let checks = [(1, 1), (1, 2), (2, 1), (v / 2, v / 3), (v, v)].map { i, j in
            "assert P[\(i), \(j)] == \(counts[(i - 1) * v + j - 1])"
        }
        session.run(source: checks.joined(separator: "\n") + "\nassert se(P[1, 2]) > 0")
        print("vocabulary: \(v), pairs: \(pairs.count), parameters: \(v * v) (\(v * (v - 1)) free)")
        print("read + build the model: \(String(format: "%.3f", build)) s")
        print("fit (closed form, blocked standard errors, report): \(String(format: "%.3f", fit)) s")
        print("count and normalise by hand: \(String(format: "%.4f", baseline)) s")
        print(failed ? "FAILED" : "estimates match the hand counts")
        print("ratio_to_count: \(String(format: "%.1f", fit / baseline))")
    }
}
