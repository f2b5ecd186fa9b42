/// A sum of terms and products kept in about twice the working precision (Ogita, Rump
/// and Oishi's Dot2, 2005). Each product a·b is split exactly into p + e with a fused
/// multiply-add (e = fma(a, b, −p)), each addition into s + c with Knuth's TwoSum, and
/// the rounding terms are summed on the side. The value is as accurate as a double-double
/// computation rounded once: relative error ≈ ε + cond·ε², where a plain loop gives
/// cond·ε. Iterative refinement needs residuals this accurate: they are differences of
/// nearly equal numbers.
public struct CompensatedAccumulator {
    private var sum = 0.0
    private var correction = 0.0

    public init(_ start: Double = 0) { sum = start }

    /// Adds x exactly (its rounding error goes into the correction).
    @inline(__always)
    public mutating func add(_ x: Double) {
        let t = sum + x
        let z = t - sum
        correction += (sum - (t - z)) + (x - z)
        sum = t
    }

    /// Adds a·b, keeping the product's own rounding error.
    @inline(__always)
    public mutating func add(_ a: Double, times b: Double) {
        let p = a * b
        add(p)
        correction += (-p).addingProduct(a, b)
    }

    public var value: Double { sum.isFinite ? sum + correction : sum }

    /// Σ aᵢ·bᵢ over `count` terms read with the given strides, plus `start`.
    @inline(__always)
    public static func dot(
        _ a: UnsafePointer<Double>, stride sa: Int, _ b: UnsafePointer<Double>, stride sb: Int, count: Int,
        plus start: Double = 0
    ) -> Double {
        var acc = CompensatedAccumulator(start)
        for i in 0..<count { acc.add(a[i * sa], times: b[i * sb]) }
        return acc.value
    }
}
