/// The powers of ten 10^q, q = −348 … 347, each as a 128-bit binary mantissa: what
/// the Eisel–Lemire conversion (`FastFloat`) multiplies a decimal mantissa by.
///
/// Entry q holds T(q) = ⌊10^q · 2^s⌋, the power scaled by the 2^s that puts it in
/// [2¹²⁷, 2¹²⁸) and then truncated (rounded down), as `high` and `low` 64-bit halves,
/// and `log2` = ⌊log₂ 10^q⌋ = 127 − s, so that 10^q = (T(q) + δ) · 2^(log2 − 127)
/// with 0 ≤ δ < 1. The range reaches past a double's: below 10⁻³⁴⁸ every decimal
/// with at most 19 digits rounds to zero, above 10³⁴⁷ to infinity.
///
/// The table is computed once, exactly, with integer arithmetic on a few hundred
/// 32-bit limbs (it is the same table Go's strconv and fast_float print as
/// literals; computing it keeps 1,400 hex constants out of the source):
///
/// - q ≥ 0: 10^q is an integer; multiply 1 by ten q times and keep its top 128
///   bits (shifted left when it has fewer), so ⌊log₂ 10^q⌋ = bits(10^q) − 1.
/// - q < 0: start from 2¹⁴⁰⁰ and divide by ten −q times, flooring each time
///   (⌊⌊x/10⌋/10⌋ = ⌊x/100⌋, so the result is ⌊2¹⁴⁰⁰/10^−q⌋ exactly); its top 128
///   bits are ⌊10^q · 2^s⌋ for the right s, and ⌊log₂ 10^q⌋ = bits − 1 − 1400.
///   2¹⁴⁰⁰/10³⁴⁸ still has 244 bits, more than the 128 kept.
enum PowersOfTen {
    struct Entry: Sendable {
        let high: UInt64
        let low: UInt64
        let log2: Int
    }

    static let smallestExponent = -348
    static let largestExponent = 347

    /// Entry q is at index q − `smallestExponent`.
    static let table: [Entry] = negativePowers().reversed() + nonNegativePowers()

    /// 10⁰ … 10³⁴⁷.
    private static func nonNegativePowers() -> [Entry] {
        var power = Limbs(1)
        var entries: [Entry] = []
        for _ in 0...largestExponent {
            entries.append(power.top128(exponentOffset: 0))
            power.multiply(by: 10)
        }
        return entries
    }

    /// 10⁻¹ … 10⁻³⁴⁸, in that order.
    private static func negativePowers() -> [Entry] {
        let scale = 1400
        var quotient = Limbs(powerOfTwo: scale)
        var entries: [Entry] = []
        for _ in 1...(-smallestExponent) {
            quotient.divide(by: 10)
            entries.append(quotient.top128(exponentOffset: -scale))
        }
        return entries
    }
}

/// A non-negative integer as little-endian 32-bit limbs: just enough arithmetic to
/// build `PowersOfTen.table`.
private struct Limbs {
    var limbs: [UInt32]

    init(_ value: UInt32) { limbs = [value] }

    init(powerOfTwo exponent: Int) {
        limbs = [UInt32](repeating: 0, count: exponent / 32 + 1)
        limbs[exponent / 32] = 1 << UInt32(exponent % 32)
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
    }

    /// Replaces the value by ⌊value / divisor⌋.
    mutating func divide(by divisor: UInt32) {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = remainder << 32 | UInt64(limbs[index])
            limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
    }

    var bitCount: Int {
        guard let top = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - top.leadingZeroBitCount)
    }

    /// Bit `index` (0 = least significant), 0 past either end.
    func bit(_ index: Int) -> UInt64 {
        guard index >= 0, index / 32 < limbs.count else { return 0 }
        return UInt64(limbs[index / 32] >> UInt32(index % 32) & 1)
    }

    /// The top 128 bits (truncated, or padded with zero bits below a shorter value) and
    /// ⌊log₂ value⌋ + `exponentOffset`.
    func top128(exponentOffset: Int) -> PowersOfTen.Entry {
        let bits = bitCount
        var high: UInt64 = 0
        var low: UInt64 = 0
        for offset in 0..<64 {
            high = high << 1 | bit(bits - 1 - offset)
            low = low << 1 | bit(bits - 65 - offset)
        }
        return PowersOfTen.Entry(high: high, low: low, log2: bits - 1 + exponentOffset)
    }
}
