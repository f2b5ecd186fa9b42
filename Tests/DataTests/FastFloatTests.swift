import Foundation
import SeededRandom
import Testing

@testable import Data

/// Every double the reader produces is the one the C library's `strtod` gives for the
/// same text (bit for bit, sign of zero included), whichever path converted it:
/// Clinger's fast path, Eisel–Lemire, the two-mantissa test for long numbers, or the
/// fallback. The reference is `strtod` itself, in the C locale.
@Suite struct FastFloatTests {
    /// Entries of the 128-bit power table, worked with exact integers by
    /// Scripts/data/reference/scripts/powers_of_ten.py; −348 and 308 are also the first
    /// entry of Go's strconv table and the last of fast_float's.
    @Test(
        arguments: [
            (-348, 0xFA8F_D5A0_081C_0288, 0x1732_C869_CD60_E453, -1157),
            (-342, 0xEEF4_53D6_923B_D65A, 0x113F_AA29_06A1_3B3F, -1137),
            (-1, 0xCCCC_CCCC_CCCC_CCCC, 0xCCCC_CCCC_CCCC_CCCC, -4), (0, 0x8000_0000_0000_0000, 0, 0),
            (1, 0xA000_0000_0000_0000, 0, 3), (23, 0xA968_163F_0A57_B400, 0, 76),
            (308, 0x8E67_9C2F_5E44_FF8F, 0x570F_09EA_A7EA_7648, 1023),
            (347, 0xD13E_B464_6944_7567, 0x4B71_95F2_D2D1_A9FB, 1152),
        ] as [(Int, UInt64, UInt64, Int)])
    func powerTableEntries(q: Int, high: UInt64, low: UInt64, log2: Int) {
        let entry = PowersOfTen.table[q - PowersOfTen.smallestExponent]
        #expect(entry.high == high)
        #expect(entry.low == low)
        #expect(entry.log2 == log2)
    }

    @Test func powerTableCoversEveryExponent() {
        #expect(PowersOfTen.table.count == PowersOfTen.largestExponent - PowersOfTen.smallestExponent + 1)
        #expect(PowersOfTen.table.allSatisfy { $0.high >> 63 == 1 })
    }

    /// Hand-picked hard cases: ties to even, the edges of the normal and subnormal
    /// ranges, the largest double and past it, 19- and 20-digit mantissas, leading
    /// zeros, signed zeros, and the short forms the grammar allows.
    @Test(arguments: [
        "9007199254740993", "9007199254740995", "9007199254740993.0000000000000001", "18446744073709551615",
        "18446744073709551616", "9999999999999999999", "10000000000000000000", "12345678901234567890123",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124", "0.1", "0.3", "2.2250738585072011e-308",
        "2.2250738585072012e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
        "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309", "1e-320", "1e-400", "1e400",
        "-0", "+0", "-0.0e-999", "0e400", ".5", "5.", "-.5e-3", "+5.E+3", "000000000000000000000123.45",
        "0.000000000000000000000000000000000000001", "0.00001839020506172918", "7.2057594037927933e16",
        "123456789012345678e-20", "1e23", "8.589973e9", "1448997445238699", "3.0540412e5", "1e-5",
    ])
    func hardCasesEqualStrtod(text: String) {
        check(text)
    }

    /// A million spellings from every family of `DecimalSpellings` (several hundred
    /// million more are checked by `mle-bench csv verify`).
    @Test func randomSpellingsEqualStrtod() {
        var spellings = DecimalSpellings(seed: 2021)
        for _ in 0..<1_000_000 {
            let text = spellings.next()
            guard check(text) else { return }
        }
    }

    /// The same through the CSV reader (its fast path converts cells while it scans
    /// them), cut into small chunks parsed on two threads.
    @Test func csvCellsEqualStrtod() throws {
        var spellings = DecimalSpellings(seed: 4)
        // In range only: one refused cell stops the read (CSVRangeTests).
        let texts = (0..<100_000).map { _ in spellings.next() }.filter { text in
            let reference = Self.strtod(text)
            return reference.isFinite && (reference != 0 || Self.isZeroMantissa(text))
        }
        let csv = "x\n" + texts.joined(separator: "\n") + "\n"
        let table = try CSVReader.parse(file: MappedFile(copying: Array(csv.utf8)), name: "t.csv", path: "t.csv") {
            $0.threads = 2
            $0.chunkSize = 64 << 10
        }
        let column = try #require(table.column(named: "x"))
        let values = column.kind == .numeric ? column.values : []
        for (row, text) in texts.enumerated() {
            let reference = Self.strtod(text)
            let parsed: Double? = column.kind == .numeric ? values[row] : nil
            guard parsed?.bitPattern == reference.bitPattern else {
                Issue.record("row \(row): '\(text)' read as \(String(describing: parsed)), strtod gives \(reference)")
                return
            }
        }
    }

    @Test(arguments: [
        "inf", "-inf", "Infinity", "nan", "NaN", "1e", "1e+", "--1", "+-1", ".", "-.", "e5", "0x1p3", "1..2",
    ])
    func spellingsOutsideTheGrammarAreNotNumbers(text: String) {
        #expect(NumberParser.value(of: text) == nil)
        #expect(Self.prefixValue(text) == nil)
    }

    /// Checks `text` through both entry points; false (with an issue recorded) on a mismatch.
    @discardableResult
    private func check(_ text: String) -> Bool {
        let reference = Self.strtod(text)
        let parsed = NumberParser.value(of: text)
        let prefixed = Self.prefixValue(text)
        guard Self.agree(parsed, reference, text), Self.agree(prefixed, reference, text) else {
            Issue.record(
                "'\(text)': parse \(String(describing: parsed)), prefix \(String(describing: prefixed)), strtod \(reference)"
            )
            return false
        }
        return true
    }

    /// Whether the reader's value is strtod's, bit for bit. A number beyond a double's
    /// range (strtod: ±∞, or 0 for a nonzero decimal) may instead be refused (nil): the
    /// reader reports such cells rather than use ∞ or 0.
    static func agree(_ parsed: Double?, _ reference: Double, _ text: String) -> Bool {
        if let parsed, parsed.bitPattern == reference.bitPattern { return true }
        let beyondRange = reference.isInfinite || (reference == 0 && !isZeroMantissa(text))
        return parsed == nil && beyondRange
    }

    /// Whether every digit before the exponent is 0.
    static func isZeroMantissa(_ text: String) -> Bool {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        return !mantissa.contains { ("1"..."9").contains($0) }
    }

    /// `NumberParser.prefix` over the whole text, nil unless it consumed all of it.
    static func prefixValue(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            var value = 0.0
            guard let end = NumberParser.prefix(base, limit: base + buffer.count, value: &value),
                end == base + buffer.count
            else { return nil }
            return value
        }
    }

    /// The C library's conversion of all of `text`, in the C locale (the tests never call
    /// `setlocale`, so the process stays in it).
    static func strtod(_ text: String) -> Double {
        text.withCString { Foundation.strtod($0, nil) }
    }
}
