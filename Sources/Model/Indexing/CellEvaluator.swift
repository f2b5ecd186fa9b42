import Foundation
import LinearAlgebra
import Symbolic

/// Where a Hessian's entries go: a dense matrix, or a sparse table for a model whose
/// parameters only meet within groups (a 1,000-token bigram model has 10⁶ of them).
public protocol HessianAccumulator {
    mutating func add(_ i: Int, _ j: Int, _ value: Double)
}

extension Matrix: HessianAccumulator {
    @inline(__always)
    public mutating func add(_ i: Int, _ j: Int, _ value: Double) { self[i, j] += value }
}

/// A symmetric matrix kept as its diagonal (dense: one number per slot) and its non-zero
/// off-diagonal entries, for Hessians too large to form densely (a 1,000-token bigram model
/// has 10⁶ parameters, and its Hessian is diagonal).
public struct SparseSymmetric: HessianAccumulator, Sendable {
    public let size: Int
    public private(set) var diagonal: [Double]
    /// Off-diagonal entries by i·size + j (both triangles).
    public private(set) var offDiagonal: [Int: Double] = [:]

    public init(size: Int) {
        self.size = size
        diagonal = [Double](repeating: 0, count: size)
    }

    @inline(__always)
    public mutating func add(_ i: Int, _ j: Int, _ value: Double) {
        if i == j {
            diagonal[i] += value
        } else {
            offDiagonal[i * size + j, default: 0] += value
        }
    }

    public subscript(i: Int, j: Int) -> Double { i == j ? diagonal[i] : offDiagonal[i * size + j] ?? 0 }

    /// The non-zero off-diagonal entries as (i, j, value).
    public var offDiagonalEntries: [(Int, Int, Double)] {
        offDiagonal.compactMap { key, v in v == 0 ? nil : (key / size, key % size, v) }
    }
}

/// A grouped term's template T, its gradient and its Hessian in the selectors and
/// parameters, compiled into one tape and run over the cells as a tape runs over rows:
/// each cell's statistics, count and picked components are its inputs. The gradient of a
/// selector goes to the slot it picks in that cell (∂ℓ/∂μₖ is cell k's ∂T/∂μ), a
/// parameter's is summed over the cells.
final class CellEvaluator: @unchecked Sendable {
    /// The term this evaluator belongs to: it is the term's (lazy) `evaluator`, so the
    /// reference back is unowned (a strong one was a cycle that kept every model's
    /// expression store alive after the model was gone).
    unowned let group: GroupedTerm
    /// The derivative variables: the template's selectors, then its parameters.
    let variables: [Symbol]
    var tapes: [Int: (Tape, TapeRunner, [(Int, Int)])] = [:]
    /// The cell-level symbols and the column symbols that stand for them in the tape.
    let columnOf: [Symbol: Symbol]
    static let blockSize = 1024
    /// Column symbols for cell inputs are numbered from here, clear of the model's data columns.
    static let firstColumn = 2_000_000

    init(_ group: GroupedTerm) {
        self.group = group
        let symbols = group.form.value.symbols
        let selectors = symbols.filter { if case .selected = $0 { return true } else { return false } }.sorted()
        let parameters = symbols.filter { if case .parameter = $0 { return true } else { return false } }.sorted()
        variables = selectors + parameters
        var columnOf: [Symbol: Symbol] = [:]
        let cellLevel = symbols.filter {
            switch $0 {
            case .count, .statistic, .pilot, .selected: return true
            default: return false
            }
        }.sorted()
        // Each group term its own column symbols, named after what they stand for (the tape's listing).
        let store = group.form.value.store
        for (k, s) in cellLevel.enumerated() {
            let column = Symbol.column(CellEvaluator.firstColumn + 10_000 * group.term + k)
            columnOf[s] = column
            store.names[column] = store.name(of: s)
        }
        self.columnOf = columnOf
    }

    /// The tape for `order`, compiled on first use: T; then ∂T/∂v; then ∂²T/∂v_a∂v_b (a ≤ b).
    func tape(_ order: Int) -> (Tape, TapeRunner, [(Int, Int)]) {
        if let t = tapes[order] { return t }
        let value = group.form.value
        var outputs = [value]
        var pairs: [(Int, Int)] = []
        if order >= 1 { outputs += variables.map { value.derivative(withRespectTo: $0) } }
        if order >= 2 {
            for a in variables.indices {
                for b in a..<variables.count {
                    pairs.append((a, b))
                    outputs.append(outputs[1 + a].derivative(withRespectTo: variables[b]))
                }
            }
        }
        let substitution = columnOf.mapValues { value.store.symbol($0) }
        let tape = Tape(outputs: outputs.map { $0.substituting(substitution) })
        let entry = (tape, TapeRunner(tape: tape, blockSize: CellEvaluator.blockSize), pairs)
        tapes[order] = entry
        return entry
    }

    /// Adds Σ_c T (and its gradient, and its Hessian into `hessian` when given) at θ.
    func accumulate<H: HessianAccumulator>(
        _ theta: [Double], order: Int, scalars: [Symbol: Double], value: inout Double, gradient: inout [Double],
        hessian: inout H
    ) {
        let (tape, runner, pairs) = tape(order)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate(scalars) })
        let symbolOfColumn = Dictionary(uniqueKeysWithValues: columnOf.map { ($1, $0) })
        let inputs = tape.rowInputs.map { symbolOfColumn[$0.symbol] }
        let slots = variables.map { group.slots[$0] }
        // The picked components of each block of cells, gathered from θ.
        let gathered = inputs.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: CellEvaluator.blockSize) }
        defer { gathered.forEach { $0.deallocate() } }
        let cells = group.cellCount
        var start = 0
        while start < cells {
            let n = min(CellEvaluator.blockSize, cells - start)
            bind(inputs, gathered, runner, theta, start, n)
            runner.run(count: n)
            let out0 = runner.output(0)
            for c in 0..<n { value += out0[c] }
            if order >= 1 {
                for (a, picked) in slots.enumerated() {
                    let out = runner.output(1 + a)
                    for c in 0..<n { gradient[slot(a, picked, start + c)] += out[c] }
                }
            }
            if order >= 2 {
                for (p, (a, b)) in pairs.enumerated() {
                    let out = runner.output(1 + variables.count + p)
                    for c in 0..<n {
                        let (i, j) = (slot(a, slots[a], start + c), slot(b, slots[b], start + c))
                        hessian.add(i, j, out[c])
                        if a != b { hessian.add(j, i, out[c]) }
                    }
                }
            }
            start += n
        }
    }

    /// Each cell's T at θ (to find a group whose rows ℓ says are impossible).
    func perCell(_ theta: [Double], scalars: [Symbol: Double]) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(group.cellCount)
        // Cell by cell through the order-0 tape: run blocks, keep the per-cell outputs.
        let (tape, runner, _) = tape(0)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate(scalars) })
        let symbolOfColumn = Dictionary(uniqueKeysWithValues: columnOf.map { ($1, $0) })
        let inputs = tape.rowInputs.map { symbolOfColumn[$0.symbol] }
        let gathered = inputs.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: CellEvaluator.blockSize) }
        defer { gathered.forEach { $0.deallocate() } }
        var start = 0
        while start < group.cellCount {
            let n = min(CellEvaluator.blockSize, group.cellCount - start)
            bind(inputs, gathered, runner, theta, start, n)
            runner.run(count: n)
            let o = runner.output(0)
            for c in 0..<n { out.append(o[c]) }
            start += n
        }
        return out
    }

    /// Binds one block's inputs: statistics from the cells, picked components gathered from θ.
    func bind(
        _ inputs: [Symbol?], _ gathered: [UnsafeMutablePointer<Double>], _ runner: TapeRunner, _ theta: [Double],
        _ start: Int, _ n: Int
    ) {
        for (k, input) in inputs.enumerated() {
            guard let input else { continue }
            if case .selected = input, let picked = group.slots[input] {
                for c in 0..<n { gathered[k][c] = theta[Int(picked[start + c])] }
                runner.bind(k, to: gathered[k])
            } else if let column = group.values[input] {
                column.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress! + start) }
            }
        }
    }

    /// The θ slot of variable a in cell c: the one its selector picks, or the parameter's own.
    @inline(__always)
    func slot(_ a: Int, _ picked: [Int32]?, _ c: Int) -> Int {
        if let picked { return Int(picked[c]) }
        if case .parameter(let i) = variables[a] { return i }
        return 0
    }
}

extension GroupedTerm {
    /// Expressions in the cells' counts, pilots and statistics evaluated for every cell
    /// (the closed-form solutions, μ̂ₖ = Σ_{class=k} x/nₖ, per group), through one tape.
    public func perCell(_ expressions: [Expr]) -> [[Double]] {
        guard let store = expressions.first?.store else { return [] }
        let symbols = Set(expressions.flatMap(\.symbols)).filter {
            switch $0 {
            case .count, .statistic, .pilot: return true
            default: return false
            }
        }.sorted()
        var columnOf: [Symbol: Expr] = [:]
        for (k, s) in symbols.enumerated() { columnOf[s] = store.symbol(.column(CellEvaluator.firstColumn + k)) }
        let tape = Tape(outputs: expressions.map { $0.substituting(columnOf) })
        let runner = TapeRunner(tape: tape, blockSize: CellEvaluator.blockSize)
        runner.setScalars(tape.scalarInputs.map { $0.expr.evaluate([:]) })
        let inputs = tape.rowInputs.map { input in symbols.first { columnOf[$0]?.symbol == input.symbol } }
        var out = expressions.map { _ in [Double](repeating: 0, count: cellCount) }
        var start = 0
        while start < cellCount {
            let n = min(CellEvaluator.blockSize, cellCount - start)
            for (k, input) in inputs.enumerated() {
                guard let input, let column = values[input] else { continue }
                column.withUnsafeBufferPointer { runner.bind(k, to: $0.baseAddress! + start) }
            }
            runner.run(count: n)
            for e in expressions.indices {
                let o = runner.output(e)
                for c in 0..<n { out[e][start + c] = o[c] }
            }
            start += n
        }
        return out
    }
}
