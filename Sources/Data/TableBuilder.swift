import Interrupt

/// Gathers a CSV file's data rows into columns: the file is cut into chunks
/// (`ChunkPlan`) that are checked as UTF-8 and parsed on every core at once
/// (`ChunkParser`), then joined in file order, each chunk's guessed start checked
/// against where the chunk before it really ended (and the chunk parsed again from
/// there when they differ).
///
/// Because chunks join in order, a bad file fails exactly as a single pass from the
/// top would: at its first bad byte if it is not UTF-8, else at its first malformed
/// record, with that record's line. The UTF-8 check is part of the parse: a cell read
/// as a number, an empty cell and a blank line are ASCII by what they are, so only the
/// other cells' bytes are checked, and of a chunk whose parse did not complete, the
/// bytes it did not reach. While the chunks are parsed, the memory of the
/// file's pages is given back behind them, and each chunk's numbers land in their own
/// memory, copied into the table's columns at the end (`TableBuilder+Columns`), so a
/// load holds the parsed numbers, a few chunks of the file, and nothing the size of
/// the file.
///
/// Ctrl-C (`isInterrupted`) is polled every 65,536 rows within a chunk and before each
/// chunk after the first; the read then stops with an error at the line it reached.
struct TableBuilder {
    let names: [String]
    /// The file's name, for messages.
    let file: String
    let source: MappedFile
    /// How many threads parse at once.
    var threads = Parallel.threadCount
    /// The nominal chunk length; nil lets `ChunkPlan` choose.
    var chunkSize: Int?
    var isInterrupted: @Sendable () -> Bool = { Interrupt.requested }

    init(names: [String], file: String, source: MappedFile) {
        self.names = names
        self.file = file
        self.source = source
    }

    /// A chunk accepted into the table, with where its rows and lines begin in the file.
    struct PlacedChunk {
        var chunk: CSVChunk
        /// The table row of the chunk's first row.
        let rowBase: Int
        /// Added to the chunk's line numbers (which count from 1) to give the file's.
        let lineBase: Int
    }

    /// Reads every record from `dataStart` (the byte after the header, on line `line`) to the end.
    func columns(dataStart: Int, line: Int) throws(CSVError) -> [Column] {
        let bytes = source.bytes
        let plan = ChunkPlan(bytes: bytes, dataStart: dataStart, threads: threads, size: chunkSize)
        let parser = ChunkParser(bytes: bytes, file: file, columnCount: names.count, isInterrupted: isInterrupted)
        let guesses = parseInParallel(plan, parser)
        if !guesses.contains(where: { if case .interrupted = $0.outcome { true } else { false } }),
            let offset = guesses.compactMap(\.invalidUTF8).min()
        {
            throw CSVReader.invalidUTF8(at: offset, in: bytes, name: file)
        }
        let placed = try join(guesses, plan: plan, parser: parser, dataStart: dataStart, line: line)
        defer { source.release(0..<bytes.count) }
        return assemble(placed)
    }

    /// Every chunk parsed from its guessed start, its stretch of the file checked as UTF-8.
    private func parseInParallel(_ plan: ChunkPlan, _ parser: ChunkParser) -> [CSVChunk] {
        let results = UnsafeMutableBufferPointer<CSVChunk?>.allocate(capacity: plan.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        let source = self.source
        let isInterrupted = self.isInterrupted
        Parallel.forEach(plan.count, threads: threads) { index in
            let start = plan.starts[index]
            if index > 0, isInterrupted() {
                var chunk = CSVChunk(start: start, columns: parser.columnCount)
                chunk.outcome = .interrupted(line: 1)
                slots[index] = chunk
                return
            }
            let checked = start..<plan.starts[index + 1]
            var chunk = parser.parse(
                start: start, rangeEnd: plan.boundaries[index + 1],
                scanLimit: plan.scanLimit(index, fileLength: parser.bytes.count))
            // A complete parse checked every byte from its start to its end as UTF-8, and
            // what is left of the chunk's stretch is checked here. Any other parse may
            // have stopped anywhere (even inside a character, at its scan limit), so its
            // whole stretch is checked instead.
            if !chunk.isComplete { chunk.invalidUTF8 = nil }
            let unchecked = chunk.isComplete ? min(chunk.end, checked.upperBound)..<checked.upperBound : checked
            if !unchecked.isEmpty,
                let invalid = UTF8Validation.firstInvalidOffset(in: parser.bytes, range: unchecked)
            {
                chunk.invalidUTF8 = min(invalid, chunk.invalidUTF8 ?? invalid)
            }
            source.release(start..<max(chunk.end, checked.upperBound))
            slots[index] = chunk
        }
        return results.compactMap { $0 }
    }

    /// The chunks in file order, each one's start checked against the end of the one
    /// before (and parsed again from there if they differ or its parse was not
    /// complete); throws the first malformed record's error or the interrupt.
    private func join(
        _ guesses: [CSVChunk], plan: ChunkPlan, parser: ChunkParser, dataStart: Int, line: Int
    ) throws(CSVError) -> [PlacedChunk] {
        var placed: [PlacedChunk] = []
        var position = dataStart
        var lineBase = line - 1
        var rowBase = 0
        for (index, guess) in guesses.enumerated() {
            var chunk = guess
            if case .interrupted(let line) = chunk.outcome {
                throw CSVError(
                    file: file, line: lineBase + (chunk.start == position ? line : 1), message: DataMessage.interrupted)
            }
            if chunk.start != position || !chunk.isComplete {
                chunk = parser.parse(
                    start: position, rangeEnd: max(position, plan.boundaries[index + 1]), scanLimit: parser.bytes.count)
                source.release(position..<chunk.end)
            }
            switch chunk.outcome {
            case .complete: break
            case .failed(let error):
                throw CSVError(file: error.file, line: error.line.map { $0 + lineBase }, message: error.message)
            case .interrupted(let line):
                throw CSVError(file: file, line: lineBase + line, message: DataMessage.interrupted)
            case .outOfRange(let cell):
                throw CSVError(
                    file: file, line: lineBase + cell.line,
                    message: DataMessage.outOfRange(
                        cell.text, row: rowBase + cell.row + 1, column: names[cell.column], tooLarge: cell.tooLarge))
            case .unresolved:
                // A full parse always resolves: the rows it holds are bounded by its bytes.
                throw CSVError(file: file, line: lineBase + 1, message: DataMessage.internalError("a chunk overflowed"))
            }
            placed.append(PlacedChunk(chunk: chunk, rowBase: rowBase, lineBase: lineBase))
            position = chunk.end
            lineBase += chunk.lineCount
            rowBase += chunk.rowCount
        }
        return placed
    }
}
