/// A node of the hash-consed expression DAG. Children are node ids in the
/// same store; sums and products are kept in canonical order (see
/// ExprStore+Construction), so structurally equal expressions are one node.
enum Node: Hashable {
    /// A number, keyed by its bit pattern (−0 and all NaNs are normalised).
    case constant(UInt64)
    case symbol(Symbol)
    case add([Int32])
    /// A product; a numeric coefficient, if any, is the first factor.
    case mul([Int32])
    case pow(Int32, Int32)
    case apply(Function, [Int32])
    /// Σ over rows of a row-level expression.
    case rowSum(Int32)

    static func number(_ x: Double) -> Node {
        if x.isNaN { return .constant(Double.nan.bitPattern) }
        return .constant((x == 0 ? 0.0 : x).bitPattern)
    }

    var children: [Int32] {
        switch self {
        case .constant, .symbol: return []
        case .add(let c), .mul(let c), .apply(_, let c): return c
        case .pow(let a, let b): return [a, b]
        case .rowSum(let a): return [a]
        }
    }
}
