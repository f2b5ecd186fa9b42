import Foundation
import LinearAlgebra

/// The last few evaluations of ℓ, by θ and order, so that asking again at the same point
/// costs nothing: a solver's last accepted step is where the fit's checks, ℓ̂ and the
/// covariance are then computed, and each of those would otherwise read every row again.
///
/// A hit needs θ equal bit for bit (not within a tolerance: a different θ is a different
/// answer) and an entry of at least the order asked for; the answer is cut down to that
/// order (order 0: ∇ℓ zero and no Hessian; order 1: no Hessian), exactly as a fresh
/// evaluation of that order returns it. Entries whose Hessian is larger than
/// `hessianLimit` numbers are not kept (a copy of a 4000×4000 matrix costs more memory
/// than the pass it saves costs time). Thread-safe: a lock guards the entries.
final class EvaluationCache: @unchecked Sendable {
    private struct Entry {
        let theta: [Double]
        let order: Int
        let evaluation: LogLikelihood.Evaluation
    }
    private var entries: [Entry] = []
    private let lock = NSLock()
    /// How many evaluations are kept: the last order-2 one survives the line search's and
    /// the checks' order-0 trials around it.
    static let capacity = 3
    static let hessianLimit = 1 << 20

    /// The remembered evaluation at θ of at least `order`, cut to `order`; nil if none.
    func lookup(_ theta: [Double], order: Int) -> LogLikelihood.Evaluation? {
        lock.lock()
        defer { lock.unlock() }
        guard let index = entries.lastIndex(where: { $0.order >= order && EvaluationCache.same($0.theta, theta) })
        else { return nil }
        let e = entries[index].evaluation
        switch order {
        case 2...: return e
        case 1:
            return LogLikelihood.Evaluation(value: e.value, gradient: e.gradient, hessian: Matrix(rows: 0, columns: 0))
        default:
            return LogLikelihood.Evaluation(
                value: e.value, gradient: [Double](repeating: 0, count: e.gradient.count),
                hessian: Matrix(rows: 0, columns: 0))
        }
    }

    /// Remembers an evaluation (dropping the oldest beyond `capacity`).
    func store(_ theta: [Double], order: Int, _ evaluation: LogLikelihood.Evaluation) {
        guard evaluation.hessian.elements.count <= EvaluationCache.hessianLimit else { return }
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll { $0.order <= order && EvaluationCache.same($0.theta, theta) }
        entries.append(Entry(theta: theta, order: order, evaluation: evaluation))
        // The oldest goes first, except the newest order-2 entry: the solver's last step, where
        // the covariance and the precision check are computed after the checks' order-0 probes.
        while entries.count > EvaluationCache.capacity {
            let newestSecond = entries.lastIndex { $0.order == 2 }
            entries.remove(at: newestSecond == 0 ? 1 : 0)
        }
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll()
    }

    /// Equal bit for bit (so −0 ≠ +0 and a NaN equals the same NaN: the evaluation sees the bits).
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}

/// Counts of ℓ's evaluations, for mle-bench and the tests: how many were asked for (by
/// order), how many were answered from the cache, and how many passes over the rows the
/// per-row part (the compiled tapes) actually made. Thread-safe.
public final class EvaluationCounters: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = [0, 0, 0]
    private var cachedCount = 0
    private var passes = [0, 0, 0]

    public struct Snapshot: Sendable, Equatable {
        /// Evaluations asked for, by order 0, 1, 2.
        public var requested: [Int]
        /// Of those, answered from the cache.
        public var cached: Int
        /// Passes over the rows (one per per-row term per evaluation computed), by order.
        public var rowPasses: [Int]
        public var totalRequested: Int { requested.reduce(0, +) }
        public var totalRowPasses: Int { rowPasses.reduce(0, +) }
    }

    func record(cached: Bool, order: Int, rowPasses: Int) {
        let o = min(max(order, 0), 2)
        lock.lock()
        defer { lock.unlock() }
        requested[o] += 1
        if cached { cachedCount += 1 }
        passes[o] += rowPasses
    }

    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return Snapshot(requested: requested, cached: cachedCount, rowPasses: passes)
    }

    public func reset() {
        lock.lock()
        defer { lock.unlock() }
        requested = [0, 0, 0]
        cachedCount = 0
        passes = [0, 0, 0]
    }
}
