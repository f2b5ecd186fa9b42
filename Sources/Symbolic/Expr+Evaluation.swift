import Foundation

/// Values of row-level symbols, one array per symbol, for the reference evaluator.
public struct RowValues {
    public var count: Int
    public var columns: [Symbol: [Double]]
    public init(count: Int, columns: [Symbol: [Double]]) {
        self.count = count
        self.columns = columns
    }
}

extension Expr {
    /// The reference evaluator: a direct walk of the DAG (memoised), with Σ
    /// looping over rows. Slow but simple; the compiled tape is tested against it.
    ///
    /// Multiplication treats 0·x as 0 even for infinite x, so 0·log 0 = 0, as in
    /// likelihoods at the boundary (3 heads in 3 flips).
    public func evaluate(_ values: [Symbol: Double], rows: RowValues? = nil) -> Double {
        var scalarMemo: [Int32: Double] = [:]
        return Evaluator(store: store, values: values, rows: rows).value(id, row: nil, memo: &scalarMemo)
    }
}

struct Evaluator {
    let store: ExprStore
    let values: [Symbol: Double]
    let rows: RowValues?

    func value(_ id: Int32, row: Int?, memo: inout [Int32: Double]) -> Double {
        if let v = memo[id] { return v }
        let v = compute(id, row: row, memo: &memo)
        memo[id] = v
        return v
    }

    func compute(_ id: Int32, row: Int?, memo: inout [Int32: Double]) -> Double {
        switch store.node(id) {
        case .constant(let bits): return Double(bitPattern: bits)
        case .symbol(let s):
            if s.isRowLevel, let row, let column = rows?.columns[s] { return column[row] }
            if case .count = s, values[s] == nil, let rows { return Double(rows.count) }
            return values[s] ?? .nan
        case .add(let ts):
            var sum = 0.0
            for t in ts { sum += value(t, row: row, memo: &memo) }
            return sum
        case .mul(let fs):
            // A factor b⁻¹ divides (one rounding, not two: 7·10⁻¹ would give 0.7000000000000001).
            var product = 1.0
            var divisor = 1.0
            for f in fs {
                if case .pow(let b, let e) = store.node(f), store.expr(e).constantValue == -1 {
                    divisor *= value(b, row: row, memo: &memo)
                    continue
                }
                let x = value(f, row: row, memo: &memo)
                if x == 0 { return 0 }
                product *= x
            }
            return divisor == 1 ? product : product / divisor
        case .pow(let b, let e):
            let base = value(b, row: row, memo: &memo)
            // √x by the correctly rounded square root (the same bits on every CPU), not libm's pow.
            if store.expr(e).constantValue == 0.5 { return base.squareRoot() }
            return Foundation.pow(base, value(e, row: row, memo: &memo))
        case .apply(let f, let args):
            return f.evaluate(args.map { value($0, row: row, memo: &memo) })
        case .rowSum(let body):
            guard let rows else { return .nan }
            let bodyExpr = store.expr(body)
            var sum = 0.0
            var c = 0.0
            for r in 0..<rows.count {
                var rowMemo = memo.filter { !store.expr($0.key).isRowLevel }
                let x = value(bodyExpr.id, row: r, memo: &rowMemo)
                let t = sum + x
                c += Swift.abs(sum) >= Swift.abs(x) ? (sum - t) + x : (x - t) + sum
                sum = t
            }
            return sum + c
        }
    }
}
