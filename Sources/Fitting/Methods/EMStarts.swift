import Interrupt
import Model

/// `fit using em(starts: S, seed: s)`: EM from S starts — the declared start values, then
/// S − 1 random ones — each polished by Newton's method, and the distinct local maxima
/// they reach listed with their ℓ and how many starts reached each; the fit reported is
/// the one with the highest ℓ. A mixture's likelihood has several local maxima (two
/// crossing regression lines against two parallel ones), and EM climbs to whichever its
/// start leads to, so comparing starts is the only way to see them.
///
/// A random start is derived from the model, not from its families: for each component,
/// a few rows drawn at random (without replacement, across components: as many as the
/// component has parameters of its own, plus three) get responsibility 1 for it and the
/// other rows 0, and one M-step fits each component to its rows (flexmix's and mixtools'
/// random-subset starts). A draw that leaves a component degenerate (σ̂ = 0 on tied rows)
/// is drawn again, at most `redraws` times. Starts that end in a collapsing or empty
/// component are counted and the first such error is quoted.
struct EMStarts {
    let method: EMMethod
    let problem: FitProblem
    let data: CompleteData
    let mStep: MStep
    let check: MixtureCheck
    static let redraws = 10
    /// Two polished maxima with ℓ within this (relative) are candidates for the same one.
    static let sameValue = 1e-8

    /// One local maximum: its estimate (components in order), ℓ, and the starts that reached it.
    struct Optimum {
        let estimate: [Double]
        let value: Double
        var starts: [Int]
    }

    init(method: EMMethod, problem: FitProblem, data: CompleteData, mStep: MStep) {
        self.method = method
        self.problem = problem
        self.data = data
        self.mStep = mStep
        check = MixtureCheck(model: problem.model, data: data)
    }

    func solve() throws -> Solution {
        let source = RandomSource(seed: UInt64(method.seed))
        var quiet = problem
        quiet.onIteration = nil
        var optima: [Optimum] = []
        var best: (solution: Solution, value: Double)?
        var failures: [FitError] = []
        var undrawn = 0
        for s in 1...method.starts {
            if Interrupt.requested { throw Interrupted() }
            var start: [Double]?
            if s > 1 {
                start = randomStart(source)
                if start == nil {
                    undrawn += 1
                    continue
                }
            }
            do {
                let solution = try method.fit(s == 1 ? problem : quiet, data, mStep, from: start)
                let value = problem.model.evaluate(solution.estimate, order: 0, withPrior: problem.withPrior).value
                EMStarts.record(solution.estimate, value, start: s, into: &optima)
                // The earliest start at the highest maximum: starts at the same maximum agree in ℓ
                // only to rounding, which must not pick the fit (and its iteration counts) reported.
                if (best.map { value > $0.value + EMStarts.sameValue * max(1, abs(value)) }) ?? true {
                    best = (solution, value)
                }
            } catch let error as FitError where error.kind != .internal && error.kind != .invalidRequest {
                failures.append(error)
            }
        }
        guard var (solution, _) = best else {
            throw failures.first ?? FitError(.notConverged, FittingMessage.emNoStart(method.starts))
        }
        solution.notes += notes(optima.sorted { $0.value > $1.value }, failures: failures, undrawn: undrawn)
        return solution
    }

    /// Adds an estimate to the optimum it is (the same ℓ to 10⁻⁸ relative and every
    /// coordinate to 10⁻⁵ relative: a polished maximum is reproduced to ~10⁻¹² from any start
    /// in its basin, while distinct maxima differ in ℓ by far more), or as a new one.
    static func record(_ estimate: [Double], _ value: Double, start: Int, into optima: inout [Optimum]) {
        for j in optima.indices {
            let o = optima[j]
            guard abs(o.value - value) <= sameValue * max(1, abs(value)) else { continue }
            let same = zip(o.estimate, estimate).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($0)) }
            if same {
                optima[j].starts.append(start)
                return
            }
        }
        optima.append(Optimum(estimate: estimate, value: value, starts: [start]))
    }

    /// A random start: each component fitted by one M-step to a few rows drawn for it.
    func randomStart(_ source: RandomSource) -> [Double]? {
        let model = problem.model
        for _ in 0..<EMStarts.redraws {
            var all: [[[Double]]] = []
            for (t, parts) in data.components.enumerated() {
                let rows = model.terms[t].rows
                var r = [[Double]](repeating: [Double](repeating: 0, count: rows), count: parts.count)
                var pool = Array(0..<rows)
                for part in parts {
                    let size = check.ownParameters(part) + 3
                    for _ in 0..<min(size, pool.count) {
                        let j = source.index(below: pool.count)
                        r[part.index][pool[j]] = 1
                        pool.swapAt(j, pool.count - 1)
                        pool.removeLast()
                    }
                }
                all.append(r)
            }
            data.assign(all)
            let next = mStep.maximise(from: model.layout.start)
            if next.allSatisfy(\.isFinite), check.atEdge(next) == nil, !check.identical(next) { return next }
        }
        return nil
    }

    func notes(_ optima: [Optimum], failures: [FitError], undrawn: Int) -> [String] {
        let layout = problem.model.layout
        var notes = [
            FittingMessage.emStartsFound(
                starts: method.starts, seed: method.seed, optima: optima.count, failed: failures.count,
                undrawn: undrawn)
        ]
        for (j, o) in optima.enumerated() {
            let values = o.estimate.indices.map { (layout.slotName($0), o.estimate[$0]) }
            notes.append(
                FittingMessage.emLocalMaximum(j + 1, of: optima.count, value: o.value, starts: o.starts, values))
        }
        if let first = failures.first { notes.append(FittingMessage.emFailedStart(failures.count, first.message)) }
        return notes
    }
}
