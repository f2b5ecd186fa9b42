import Foundation
import LinearAlgebra
import Symbolic

/// Evaluates one term's row-coupled remainder Σᵢ R(rowᵢ, θ, η) and its exact
/// derivatives with compiled tapes over blocks of rows; the linear-predictor
/// layer (Xᵀ·∂R/∂η, Xᵀ·diag(∂²R/∂η²)·X) goes through BLAS on each block while
/// it is in cache, so X is read from memory once per evaluation.
final class TermEvaluator: @unchecked Sendable {
    let remainder: Expr
    let rows: Int
    let columns: [Symbol: [Double]]
    let predictors: [LinearPredictor]
    /// The derivative variables: scalar parameters in R, then the linear predictors, then the
    /// components picked per row by data (each a one-hot "predictor": gathered from θ by the
    /// row's index, its derivatives scattered back to the slot it picked).
    let scalarParameters: [Symbol]
    let predictorSymbols: [Symbol]
    let selectors: [RowSelector]
    var tapes: [Int: (Tape, [TapeRunner], [(Int, Int)])] = [:]
    static let blockSize = 1024

    init(
        remainder: Expr, rows: Int, columns: [Symbol: [Double]], predictors: [LinearPredictor],
        selectors: [RowSelector] = []
    ) {
        // A selector takes a value per row here: it becomes a row-level symbol of the tape.
        let store = remainder.store
        self.remainder = remainder.substituting(
            Dictionary(uniqueKeysWithValues: selectors.map { ($0.symbol, store.symbol($0.rowSymbol)) }))
        self.rows = rows
        self.columns = columns
        let symbols = remainder.symbols
        scalarParameters = symbols.filter { if case .parameter = $0 { return true } else { return false } }.sorted()
        let used = predictors.filter { symbols.contains($0.symbol) }
        self.predictors = used
        predictorSymbols = used.map(\.symbol)
        self.selectors = selectors
    }

    var variables: [Symbol] { scalarParameters + predictorSymbols + selectors.map(\.rowSymbol) }

    /// The tape for `order` (0: R; 1: R and ∂R; 2: also ∂²R), compiled on first use, with one
    /// runner per chunk of rows.
    func tape(_ order: Int) -> (Tape, [TapeRunner], [(Int, Int)]) {
        if let t = tapes[order] { return t }
        var outputs = [remainder]
        var pairs: [(Int, Int)] = []
        let vars = variables
        if order >= 1 { outputs += vars.map { remainder.derivative(withRespectTo: $0) } }
        if order >= 2 {
            for a in vars.indices {
                for b in a..<vars.count {
                    pairs.append((a, b))
                    outputs.append(outputs[1 + a].derivative(withRespectTo: vars[b]))
                }
            }
        }
        let tape = Tape(outputs: outputs)
        let runners = chunks.map { _ in TapeRunner(tape: tape, blockSize: TermEvaluator.blockSize) }
        let entry = (tape, runners, pairs)
        tapes[order] = entry
        return entry
    }

    /// Row ranges evaluated in parallel: one per core for large data, else one.
    lazy var chunks: [Range<Int>] = RowBlocks.chunks(
        rows: rows, blockSize: TermEvaluator.blockSize, width: predictors.reduce(0) { $0 + $1.length })

    /// What one chunk of rows adds.
    struct Partial {
        var sums: [Double]
        var gradient: [Double]
        var hessian: Matrix
    }

    /// Adds this term's value (and gradient, Hessian) at θ into the accumulators; chunks of rows
    /// run on separate cores and are merged in order, so the result does not depend on timing.
    func accumulate(
        _ theta: [Double], order: Int, scalars: [Symbol: Double],
        value: inout Double, gradient: inout [Double], hessian: inout Matrix
    ) {
        let (tape, runners, pairs) = tape(order)
        let inputs = tape.scalarInputs.map { $0.expr.evaluate(scalars) }
        let p = gradient.count
        let empty = Partial(
            sums: [Double](repeating: 0, count: tape.outputs.count),
            gradient: [Double](repeating: 0, count: p),
            hessian: Matrix(rows: order >= 2 ? p : 0, columns: order >= 2 ? p : 0))
        var partials = [Partial](repeating: empty, count: chunks.count)
        let ranges = chunks
        partials.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            nonisolated(unsafe) let chunkRunners = runners
            DispatchQueue.concurrentPerform(iterations: ranges.count) { c in
                chunkRunners[c].setScalars(inputs)
                self.accumulateChunk(ranges[c], chunkRunners[c], theta, order, pairs, &out[c])
            }
        }
        let nScalar = scalarParameters.count
        let vars = variables
        var sums = [Double](repeating: 0, count: tape.outputs.count)
        for part in partials {
            for k in sums.indices { sums[k] += part.sums[k] }
            for i in 0..<p { gradient[i] += part.gradient[i] }
            if order >= 2 { for i in 0..<(p * p) { hessian.elements[i] += part.hessian.elements[i] } }
        }
        value += sums[0]
        if order >= 1 {
            for (j, s) in scalarParameters.enumerated() { gradient[slot(s)] += sums[1 + j] }
        }
        if order >= 2 {
            mirrorPredictorBlocks(pairs, nScalar, &hessian)
            for (pairIndex, (a, b)) in pairs.enumerated() where a < nScalar && b < nScalar {
                let (i, j) = (slot(scalarParameters[a]), slot(scalarParameters[b]))
                hessian[i, j] += sums[1 + vars.count + pairIndex]
                if i != j { hessian[j, i] += sums[1 + vars.count + pairIndex] }
            }
        }
    }

    /// One chunk: blocks of rows through the tape, with the predictor layer on BLAS.
    func accumulateChunk(
        _ range: Range<Int>, _ runner: TapeRunner, _ theta: [Double], _ order: Int,
        _ pairs: [(Int, Int)], _ partial: inout Partial
    ) {
        let tape = runner.tape
        let vars = variables
        let nScalar = scalarParameters.count
        var eta = predictors.map { _ in [Double](repeating: 0, count: TermEvaluator.blockSize) }
        var scaled = [Double](
            repeating: 0, count: (TermEvaluator.blockSize + TermEvaluator.columnPadding) * (predictors.map(\.length).max() ?? 0))
        let columnSlots = RowBlocks.inputSources(tape, columns: columns, predictors: predictorSymbols)
        let selectorSlots = tape.rowInputs.enumerated().compactMap { k, input -> (Int, Int)? in
            selectors.firstIndex { $0.rowSymbol == input.symbol }.map { (k, $0) }
        }
        let picked = selectors.map { _ in UnsafeMutablePointer<Double>.allocate(capacity: TermEvaluator.blockSize) }
        defer { picked.forEach { $0.deallocate() } }
        // Outputs reduced by summing: ℓ, the scalar-parameter derivatives and their second derivatives
        // (the predictor ones go through BLAS instead).
        let summed =
            [0] + (order >= 1 ? Array(1...max(1, nScalar)).filter { $0 <= nScalar } : [])
            + pairs.enumerated().filter { $0.element.0 < nScalar && $0.element.1 < nScalar }.map {
                1 + vars.count + $0.offset
            }
        var start = range.lowerBound
        while start < range.upperBound {
            let n = min(TermEvaluator.blockSize, range.upperBound - start)
            RowBlocks.predict(predictors, theta, start: start, count: n, into: &eta)
            RowBlocks.bind(runner, columnSlots, eta: eta, start: start)
            for (k, s) in selectorSlots {
                let slots = selectors[s].slots
                for i in 0..<n { picked[s][i] = theta[Int(slots[start + i])] }
                runner.bind(k, to: picked[s])
            }
            runner.run(count: n)
            for k in summed { partial.sums[k] += RowBlocks.sum(runner, output: k, count: n) }
            if order >= 1 {
                for (j, p) in predictors.enumerated() {
                    addTransposed(
                        p, start, n, runner.output(1 + nScalar + j), into: &partial.gradient, offset: p.offset)
                }
                for (j, s) in selectors.enumerated() {
                    let out = runner.output(1 + nScalar + predictors.count + j)
                    for i in 0..<n { partial.gradient[Int(s.slots[start + i])] += out[i] }
                }
            }
            if order >= 2 {
                for (pairIndex, (a, b)) in pairs.enumerated() {
                    let out = runner.output(1 + vars.count + pairIndex)
                    if b >= nScalar + predictors.count {
                        selectorHessian(a, b, nScalar, out, start, n, &partial.hessian)
                    } else {
                        blockHessian(a, b, nScalar, out, start, n, &partial.hessian, &scaled)
                    }
                }
            }
            start += n
        }
    }

    /// One block's contribution to the Hessian for a pair (a, b) whose second is a picked
    /// component: h per row goes to (slot of a, slot b picks) and its mirror, a predictor's
    /// through its row of X.
    func selectorHessian(
        _ a: Int, _ b: Int, _ nScalar: Int, _ h: UnsafePointer<Double>, _ start: Int, _ n: Int,
        _ hessian: inout Matrix
    ) {
        let nPredictors = predictors.count
        let right = selectors[b - nScalar - nPredictors].slots
        func both(_ i: Int, _ j: Int, _ v: Double) {
            hessian[i, j] += v
            if i != j || a != b { hessian[j, i] += v }
        }
        if a < nScalar {
            let i = slot(scalarParameters[a])
            for r in 0..<n { both(i, Int(right[start + r]), h[r]) }
        } else if a < nScalar + nPredictors {
            let p = predictors[a - nScalar]
            for r in 0..<n {
                let j = Int(right[start + r])
                for c in 0..<p.length { both(p.offset + c, j, h[r] * p.matrix[start + r, c]) }
            }
        } else {
            let left = selectors[a - nScalar - nPredictors].slots
            for r in 0..<n { both(Int(left[start + r]), Int(right[start + r]), h[r]) }
        }
    }

    /// The blocks written one-sidedly (upper triangles, (p, q) blocks) copied to their mirror images.
    func mirrorPredictorBlocks(_ pairs: [(Int, Int)], _ nScalar: Int, _ hessian: inout Matrix) {
        let end = nScalar + predictors.count
        for (a, b) in pairs where a >= nScalar && b >= nScalar && a < end && b < end {
            let p = predictors[a - nScalar]
            let q = predictors[b - nScalar]
            for i in 0..<p.length {
                for j in 0..<q.length {
                    let (r, c) = (p.offset + i, q.offset + j)
                    if a == b {
                        if j > i { hessian[c, r] = hessian[r, c] }
                    } else {
                        hessian[c, r] = hessian[r, c]
                    }
                }
            }
        }
    }

    func slot(_ s: Symbol) -> Int {
        if case .parameter(let i) = s { return i }
        return 0
    }

    /// g[offset...] += X_blockᵀ·d
    func addTransposed(
        _ p: LinearPredictor, _ start: Int, _ n: Int, _ d: UnsafePointer<Double>,
        into g: inout [Double], offset: Int
    ) {
        p.matrix.elements.withUnsafeBufferPointer { x in
            g.withUnsafeMutableBufferPointer { gp in
                BLAS.gemvTransposed(
                    rows: n, columns: p.length, alpha: 1, x.baseAddress! + start * p.length, d,
                    beta: 1, gp.baseAddress! + offset)
            }
        }
    }

    /// One block's contribution to the Hessian for the variable pair (a, b).
    func blockHessian(
        _ a: Int, _ b: Int, _ nScalar: Int, _ h: UnsafePointer<Double>, _ start: Int, _ n: Int,
        _ hessian: inout Matrix, _ scaled: inout [Double]
    ) {
        if a < nScalar && b < nScalar { return }  // summed in `sums`
        if a < nScalar {
            // ∂²/∂θ∂w = Xᵀ·h, into the row of θ and the column of w (and symmetric).
            let p = predictors[b - nScalar]
            let i = slot(scalarParameters[a])
            var column = [Double](repeating: 0, count: p.length)
            addTransposed(p, start, n, h, into: &column, offset: 0)
            for j in 0..<p.length {
                hessian[i, p.offset + j] += column[j]
                hessian[p.offset + j, i] += column[j]
            }
            return
        }
        let p = predictors[a - nScalar]
        let q = predictors[b - nScalar]
        hessian.elements.withUnsafeMutableBufferPointer { hp in
            p.matrix.elements.withUnsafeBufferPointer { x in
                let xb = x.baseAddress! + start * p.length
                if a == b {
                    weightedGram(
                        p, xb, h, n, hp.baseAddress! + p.offset * hessian.columns + p.offset,
                        hessian.columns, &scaled)
                } else {
                    q.matrix.elements.withUnsafeBufferPointer { z in
                        for i in 0..<n {
                            for j in 0..<q.length { scaled[i * q.length + j] = h[i] * z[(start + i) * q.length + j] }
                        }
                        scaled.withUnsafeBufferPointer { s in
                            BLAS.gemmTransposedA(
                                rows: n, aColumns: p.length, bColumns: q.length, alpha: 1, xb,
                                s.baseAddress!, beta: 1,
                                hp.baseAddress! + p.offset * hessian.columns + q.offset,
                                ldc: hessian.columns)
                        }
                    }
                }
            }
        }
    }

    /// H += Xᵀ·diag(h)·X on one block: a syrk of √|h|·X when h has one sign (the usual case:
    /// a concave log-likelihood), a gemm otherwise. Only the upper triangle is written. With
    /// few columns (`narrowGramColumns`) the syrk is k(k+1)/2 dot products of √|h|-scaled
    /// columns instead (`narrowGram`).
    func weightedGram(
        _ p: LinearPredictor, _ x: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ n: Int,
        _ c: UnsafeMutablePointer<Double>, _ ldc: Int, _ scaled: inout [Double]
    ) {
        let k = p.length
        let narrow = k <= TermEvaluator.narrowGramColumns
        // Row i, column j at i·rowStep + j·columnStep: by columns for the dot products, by rows for BLAS.
        let (rowStep, columnStep) = narrow ? (1, n + TermEvaluator.columnPadding) : (k, 1)
        let sign = scaled.withUnsafeMutableBufferPointer {
            TermEvaluator.rootScaled(x, h, n, k, $0.baseAddress!, rowStep: rowStep, columnStep: columnStep)
        }
        if let sign {
            scaled.withUnsafeBufferPointer { s in
                if narrow {
                    TermEvaluator.narrowGram(s.baseAddress!, n, k, sign, c, ldc)
                } else {
                    BLAS.syrkTransposed(rows: n, columns: k, alpha: sign, s.baseAddress!, beta: 1, c, ldc: ldc)
                }
            }
        } else {
            for i in 0..<n { for j in 0..<k { scaled[i * k + j] = h[i] * x[i * k + j] } }
            scaled.withUnsafeBufferPointer { s in
                var full = [Double](repeating: 0, count: k * k)
                BLAS.gemmTransposedA(
                    rows: n, aColumns: k, bColumns: k, alpha: 1, x, s.baseAddress!, beta: 0, &full, ldc: k)
                for i in 0..<k { for j in i..<k { c[i * ldc + j] += full[i * k + j] } }
            }
        }
    }

    /// Up to this many columns, `weightedGram` takes dot products instead of BLAS's syrk, whose
    /// packing and call cost per block outweigh the arithmetic when the Gram matrix is small.
    /// Measured (10⁶ rows, 2 cores, an order-2 pass): a Poisson regression on 5 columns 39 → 33
    /// ms, a logistic one on 10 columns 39 → 36 ms; at 16 columns the fit was 7% slower, at 32
    /// a third slower.
    static let narrowGramColumns = 12

    /// Columns written `columnPadding` apart beyond their length: at a power-of-two distance
    /// (1024 rows, 8 KiB) a row's writes to every column fall on the same 4 KiB offset, and the
    /// core stalls telling them apart.
    static let columnPadding = 8

    /// √|hᵢ|·xᵢⱼ for the block's n rows (x row-major, n × k), written to `to` + i·rowStep +
    /// j·columnStep; the sign every nonzero hᵢ shares (±1, +1 when all are 0), or nil when they
    /// differ.
    static func rootScaled(
        _ x: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ n: Int, _ k: Int, _ to: UnsafeMutablePointer<Double>,
        rowStep: Int, columnStep: Int
    ) -> Double? {
        var anyPositive = false
        var anyNegative = false
        for i in 0..<n {
            let hi = h[i]
            anyPositive = anyPositive || hi > 0
            anyNegative = anyNegative || hi < 0
            let w = Swift.abs(hi).squareRoot()
            let row = x + i * k
            let out = to + i * rowStep
            for j in 0..<k { out[j * columnStep] = w * row[j] }
        }
        if anyPositive && anyNegative { return nil }
        return anyNegative ? -1 : 1
    }

    /// C[a, b] += sign·Σᵢ sₐ[i]·s_b[i] for a ≤ b < k (the upper triangle), sⱼ the n values at
    /// s + j·(n + `columnPadding`): each sum a dot product of two columns, eight rows at a time
    /// in two SIMD accumulators.
    static func narrowGram(
        _ s: UnsafePointer<Double>, _ n: Int, _ k: Int, _ sign: Double, _ c: UnsafeMutablePointer<Double>, _ ldc: Int
    ) {
        for a in 0..<k {
            let u = s + a * (n + columnPadding)
            for b in a..<k {
                let v = s + b * (n + columnPadding)
                var low = SIMD4<Double>()
                var high = SIMD4<Double>()
                var i = 0
                while i + 8 <= n {
                    let u0 = UnsafeRawPointer(u + i).loadUnaligned(as: SIMD4<Double>.self)
                    let v0 = UnsafeRawPointer(v + i).loadUnaligned(as: SIMD4<Double>.self)
                    let u1 = UnsafeRawPointer(u + i + 4).loadUnaligned(as: SIMD4<Double>.self)
                    let v1 = UnsafeRawPointer(v + i + 4).loadUnaligned(as: SIMD4<Double>.self)
                    // Not addProduct: for the baseline x86-64 the build targets, a fused
                    // multiply-add is a call into the C library per lane.
                    low += u0 * v0
                    high += u1 * v1
                    i += 8
                }
                var sum = (low + high).sum()
                while i < n {
                    sum += u[i] * v[i]
                    i += 1
                }
                c[a * ldc + b] += sign * sum
            }
        }
    }
}
