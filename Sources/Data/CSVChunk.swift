/// The records of one stretch of a CSV file, parsed on their own (possibly from a
/// guessed starting point, so possibly to be parsed again), with their lines counted
/// from the chunk's first line.
struct CSVChunk: @unchecked Sendable {
    /// How the parse ended.
    enum Outcome {
        /// Every record starting before the chunk's end was read.
        case complete
        /// The parse could not tell where its records end (it ran into the limit it was
        /// given, or past the room reserved): the chunk must be read again without one.
        case unresolved
        /// A malformed record; the error's line is counted from the chunk's first line.
        case failed(CSVError)
        /// Ctrl-C, noticed on this line (counted from the chunk's first line).
        case interrupted(line: Int)
        /// A number no double can hold; its line and row are counted from the chunk's first.
        case outOfRange(OutOfRangeCell)
    }

    /// A cell whose number would become ±∞ or 0 (`CSVField.Content.outOfRange`).
    struct OutOfRangeCell {
        let line: Int
        /// 0-based, in the chunk.
        let row: Int
        /// 0-based.
        let column: Int
        let text: String
        let tooLarge: Bool
    }

    /// The byte offset at which the parse started.
    let start: Int
    /// The byte offset after the last record (or blank line) read.
    var end: Int
    /// How many lines the records took: the next chunk starts `lineCount` lines after this one.
    var lineCount = 0
    var rowCount = 0
    var values: ChunkColumns?
    /// Per column: how many cells are empty.
    var missing: [Int]
    /// Per column: the chunk's first row whose cell is text, if any.
    var firstTextRow: [Int?]
    /// The line each row starts on, counted from 1 at the chunk's first line.
    var lines = RowLines()
    /// The byte offset of every 64th row (rows 0, 64, 128, …), to find a cell again later.
    var checkpoints: [Int] = []
    var outcome = Outcome.complete
    /// The first byte that is not well-formed UTF-8 in the stretch this chunk checked:
    /// the cells its parse read, and what the parse did not reach when it did not complete
    /// (`TableBuilder.parseInParallel`).
    var invalidUTF8: Int?

    init(start: Int, columns: Int) {
        self.start = start
        self.end = start
        missing = [Int](repeating: 0, count: columns)
        firstTextRow = [Int?](repeating: nil, count: columns)
    }

    /// Whether the chunk was read to its end without an error or an interrupt.
    var isComplete: Bool {
        if case .complete = outcome { return true }
        return false
    }

    /// The spacing of `checkpoints`.
    static let checkpointSpacing = 64
}
