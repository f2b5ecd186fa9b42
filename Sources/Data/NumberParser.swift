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
    /// The common case (at most 19 significant digits forming a mantissa m ≤ 2⁵³,
    /// and a decimal exponent e with |e| ≤ 22) is converted exactly by Clinger's
    /// fast path: m and 10^|e| are both exactly representable doubles, so the
    /// single IEEE multiplication m·10^e or division m/10^−e is correctly
    /// rounded. Every other number goes to the standard library's correctly
    /// rounded conversion.
    static func parse(_ bytes: UnsafePointer<UInt8>, count: Int) -> Double? {
        var scan = Scan(bytes: bytes, count: count)
        guard let decimal = scan.decimal() else { return nil }
        if decimal.mantissa == 0 && !decimal.inexact { return decimal.negative ? -0.0 : 0.0 }
        if !decimal.inexact, decimal.mantissa <= 1 << 53, (-22...22).contains(decimal.exponent) {
            let m = Double(decimal.mantissa)
            let value =
                decimal.exponent >= 0
                ? m * powersOfTen[decimal.exponent] : m / powersOfTen[-decimal.exponent]
            return decimal.negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        guard let value = Double(text), value.isFinite, value != 0 || decimal.mantissa == 0 else { return nil }
        return value
    }

    /// Whether `text` (trimmed) follows the grammar but lies beyond a double's range:
    /// `.overflow` for a magnitude that would become ∞ (1e400), `.underflow` for a
    /// nonzero one that would round to 0 (1e-400); nil for numbers in range and for text.
    ///
    /// `parse` refuses such cells (they are not usable numbers: silently ∞ or 0 would be
    /// a wrong answer), so a column holding one is not numeric and arithmetic on it
    /// reports this cell with the reason.
    static func outOfRange(_ text: String) -> OutOfRange? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> OutOfRange? in
            let (start, end) = trimmed(buffer, start: 0, end: buffer.count)
            guard start < end, let base = buffer.baseAddress else { return nil }
            var scan = Scan(bytes: base + start, count: end - start)
            guard let decimal = scan.decimal(), decimal.mantissa != 0 else { return nil }
            let digits = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
            guard let value = Double(digits) else { return nil }
            if value.isInfinite { return .overflow }
            return value == 0 ? .underflow : nil
        }
    }

    enum OutOfRange: Sendable { case overflow, underflow }

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

    /// 10⁰ … 10²², every one exactly representable as a double.
    private static let powersOfTen: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }
}

/// A number read as sign, integer mantissa and decimal exponent: the value is
/// ±mantissa · 10^exponent, unless `inexact` says digits were dropped.
private struct Decimal {
    var negative = false
    var mantissa: UInt64 = 0
    var exponent = 0
    /// More than 19 significant digits, or an exponent out of the fast path's reach.
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
                result.inexact = true
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
