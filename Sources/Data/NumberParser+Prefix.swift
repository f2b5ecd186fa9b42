extension NumberParser {
    /// Reads the number that starts at `start` (no blanks before it), stopping at the
    /// first byte that cannot continue it or at `limit`: the position after it, with
    /// its value in `value`; nil when the bytes do not start with a number of
    /// `parse`'s grammar or `parse` would refuse its value.
    ///
    /// This is the CSV reader's fast path: it finds where a numeric cell ends while
    /// converting it, instead of finding the end first and reading the bytes again.
    /// It accepts exactly what `parse` accepts and gives the same double: the caller
    /// must still check that the cell ends where the number does (after optional
    /// blanks, a comma, a line ending or the end of the file), or else read the cell
    /// the slow way. Eight digits at a time are checked and converted in one 64-bit
    /// word (the SWAR method of Lemire's fast_float); a number whose conversion needs
    /// more than `FastFloat` (over 19 significant digits, ties, subnormal or huge
    /// values) is handed to `parse`.
    @inline(__always)
    static func prefix(
        _ start: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>, value: inout Double,
        tables: FastFloat.Tables = .shared
    ) -> UnsafePointer<UInt8>? {
        var p = start
        guard p < limit else { return nil }
        let negative = p.pointee == UInt8(ascii: "-")
        if negative || p.pointee == UInt8(ascii: "+") { p += 1 }
        var mantissa: UInt64 = 0
        let digitsStart = p
        p = digits(from: p, limit: limit, into: &mantissa)
        var digitCount = p - digitsStart
        var exponent = 0
        if p < limit, p.pointee == UInt8(ascii: ".") {
            p += 1
            let fractionStart = p
            p = digits(from: p, limit: limit, into: &mantissa)
            exponent = fractionStart - p
            digitCount += p - fractionStart
        }
        guard digitCount > 0 else { return nil }
        let digitsEnd = p
        if p < limit, p.pointee | 0x20 == UInt8(ascii: "e") {
            p += 1
            guard let end = exponentPart(from: p, limit: limit, into: &exponent) else { return nil }
            p = end
        }
        if digitCount <= 19 || significantDigits(digitsStart, digitsEnd, total: digitCount) <= 19 {
            if mantissa == 0 {
                value = negative ? -0.0 : 0.0
                return p
            }
            if abs(exponent) < 100_000,
                let v = FastFloat.value(mantissa: mantissa, exponent: exponent, negative: negative, tables: tables)
            {
                value = v
                return p
            }
        }
        guard let v = parse(start, count: p - start) else { return nil }
        value = v
        return p
    }

    /// Consumes `sign? digits` (after an "e") into `exponent`, capping the magnitude at
    /// 100,000 (far past any double); nil when the digits are missing.
    @inline(__always)
    private static func exponentPart(
        from start: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>, into exponent: inout Int
    ) -> UnsafePointer<UInt8>? {
        var p = start
        var negative = false
        if p < limit, p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") {
            negative = p.pointee == UInt8(ascii: "-")
            p += 1
        }
        let digitsStart = p
        var magnitude = 0
        while p < limit, case let digit = p.pointee &- 0x30, digit < 10 {
            magnitude = min(magnitude * 10 + Int(digit), 100_000)
            p += 1
        }
        guard p > digitsStart else { return nil }
        exponent += negative ? -magnitude : magnitude
        return p
    }

    /// Consumes a run of decimal digits, appending them to `mantissa` (wrapping past 19
    /// digits, which the caller detects by counting).
    @inline(__always)
    private static func digits(
        from start: UnsafePointer<UInt8>, limit: UnsafePointer<UInt8>, into mantissa: inout UInt64
    ) -> UnsafePointer<UInt8> {
        var p = start
        while limit - p >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
            guard isEightDigits(word) else { break }
            mantissa = mantissa &* 100_000_000 &+ eightDigits(word)
            p += 8
        }
        while p < limit, case let digit = p.pointee &- 0x30, digit < 10 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            p += 1
        }
        return p
    }

    /// Whether all eight bytes of `word` (first byte lowest) are ASCII digits: each byte's
    /// high nibble is 3, and adding 6 leaves it 3 (so the low nibble is at most 9).
    @inline(__always)
    private static func isEightDigits(_ word: UInt64) -> Bool {
        let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        return (word & highNibbles) | (((word &+ 0x0606_0606_0606_0606) & highNibbles) >> 4) == 0x3333_3333_3333_3333
    }

    /// The value of eight ASCII digits, the first in the lowest byte: pairs, then
    /// quadruples, then the whole, each step one multiply-and-add across the lanes.
    @inline(__always)
    private static func eightDigits(_ word: UInt64) -> UInt64 {
        var value = word &- 0x3030_3030_3030_3030
        value = value &* 10 &+ (value >> 8)  // byte 2i holds the pair 10·d(2i) + d(2i+1)
        let pairs: UInt64 = 0x0000_00FF_0000_00FF
        value = ((value & pairs) &* 0x000F_4240_0000_0064 &+ ((value >> 16) & pairs) &* 0x0000_2710_0000_0001) >> 32
        return value & 0xFFFF_FFFF
    }

    /// How many of the `total` digits in [start, end) (which may hold one ".") are
    /// significant: all but the zeros before the first nonzero digit.
    private static func significantDigits(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, total: Int) -> Int
    {
        var p = start
        var leadingZeros = 0
        while p < end, p.pointee == UInt8(ascii: "0") || p.pointee == UInt8(ascii: ".") {
            if p.pointee == UInt8(ascii: "0") { leadingZeros += 1 }
            p += 1
        }
        return total - leadingZeros
    }
}
