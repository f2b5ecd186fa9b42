import Testing

@testable import Data

/// No bytes make the reader crash or hang: random input, odd quoting, huge fields.
@Suite struct CSVRobustnessTests {
    /// Bytes that steer the scanner into its corners, drawn more often than the rest.
    static let interesting: [UInt8] =
        Array("\"\",,\r\n\n 1.e-+aNA\t".utf8) + [0xEF, 0xBB, 0xBF, 0xC3, 0xA9, 0xFF, 0x00]

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 20_240_601)
        for round in 0..<4000 {
            let length = Int.random(in: 0...48, using: &generator)
            let bytes = (0..<length).map { _ in
                round.isMultiple(of: 4)
                    ? UInt8.random(in: 0...255, using: &generator)
                    : Self.interesting.randomElement(using: &generator) ?? 0
            }
            checkInvariants(bytes)
            checkInvariants(Array(String(decoding: bytes, as: UTF8.self).utf8))
        }
    }

    @Test func deepAndOddQuoting() throws {
        let cases: [String] = [
            String(repeating: "\"", count: 100_001),
            String(repeating: "\"", count: 100_000),
            "a\n" + String(repeating: "\"\"\"", count: 20_000),
            "a\n\"" + String(repeating: "\"\"", count: 30_000) + "\"\n",
            "a,b\n" + String(repeating: "\"x\",\"\"\"\n", count: 5000),
            "a\n" + String(repeating: ",", count: 50_000),
            "a\n" + String(repeating: "\r", count: 50_000) + "1",
            String(repeating: "a,", count: 20_000) + "a\n",
            "a\n" + String(repeating: "9", count: 100_000) + "\n",
            "a\n1e" + String(repeating: "9", count: 1000) + "\n",
            "a\n0." + String(repeating: "0", count: 1000) + "1e1000\n",
            "\"a\"\"\n\"\"\"\n",
            "a\n\"x\"\"\"\"",
        ]
        for text in cases { checkInvariants(Array(text.utf8)) }
        let quotedRow = "a\n\"" + String(repeating: "\"\"", count: 30_000) + "\"\n"
        #expect(try table(quotedRow).column(named: "a")?.cells.first??.count == 30_000)
    }

    /// Numbers past a double's range are refused with the cell named (CSVRangeTests),
    /// however long their digits or exponents.
    @Test func hugeNumbersAreRefusedNotInfinite() {
        let nines = String(repeating: "9", count: 400)
        #expect(parseError("a\n\(nines)\n")?.line == 2)
        #expect(parseError("a\n1\n1e99999999999999999999\n")?.line == 3)
        #expect(parseError("a\n1\n2\n-1e-99999999999999999\n")?.line == 4)
    }

    /// Parses `bytes`; if they are a table, checks that its parts agree with one another.
    private func checkInvariants(_ bytes: [UInt8]) {
        guard let t = try? CSVReader.parse(bytes: bytes, name: "r.csv", path: "r.csv") else { return }
        #expect(!t.columns.isEmpty)
        #expect(Set(t.columnNames).count == t.columns.count)
        for column in t.columns {
            #expect(column.count == t.rowCount)
            #expect(column.cells.count == t.rowCount)
            #expect(Array(column.lines) == column.lines.sorted())
            #expect(column.values.count == (column.kind == .numeric ? t.rowCount : 0))
            #expect(column.missingCount == column.cells.filter { $0 == nil }.count)
            switch column.numbers() {
            case .success(let numbers): #expect(numbers.count == t.rowCount)
            case .failure(let problem): #expect((1...t.rowCount).contains(problem.row))
            }
        }
        _ = t.matrix(columns: t.columnNames)
    }
}
