/// Recognises and converts the decimal numbers a CSV cell may hold.
///
/// The grammar (after the caller trims spaces and tabs):
///
///     number   = sign? (digits ("." digits?)? | "." digits) exponent?
///     exponent = ("e" | "E") sign? digits
///
/// Nothing else is a number: not "inf", "nan", "NA", hexadecimal, thousands
/// separators or a decimal comma. Those cells are text, so that a column of
/// them is a text column and arithmetic on it reports the first such cell.
enum NumberParser {
    /// The value of the `count` bytes at `bytes` if they form a number, else nil.
    ///
    /// A number of at most 19 significant digits converts through `FastFloat`
    /// (Clinger's fast path, then Eisel–Lemire), as does one of more digits whose
    /// first 19 decide the double; the rest (ties too close to call, subnormal, zero
    /// or infinite results, exponents beyond any double) go to the standard library's
    /// correctly rounded conversion, the C library's `strtod`. Either way the result
    /// is the double nearest the decimal.
    ///
    /// A number beyond a double's range (whose nearest double is ±∞, or 0 although a
    /// digit is not zero) is refused: `reading` tells it apart from text.
    static func parse(_ bytes: UnsafePointer<UInt8>, count: Int) -> Double? {
        if case .number(let value) = reading(bytes, count: count) { return value }
        return nil
    }

    /// What the `count` bytes at `bytes` are: a number, a number of the grammar that no
    /// double can hold (it would become ±∞, or 0 although a digit is not zero), or not
    /// a number at all.
    static func reading(_ bytes: UnsafePointer<UInt8>, count: Int) -> Reading {
        var scan = Scan(bytes: bytes, count: count)
        guard let decimal = scan.decimal() else { return .notANumber }
        if decimal.mantissa == 0 { return .number(decimal.negative ? -0.0 : 0.0) }
        if !decimal.inexact,
            let value = FastFloat.value(
                mantissa: decimal.mantissa, exponent: decimal.exponent, negative: decimal.negative,
                truncated: decimal.truncated)
        {
            return .number(value)
        }
        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        guard let value = Double(text) else { return .notANumber }
        if value.isInfinite { return .outOfRange(tooLarge: true) }
        // The mantissa holds a nonzero digit, so 0 means the decimal underflowed.
        if value == 0 { return .outOfRange(tooLarge: false) }
        return .number(value)
    }

    /// The three things a cell's text can be, as a number.
    enum Reading: Equatable {
        case number(Double)
        /// A number no double can hold: larger than the largest (≈ 1.8e308) in magnitude,
        /// or nonzero but nearer 0 than the smallest subnormal (≈ 4.9e-324) can tell.
        case outOfRange(tooLarge: Bool)
        case notANumber
    }

    /// The value of `text`, trimmed of spaces and tabs, if it is a number.
    static func value(of text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            let (start, end) = trimmed(buffer, start: 0, end: buffer.count)
            guard start < end, let base = buffer.baseAddress else { return nil }
            return parse(base + start, count: end - start)
        }
    }

    /// The range [start, end) of `bytes` narrowed past spaces and tabs at both ends.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> (Int, Int) {
        var start = start
        var end = end
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return (start, end)
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}

/// A number read as sign, integer mantissa and decimal exponent: the value is
/// ±mantissa · 10^exponent, or within [mantissa, mantissa + 1) · 10^exponent when
/// `truncated` says digits past the 19th significant one were dropped.
private struct Decimal {
    var negative = false
    /// The first (at most 19) significant digits, as a whole number.
    var mantissa: UInt64 = 0
    var exponent = 0
    /// More than 19 significant digits: those after the 19th are not in `mantissa`.
    var truncated = false
    /// An exponent beyond any double's reach (at least 100,000 in magnitude).
    var inexact = false
}

/// One left-to-right pass over a cell that checks the grammar and gathers the decimal.
private struct Scan {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    var index = 0
    var result = Decimal()
    var significantDigits = 0

    /// The decimal, or nil if the bytes do not follow the grammar.
    mutating func decimal() -> Decimal? {
        if accept(UInt8(ascii: "-")) { result.negative = true } else { _ = accept(UInt8(ascii: "+")) }
        var digitCount = digits(fraction: false)
        if accept(UInt8(ascii: ".")) { digitCount += digits(fraction: true) }
        guard digitCount > 0 else { return nil }
        if accept(UInt8(ascii: "e")) || accept(UInt8(ascii: "E")) {
            guard exponentPart() else { return nil }
        }
        return index == count ? result : nil
    }

    /// Consumes a run of digits into the mantissa; returns how many there were.
    private mutating func digits(fraction: Bool) -> Int {
        let start = index
        while index < count, let digit = digitValue(bytes[index]) {
            index += 1
            if result.mantissa == 0 && digit == 0 {
                if fraction { result.exponent -= 1 }
                continue
            }
            if significantDigits < 19 {
                result.mantissa = result.mantissa * 10 + UInt64(digit)
                significantDigits += 1
                if fraction { result.exponent -= 1 }
            } else {
                // A dropped digit before the point still scales the kept ones by ten.
                result.truncated = true
                if !fraction { result.exponent += 1 }
            }
        }
        return index - start
    }

    /// Consumes `sign? digits` after an "e"; false when the digits are missing.
    private mutating func exponentPart() -> Bool {
        var negative = false
        if accept(UInt8(ascii: "-")) { negative = true } else { _ = accept(UInt8(ascii: "+")) }
        let start = index
        var value = 0
        while index < count, let digit = digitValue(bytes[index]) {
            index += 1
            value = min(value * 10 + digit, 100_000)  // far past any double; keeps the sum from overflowing
        }
        if value >= 100_000 { result.inexact = true }
        result.exponent += negative ? -value : value
        return index > start
    }

    private mutating func accept(_ byte: UInt8) -> Bool {
        guard index < count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    @inline(__always)
    private func digitValue(_ byte: UInt8) -> Int? {
        let digit = Int(byte) &- 48
        return (0...9).contains(digit) ? digit : nil
    }
}
