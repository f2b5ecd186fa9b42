/// Sums that keep their digits, shared by the interpreter's reductions and the
/// likelihood's sufficient statistics.
public enum Summation {
    /// Neumaier's compensated sum; an overflowing sum is returned as it is (±inf), not NaN.
    ///
    /// Four compensated sums run side by side over every fourth value (one running sum's chain
    /// of additions held a pass over 10⁷ values to one value per addition's latency), and their
    /// sums are added into one compensated sum at the end, so the result keeps its digits as one
    /// compensated sum does: within a few units in the last place of the exact sum.
    public static func sum(_ xs: [Double]) -> Double {
        xs.withUnsafeBufferPointer { b in
            var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
            var (c0, c1, c2, c3) = (0.0, 0.0, 0.0, 0.0)
            var index = 0
            while b.count - index >= 4 {
                add(b[index], to: &s0, &c0)
                add(b[index + 1], to: &s1, &c1)
                add(b[index + 2], to: &s2, &c2)
                add(b[index + 3], to: &s3, &c3)
                index += 4
            }
            var total = 0.0
            var compensation = (c0 + c1) + (c2 + c3)
            for lane in [s0, s1, s2, s3] { add(lane, to: &total, &compensation) }
            while index < b.count {
                add(b[index], to: &total, &compensation)
                index += 1
            }
            return total.isFinite ? total + compensation : total
        }
    }

    /// One step of Neumaier's sum: x added to s, the rounding error of that addition to c.
    @inline(__always)
    static func add(_ x: Double, to s: inout Double, _ c: inout Double) {
        let t = s + x
        c += abs(s) >= abs(x) ? (s - t) + x : (x - t) + s
        s = t
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
