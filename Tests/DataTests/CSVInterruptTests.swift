import Testing

@testable import Data

/// Reading a long table stops at a Ctrl-C (polled every 65,536 rows, and between chunks)
/// with an error at the line it reached.
@Suite struct CSVInterruptTests {
    /// How often the reader asked whether to stop; it stops at the `stopAt`-th question.
    final class Polls: @unchecked Sendable {
        var count = 0
        let stopAt: Int?
        init(stopAt: Int?) { self.stopAt = stopAt }
        func ask() -> Bool {
            count += 1
            return count == stopAt
        }
    }

    /// Reads `text` as one chunk on one thread (or in chunks of `chunkSize` bytes), asking `polls`.
    func read(_ text: String, polls: Polls, chunkSize: Int? = .max) throws(CSVError) -> Int {
        let table = try CSVReader.parse(file: MappedFile(copying: Array(text.utf8)), name: "big.csv", path: "big.csv") {
            $0.threads = 1
            $0.chunkSize = chunkSize
            $0.isInterrupted = { polls.ask() }
        }
        return table.rowCount
    }

    static let rows = 200_000
    static let text = "x,y\n" + (0..<rows).map { "\($0),1\n" }.joined()

    @Test func anInterruptStopsTheReadWithAnErrorAtItsLine() {
        // Not `Interrupt.requested`: the flag is process-wide, and other tests read CSV files beside this one.
        let polls = Polls(stopAt: 2)
        let error = #expect(throws: CSVError.self) { try read(Self.text, polls: polls) }
        // Polled before rows 65,536 and 131,072; the header is line 1, so row 131,072 is on line 131,073.
        #expect(polls.count == 2)
        #expect(error == CSVError(file: "big.csv", line: 131_073, message: DataMessage.interrupted))
    }

    @Test func withoutAnInterruptEveryRowIsRead() throws {
        let polls = Polls(stopAt: nil)
        #expect(try read(Self.text, polls: polls) == Self.rows)
        #expect(polls.count == Self.rows / 65_536)
    }

    /// Cut into chunks, the read also asks before each chunk after the first, and stops there.
    @Test func anInterruptBetweenChunksStopsAtTheChunksFirstLine() {
        let polls = Polls(stopAt: 1)
        let error = #expect(throws: CSVError.self) { try read("x\n1\n2\n3\n", polls: polls, chunkSize: 2) }
        #expect(error == CSVError(file: "big.csv", line: 3, message: DataMessage.interrupted))
    }
}
