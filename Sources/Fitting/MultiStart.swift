import Foundation
import Inference
import Model

/// `fit using newton(starts: 20, seed: 1)`, and the same for any iterative method:
/// the method run from many starts, and the distinct optima it reached.
///
/// The first start is the params' declared start. The others are a Latin hypercube
/// (each slot's range cut into as many strata as there are starts, one draw per
/// stratum, the strata shuffled per slot by GSL's Mersenne Twister seeded with
/// `seed`), mapped onto each slot's domain: uniform over an interval (a, b);
/// log-uniform from 1/100 to 100 times the distance to the bound for > a or < b
/// (measured at the first estimate, else the start); uniform within ±R of the first
/// estimate for an unbounded slot, R = max(10·|θ̂|, 20·se, 1). Optima are the same
/// when ℓ agrees to 10⁻⁸ relative and every slot to 10⁻³ of its standard error.
struct MultiStart {
    let count: Int
    let seed: UInt64

    /// The options a script gives any iterative method.
    static let optionNames = ["starts", "seed"]

    init(options: [String: Double]) throws {
        let k = options["starts"] ?? 1
        guard k >= 1, k == k.rounded(), k <= 10_000 else { throw FitError(.invalidRequest, FittingMessage.starts(k)) }
        let s = options["seed"] ?? 1
        guard s >= 0, s == s.rounded(), s < 1.8e19 else { throw FitError(.invalidRequest, FittingMessage.seed(s)) }
        count = Int(k)
        seed = UInt64(s)
    }

    /// The method from every start; the best optimum's solution, with the optima listed.
    func solve(_ problem: FitProblem, _ method: any FitMethod) throws -> Solution {
        var runs: [Result<Solution, FitError>] = []
        runs.append(try run(problem, method, start: nil))
        var first: (theta: [Double], se: [Double?])?
        if case .success(let s) = runs[0] { first = (s.estimate, standardErrors(problem, s.estimate)) }
        var quiet = problem
        quiet.onIteration = nil
        for start in starts(problem, around: first) { runs.append(try run(quiet, method, start: start)) }
        return try summarise(problem, runs)
    }

    /// One start's solution, or its error (a stop asked for ends the whole multi-start).
    func run(_ problem: FitProblem, _ method: any FitMethod, start: [Double]?) throws -> Result<Solution, FitError> {
        var p = problem
        if let start { p.start = start }
        do { return .success(try method.solve(p)) } catch let e as FitError { return .failure(e) }
    }

    /// Standard errors at θ from −∇²ℓ's diagonal inverse (only to size the spread of starts).
    func standardErrors(_ problem: FitProblem, _ theta: [Double]) -> [Double?] {
        let h = problem.model.evaluate(theta, order: 2, withPrior: problem.withPrior).hessian
        let free = (0..<theta.count)
        guard case .success(let c) = Uncertainty.covariance(hessian: h, free: Array(free)) else {
            return theta.map { _ in nil }
        }
        return free.map { c[$0, $0] > 0 ? c[$0, $0].squareRoot() : nil }
    }

    /// The count − 1 further starts, a Latin hypercube over the slots' domains.
    func starts(_ problem: FitProblem, around first: (theta: [Double], se: [Double?])?) -> [[Double]] {
        let n = count - 1
        guard n > 0 else { return [] }
        let layout = problem.layout
        let declared = problem.startTheta
        let draws = SeededUniform(seed: seed)
        var starts = [[Double]](repeating: declared, count: n)
        for slot in 0..<layout.count where problem.fixed[slot] == nil {
            let strata = draws.permutation(n)
            let entry = layout.owner(slot)
            let centre = first?.theta[slot] ?? declared[slot]
            let se = first?.se[slot] ?? nil
            for k in 0..<n {
                let v = (Double(strata[k]) + draws.next()) / Double(n)
                starts[k][slot] = MultiStart.place(v, lower: entry?.lower, upper: entry?.upper, centre: centre, se: se)
            }
        }
        return starts
    }

    /// v ∈ (0, 1) placed on a slot's domain (see the type's comment).
    static func place(_ v: Double, lower: Double?, upper: Double?, centre: Double, se: Double?) -> Double {
        switch (lower, upper) {
        case (let a?, let b?): return a + (b - a) * v
        case (let a?, nil):
            let c = centre - a > 0 ? centre - a : 1
            return a + c * Foundation.exp(Foundation.log(100) * (2 * v - 1))
        case (nil, let b?):
            let c = b - centre > 0 ? b - centre : 1
            return b - c * Foundation.exp(Foundation.log(100) * (2 * v - 1))
        case (nil, nil):
            let r = max(10 * abs(centre), 20 * (se ?? 0), 1)
            return centre + r * (2 * v - 1)
        }
    }

    /// The best optimum's solution, carrying the list of distinct optima and of failures.
    func summarise(_ problem: FitProblem, _ runs: [Result<Solution, FitError>]) throws -> Solution {
        var optima: [(solution: Solution, value: Double, count: Int)] = []
        var failures: [String: Int] = [:]
        var firstError: FitError?
        for run in runs {
            switch run {
            case .failure(let e):
                failures[e.message, default: 0] += 1
                if firstError == nil { firstError = e }
            case .success(let s):
                let value = problem.model.evaluate(s.estimate, order: 0, withPrior: problem.withPrior).value
                let scales = standardErrors(problem, s.estimate)
                if let i = optima.firstIndex(where: { same($0.solution.estimate, $0.value, s.estimate, value, scales) })
                {
                    optima[i].count += 1
                } else {
                    optima.append((s, value, 1))
                }
            }
        }
        guard let best = optima.indices.max(by: { optima[$0].value < optima[$1].value }) else {
            throw firstError ?? FitError(.internal, "no start was run")
        }
        var solution = optima[best].solution
        let ordered = optima.sorted { $0.value > $1.value }
        solution.multiStart = MultiStartSummary(
            starts: count, seed: seed,
            optima: ordered.map {
                ($0.value, $0.solution.estimate, $0.count, $0.solution.boundary.keys.sorted(), $0.solution.converged)
            },
            failures: failures.sorted { $0.value > $1.value }.map { ($0.key, $0.value) },
            firstStartReachedBest: runs.first.map {
                if case .success(let s) = $0 { return s.estimate == solution.estimate } else { return false }
            } ?? false)
        return solution
    }

    /// Two optima are one when ℓ agrees to 10⁻⁸ relative and each slot to 10⁻³ standard errors
    /// (or 10⁻⁶ of its size where there is no standard error).
    func same(_ a: [Double], _ la: Double, _ b: [Double], _ lb: Double, _ scales: [Double?]) -> Bool {
        guard abs(la - lb) <= 1e-8 * max(1, abs(la)) else { return false }
        for i in a.indices {
            let scale = scales[i].map { 1e-3 * $0 } ?? 1e-6 * max(1, abs(a[i]))
            if !(abs(a[i] - b[i]) <= scale) { return false }
        }
        return true
    }
}

/// What a multi-start fit found: the distinct optima, best first, with ℓ, the estimate,
/// how many starts reached each and the slots on their boundary; and the failed starts.
public struct MultiStartSummary: Sendable {
    public let starts: Int
    public let seed: UInt64
    public let optima: [(logLikelihood: Double, estimate: [Double], count: Int, boundary: [Int], converged: Bool)]
    public let failures: [(reason: String, count: Int)]
    /// Whether the declared start alone would have found the best optimum.
    public let firstStartReachedBest: Bool
}
