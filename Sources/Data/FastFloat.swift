/// Correctly rounded conversion of a decimal ±w · 10^q (w a whole number of at most
/// 19 digits) to the nearest double, without strings or big numbers, or nil where
/// these shortcuts cannot decide (then the caller asks the C library's `strtod`).
///
/// Two methods, tried in order:
///
/// 1. **Clinger's fast path.** When w ≤ 2⁵³ and |q| ≤ 22, both w and 10^|q| are
///    doubles exactly, so the one IEEE operation w · 10^q or w / 10^−q is correctly
///    rounded.
/// 2. **Eisel–Lemire** (Lemire, "Number parsing at a gigabyte per second", Software:
///    Practice and Experience 51(8), 2021; the form here is the one in Go's strconv
///    and Wuffs). Normalise w to w′ = w · 2^z with its top bit set, and multiply by the
///    128-bit truncated mantissa T of 10^q (`PowersOfTen`): the top 64 bits of the
///    192-bit product w′ · T hold the double's 53-bit mantissa, a rounding bit and
///    9 or 10 bits below. Because T is truncated, the true product exceeds the computed
///    one by less than w′ (one unit of the low 64 bits), so the mantissa is certain
///    unless those 9 low bits are all ones and the low word would carry; then the next
///    64 bits of T are brought in, and if the carry is still possible the method gives
///    up. It also gives up when the discarded bits are exactly zero and the rounding
///    bit is set (a tie, or too close to one to tell), and when the result would be
///    subnormal, zero or infinite (those go to `strtod`, which knows the rules there).
///
/// For more than 19 significant digits the caller passes the first 19 as w, with
/// `truncated` set: the true value lies in [w, w + 1) · 10^q, and when w and w + 1
/// convert to the same double, so does every decimal between them.
///
/// Every value returned is the double `strtod` gives for the same decimal; the tests
/// check millions of random, boundary and adversarial decimals against it.
enum FastFloat {
    /// The double nearest to ±w · 10^q, or nil when the caller must use `strtod`.
    @inline(__always)
    static func value(
        mantissa w: UInt64, exponent q: Int, negative: Bool, truncated: Bool = false, tables: Tables = .shared
    ) -> Double? {
        if !truncated {
            if w <= 1 << 53, q >= -22, q <= 22 {
                let m = Double(w)
                let magnitude = q >= 0 ? m * tables.exactPowers[q] : m / tables.exactPowers[-q]
                return negative ? -magnitude : magnitude
            }
            return eiselLemire(w, q, negative: negative, tables: tables)
        }
        guard w < UInt64.max, let lower = eiselLemire(w, q, negative: negative, tables: tables),
            let upper = eiselLemire(w + 1, q, negative: negative, tables: tables), lower == upper
        else { return nil }
        return lower
    }

    /// The double nearest to ±w · 10^q by Eisel–Lemire, or nil when it cannot decide or
    /// the result is zero, subnormal or infinite.
    static func eiselLemire(_ w: UInt64, _ q: Int, negative: Bool, tables: Tables = .shared) -> Double? {
        guard w != 0, q >= PowersOfTen.smallestExponent, q <= PowersOfTen.largestExponent else { return nil }
        let entry = tables.powers[q - PowersOfTen.smallestExponent]
        let shift = w.leadingZeroBitCount
        let normalized = w << UInt64(shift)
        // w · 10^q = w′ · 2^−shift · T · 2^(log2 − 127), T = high · 2⁶⁴ + low.
        var (high, low) = normalized.multipliedFullWidth(by: entry.high)
        if high & 0x1FF == 0x1FF, low &+ normalized < normalized {
            let (carryHigh, carryLow) = normalized.multipliedFullWidth(by: entry.low)
            var mergedHigh = high
            let mergedLow = low &+ carryHigh
            if mergedLow < low { mergedHigh &+= 1 }
            if mergedHigh & 0x1FF == 0x1FF, mergedLow &+ 1 == 0, carryLow &+ normalized < normalized { return nil }
            high = mergedHigh
            low = mergedLow
        }
        // The top bit of `high` is bit 191 or 190 of the product: keep 54 bits (53 and a
        // rounding bit) below it.
        let top = high >> 63
        var mantissa = high >> (top + 9)
        // The product is mantissa · 2^(137 + top), so the value is
        // mantissa · 2^(137 + top − shift + log2 − 127); a double's biased exponent for a
        // 54-bit mantissa m · 2^E is E + 53 + 1023 (before the rounding shift below).
        var exponent = entry.log2 + 1086 + Int(top) - shift
        if low == 0, high & 0x1FF == 0, mantissa & 3 == 1 { return nil }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >> 53 > 0 {
            mantissa >>= 1
            exponent += 1
        }
        guard exponent > 0, exponent < 0x7FF else { return nil }
        let bits = UInt64(exponent) << 52 | mantissa & 0x000F_FFFF_FFFF_FFFF | (negative ? 1 << 63 : 0)
        return Double(bitPattern: bits)
    }

    /// 10⁰ … 10²², every one exactly representable as a double.
    static let exactPowers: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }

    /// The two tables, where a loop can read them without asking each time whether
    /// they are built yet: every read of a `static let` is a call into the runtime's
    /// once-check, and the CSV reader converts millions of numbers (it fetches
    /// `shared` once per chunk and passes it down).
    struct Tables: @unchecked Sendable {
        /// `PowersOfTen.table`.
        let powers: UnsafePointer<PowersOfTen.Entry>
        /// `exactPowers`.
        let exactPowers: UnsafePointer<Double>

        /// Copies of the tables, made once and kept for the life of the process.
        static let shared = Tables(
            powers: permanentCopy(PowersOfTen.table), exactPowers: permanentCopy(FastFloat.exactPowers))

        private static func permanentCopy<T>(_ array: [T]) -> UnsafePointer<T> {
            let copy = UnsafeMutablePointer<T>.allocate(capacity: array.count)
            copy.initialize(from: array, count: array.count)
            return UnsafePointer(copy)
        }
    }
}
