/// Checks that a file's bytes are well-formed UTF-8 before any of them become text.
///
/// Well-formed means the byte sequences of the Unicode Standard's table 3-7: no
/// stray continuation bytes, no overlong forms, no surrogates, nothing above
/// U+10FFFF, no sequence cut short.
enum UTF8Validation {
    /// The offset of the first byte that starts an ill-formed sequence, or nil if
    /// all of `bytes` is well-formed.
    static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        firstInvalidOffset(in: bytes, range: 0..<bytes.count)
    }

    /// The offset of the first byte in `range` that starts an ill-formed sequence, or nil.
    /// `range` must start at a sequence's first byte (a line start will do); a sequence
    /// may run past its end. ASCII, the bulk of any CSV file, is checked eight bytes at a
    /// time: a word with no high bit set is eight one-byte characters.
    static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = range.lowerBound
        let end = min(range.upperBound, bytes.count)
        while index < end {
            if end - index >= 8,
                UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: index) else { return index }
            index += length
        }
        return nil
    }

    /// The 1-based line holding `offset`: one more than the line endings before it
    /// (CRLF, LF, or a lone CR each end a line).
    static func line(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var index = 0
        while index < min(offset, bytes.count) {
            let byte = bytes[index]
            let crBeforeLF = byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A
            if byte == 0x0A || (byte == 0x0D && !crBeforeLF) { line += 1 }
            index += 1
        }
        return line
    }

    /// The length of the well-formed multi-byte sequence starting at `index`, or nil.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: return nil
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return nil }
        for offset in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + offset]) {
            return nil
        }
        return length
    }
}
