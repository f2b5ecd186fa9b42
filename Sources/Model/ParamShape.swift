/// How a param's components are arranged in its slots of θ.
public enum ParamShape: Sendable, Equatable {
    case scalar
    /// `vector[K]`: K slots.
    case vector(Int)
    /// `vector[K]` inside a softmax (`softmax(a + B·x)`): component 1 held at 0 (the baseline
    /// category), not in θ; component k ≥ 2 is slot k − 2.
    case baselineVector(Int)
    /// `simplex[V]` (`rows` nil: one simplex) or `simplex[K, V]` (K rows, each a simplex over V),
    /// row after row: component (i, j) is slot (i − 1)·V + (j − 1).
    case simplex(rows: Int?, outcomes: Int)
    /// `matrix[K, p]`, row after row. With `firstRowFixed`, row 1 is held at 0 and is not in θ
    /// (the baseline category of a softmax, as R's `nnet::multinom`): row i ≥ 2 starts at slot (i − 2)·p.
    case matrix(rows: Int, columns: Int, firstRowFixed: Bool)

    /// The dimensions as declared: [] for a scalar, [K] for a vector or one simplex, [K, V] otherwise.
    public var dimensions: [Int] {
        switch self {
        case .scalar: return []
        case .vector(let k), .baselineVector(let k): return [k]
        case .simplex(let rows, let v): return rows.map { [$0, v] } ?? [v]
        case .matrix(let k, let p, _): return [k, p]
        }
    }

    /// The number of slots in θ.
    public var slotCount: Int {
        switch self {
        case .scalar: return 1
        case .vector(let k): return k
        case .baselineVector(let k): return k - 1
        case .simplex(let rows, let v): return (rows ?? 1) * v
        case .matrix(let k, let p, let fixed): return (fixed ? k - 1 : k) * p
        }
    }

    /// The 0-based position of slot k in each dimension (rows as declared).
    public func position(ofSlot k: Int) -> [Int] {
        switch self {
        case .scalar: return []
        case .vector: return [k]
        case .baselineVector: return [k + 1]
        case .simplex(let rows, let v): return rows == nil ? [k] : [k / v, k % v]
        case .matrix(_, let p, let fixed): return [k / p + (fixed ? 1 : 0), k % p]
        }
    }

    /// The slot (from 0) of the component at 1-based `indices`, one per dimension; nil when
    /// out of range or a fixed component (row 1 of a baseline matrix).
    public func slot(at indices: [Int]) -> Int? {
        let d = dimensions
        guard indices.count == d.count, zip(indices, d).allSatisfy({ $0 >= 1 && $0 <= $1 }) else { return nil }
        switch self {
        case .scalar: return 0
        case .vector: return indices[0] - 1
        case .baselineVector: return indices[0] == 1 ? nil : indices[0] - 2
        case .simplex(let rows, let v): return rows == nil ? indices[0] - 1 : (indices[0] - 1) * v + indices[1] - 1
        case .matrix(_, let p, let fixed):
            if fixed && indices[0] == 1 { return nil }
            return (indices[0] - (fixed ? 2 : 1)) * p + indices[1] - 1
        }
    }

    /// As declared: "vector[3]", "simplex[4, 4]", "matrix[3, 5]".
    public var description: String {
        switch self {
        case .scalar: return "scalar"
        case .vector(let k), .baselineVector(let k): return "vector[\(k)]"
        case .simplex(let rows, let v): return "simplex[" + (rows.map { "\($0), " } ?? "") + "\(v)]"
        case .matrix(let k, let p, _): return "matrix[\(k), \(p)]"
        }
    }

    /// Whether the first row is held at 0 (a softmax's baseline).
    public var hasFixedRow: Bool {
        switch self {
        case .matrix(_, _, true), .baselineVector: return true
        default: return false
        }
    }
}
