import Testing

@testable import Data

/// Reading a long table stops at a Ctrl-C (polled every 65,536 rows) with an error at the line it reached.
@Suite struct CSVInterruptTests {
    /// Reads `text` the way `CSVReader.parse` does, polling `isInterrupted` for the stop.
    func read(_ text: String, isInterrupted: @escaping () -> Bool) throws(CSVError) -> Int {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(CSVError) in
            var scanner = CSVScanner(bytes: buffer, file: "big.csv")
            let names = try CSVReader.header(from: &scanner)
            var builder = TableBuilder(names: names, file: "big.csv")
            try builder.addRows(from: &scanner, isInterrupted: isInterrupted)
            return builder.columns(bytes: bytes).first?.values.count ?? 0
        }
    }

    static let rows = 200_000
    static let text = "x,y\n" + (0..<rows).map { "\($0),1\n" }.joined()

    @Test func anInterruptStopsTheReadWithAnErrorAtItsLine() {
        // Not `Interrupt.requested`: the flag is process-wide, and other tests read CSV files beside this one.
        var polls = 0
        let error = #expect(throws: CSVError.self) {
            try read(Self.text) {
                polls += 1
                return polls == 2
            }
        }
        // Polled before rows 65,536 and 131,072; the header is line 1, so row 131,072 is on line 131,073.
        #expect(polls == 2)
        #expect(error == CSVError(file: "big.csv", line: 131_073, message: DataMessage.interrupted))
    }

    @Test func withoutAnInterruptEveryRowIsRead() throws {
        var polls = 0
        let count = try read(Self.text) {
            polls += 1
            return false
        }
        #expect(count == Self.rows)
        #expect(polls == Self.rows / 65_536)
    }
}
