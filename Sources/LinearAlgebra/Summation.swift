/// Sums that keep their digits, shared by the interpreter's reductions and the
/// likelihood's sufficient statistics.
public enum Summation {
    /// Neumaier's compensated sum; an overflowing sum is returned as it is (±inf), not NaN.
    public static func sum(_ xs: [Double]) -> Double {
        var s = 0.0
        var c = 0.0
        for x in xs {
            let t = s + x
            c += abs(s) >= abs(x) ? (s - t) + x : (x - t) + s
            s = t
        }
        return s.isFinite ? s + c : s
    }

    /// The largest |x| over the finite xs (0 if none): eight at a time, infinities and NaNs
    /// masked out, so a pass over 10⁷ values costs about what reading them does. Masks are
    /// used as bits (all ones or all zeros per lane): `pointwiseMax` and `replacing(with:where:)`
    /// were calls per eight values, which packed each mask to bytes and back.
    public static func largestFiniteMagnitude(_ xs: [Double]) -> Double {
        xs.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            let infinity = SIMD8<Double>(repeating: .infinity)
            let magnitudeBits = SIMD8<Int64>(repeating: Int64.max)
            var largest = SIMD8<Double>(repeating: 0)
            var index = 0
            while buffer.count - index >= 8 {
                let x = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD8<Int64>.self)
                let magnitude = unsafeBitCast(x & magnitudeBits, to: SIMD8<Double>.self)
                // |x| < ∞ is false for ±∞ and NaN.
                let finite = unsafeBitCast(magnitude .< infinity, to: SIMD8<Int64>.self)
                let kept = unsafeBitCast(magnitude, to: SIMD8<Int64>.self) & finite
                let larger = unsafeBitCast(unsafeBitCast(kept, to: SIMD8<Double>.self) .> largest, to: SIMD8<Int64>.self)
                let bits = (kept & larger) | (unsafeBitCast(largest, to: SIMD8<Int64>.self) & ~larger)
                largest = unsafeBitCast(bits, to: SIMD8<Double>.self)
                index += 8
            }
            var result = largest.max()
            while index < buffer.count {
                if buffer[index].isFinite { result = max(result, abs(buffer[index])) }
                index += 1
            }
            return result
        }
    }

    /// The mean from the compensated sum: exact to rounding for data near 10⁷ and for
    /// values that cancel; term by term when the sum itself overflows.
    public static func mean(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        let s = sum(xs)
        return s.isFinite ? s / Double(xs.count) : xs.reduce(0) { $0 + $1 / Double(xs.count) }
    }
}
