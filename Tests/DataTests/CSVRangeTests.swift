import Foundation
import Testing

@testable import Data

/// A cell whose number no double can hold (1e400 would be read as ∞, 1e-400 as 0) stops
/// the read with an error naming its row, column and line, instead of a silent ∞ or 0;
/// the cells at the very edges of the range are read as the doubles `strtod` gives.
@Suite struct CSVRangeTests {
    static let tooLarge = [
        "1e400", "-1e400", "\"1e999\"", " 2e308 ", "1.7976931348623159e308", "1e99999999999999999999",
        String(repeating: "9", count: 400),
    ]
    static let tooSmall = [
        "1e-400", "-1e-400", "2.4703282292062327e-324", "-1e-99999999999999999",
        "0." + String(repeating: "0", count: 400) + "1",
    ]

    @Test(arguments: tooLarge.map { ($0, true) } + tooSmall.map { ($0, false) })
    func aCellBeyondADoubleIsAnErrorNamingItsRowAndColumn(cell: String, large: Bool) {
        let shown = cell.trimmingCharacters(in: [" "]).trimmingCharacters(in: ["\""])
        let message = DataMessage.outOfRange(shown, row: 3, column: "y", tooLarge: large)
        #expect(parseError("x,y\n1,2\n3,4\n5,\(cell)\n") == CSVError(file: "t.csv", line: 4, message: message))
        // A blank line moves the line, not the row.
        #expect(parseError("x,y\n1,2\n\n3,4\n5,\(cell)\n") == CSVError(file: "t.csv", line: 5, message: message))
    }

    @Test func theMessageSaysWhatTheNumberWouldHaveBecome() {
        #expect(
            parseError("x\n1e400\n")?.description
                == "t.csv line 2: row 1, column 'x': the number '1e400' is too large for a double "
                + "(the largest is about 1.8e308) and would be read as infinity")
        #expect(
            parseError("x\n7\n-1e-400\n")?.description
                == "t.csv line 3: row 2, column 'x': the number '-1e-400' is too small for a double "
                + "(the smallest above 0 is about 4.9e-324) and would be read as 0")
    }

    /// The edges themselves are numbers: the largest double, the smallest subnormal, and
    /// the decimals that round to them; a zero written with a huge exponent is zero.
    @Test func theEdgesOfTheRangeAreNumbers() throws {
        let t = try table(
            "x\n1.7976931348623157e308\n1.7976931348623158e308\n4.9e-324\n2.4703282292062328e-324\n0e400\n-0.0e-999\n")
        let x = try #require(t.column(named: "x"))
        #expect(x.kind == .numeric)
        let expected: [Double] = [
            .greatestFiniteMagnitude, .greatestFiniteMagnitude, .leastNonzeroMagnitude,
            .leastNonzeroMagnitude, 0, -0.0,
        ]
        #expect(x.values.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    /// In a file cut into many chunks parsed on two threads, the row and line are the file's.
    @Test func theRowIsTheFilesWhateverTheChunks() throws {
        let text =
            "x,y\n" + String(repeating: "1,2\n", count: 700) + "3,1e-400\n" + String(repeating: "1,2\n", count: 300)
        for chunkSize in [7, 64, 1000, Int.max] {
            #expect(
                throws: CSVError(
                    file: "t.csv", line: 702,
                    message: DataMessage.outOfRange("1e-400", row: 701, column: "y", tooLarge: false))
            ) {
                try CSVReader.parse(file: MappedFile(copying: Array(text.utf8)), name: "t.csv", path: "t.csv") {
                    $0.threads = 2
                    $0.chunkSize = chunkSize
                }
            }
        }
    }

    /// Parsing a lone value refuses it the same way: `reading` tells it apart from text.
    @Test func theParserTellsOutOfRangeFromText() {
        #expect(NumberParser.value(of: "1e400") == nil)
        #expect(NumberParser.value(of: "1e-400") == nil)
        Array("1e400 -1e-400 x".utf8).withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            #expect(NumberParser.reading(base, count: 5) == .outOfRange(tooLarge: true))
            #expect(NumberParser.reading(base + 6, count: 7) == .outOfRange(tooLarge: false))
            #expect(NumberParser.reading(base + 14, count: 1) == .notANumber)
        }
    }
}
