import Foundation
import SeededRandom
import Testing

@testable import Data

/// Cut into chunks parsed at the same time, a file reads exactly as in one pass: the
/// same columns, numbers, cells and lines, or the same error at the same line, however
/// the cuts fall (inside quoted fields with line endings, between CR and LF, in blank
/// lines) and whatever the threads do.
@Suite struct CSVChunkingTests {
    @Test func randomFilesReadTheSameInAnyChunks() throws {
        var generator = SeededGenerator(seed: 11)
        for round in 0..<300 {
            let bytes = Self.randomCSV(&generator, malformed: round % 3 == 0)
            let reference = Self.read(bytes, threads: 1, chunkSize: .max)
            for chunkSize in [1, 2, 3, 5, 8, 13, 40] {
                for threads in [1, 2] {
                    let chunked = Self.read(bytes, threads: threads, chunkSize: chunkSize)
                    guard chunked == reference else {
                        let file = String(decoding: bytes, as: UTF8.self)
                        Issue.record(
                            "round \(round), chunks of \(chunkSize) on \(threads) threads: \(chunked) ≠ \(reference)\n\(file)"
                        )
                        return
                    }
                }
            }
        }
    }

    /// Quoted fields holding whole lookalike records: nearly every guessed start is
    /// wrong, and every one is found and fixed.
    @Test func quotedLookalikeRecordsAreNotTakenForRows() throws {
        let row = "1,\"2,3\n4,5\n6,\"\"7\"\"\n\",8\n"
        let bytes = Array(("a,b,c\n" + String(repeating: row, count: 200)).utf8)
        let reference = Self.read(bytes, threads: 1, chunkSize: .max)
        guard case .table(let t) = reference else {
            Issue.record("\(reference)")
            return
        }
        #expect(t.rowCount == 200)
        for chunkSize in [1, 4, 9, 17, 64] { #expect(Self.read(bytes, threads: 2, chunkSize: chunkSize) == reference) }
    }

    /// Every possible cut of a small file (a BOM, CRLF endings, a quoted field holding a
    /// comma and a CRLF, long numbers, an empty cell, a text column, a blank line): each
    /// cut falls inside a number, a quoted field or a line ending in turn, and the table
    /// is the one a single pass reads.
    @Test func everyCutOfASmallFileReadsTheSame() throws {
        let text =
            "\u{FEFF}id,x,note\r\n1,123456.789012345678901,\"a, b\r\nc\"\r\n\r\n2,-4.9e-324,plain\r\n"
            + "3,,\"\"\"q\"\"\"\r\n4,1.7976931348623157e308,z"
        let bytes = Array(text.utf8)
        let reference = Self.read(bytes, threads: 1, chunkSize: .max)
        guard case .table(let t) = reference else {
            Issue.record("\(reference)")
            return
        }
        #expect(t.names == ["id", "x", "note"])
        #expect(t.rowCount == 4)
        #expect(t.lines[0] == [2, 5, 6, 7])
        #expect(t.cells[2] == ["a, b\r\nc", "plain", "\"q\"", "z"])
        let x: [Double] = [123456.789012345678901, -4.9e-324, .nan, 1.7976931348623157e308]
        #expect(t.valueBits[1] == x.map(\.bitPattern))
        for chunkSize in 1...bytes.count {
            let chunked = Self.read(bytes, threads: 2, chunkSize: chunkSize)
            guard chunked == reference else {
                Issue.record("chunks of \(chunkSize): \(chunked) ≠ \(reference)")
                return
            }
        }
    }

    /// The first bad record is the one reported, even when a later chunk also fails or
    /// was parsed first; a bad UTF-8 byte anywhere wins over a malformed record.
    @Test func theFirstErrorOfTheFileIsReported() {
        let text =
            "x,y\n" + String(repeating: "1,2\n", count: 500) + "3\n" + String(repeating: "1,2\n", count: 500) + "\"\n"
        let expected = Outcome.error(
            CSVError(file: "t.csv", line: 502, message: DataMessage.fieldCount(found: 1, expected: 2)))
        for chunkSize in [3, 100, 1000] {
            #expect(Self.read(Array(text.utf8), threads: 2, chunkSize: chunkSize) == expected)
        }
        let bad = Array(text.utf8) + Array("4,".utf8) + [0xFF] + Array("\n".utf8)
        let utf8 = Self.read(bad, threads: 2, chunkSize: 50)
        guard case .error(let error) = utf8 else {
            Issue.record("\(utf8)")
            return
        }
        #expect(error.message.hasPrefix("the file is not UTF-8 text"))
    }

    /// The UTF-8 check is part of the parse (only cells not read as numbers, empty cells
    /// or blank lines are checked, and what a chunk's parse did not reach): an ill-formed
    /// byte put anywhere in a random file, in a number, a quoted field, a blank line or
    /// a line ending, a malformed record before it or not, is the error, and at the
    /// offset a plain scan of the whole file finds first, however the file is cut.
    @Test func anIllFormedByteAnywhereIsFound() throws {
        var generator = SeededGenerator(seed: 29)
        let illFormed: [[UInt8]] = [[0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xE2, 0x82]]
        for round in 0..<300 {
            var bytes = Self.randomCSV(&generator, malformed: round % 3 == 0)
            let header = (bytes.firstIndex { $0 == 0x0A || $0 == 0x0D } ?? bytes.count) + 1
            guard header < bytes.count else { continue }
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let at = Int.random(in: header...bytes.count, using: &generator)
                bytes.insert(contentsOf: illFormed.randomElement(using: &generator)!, at: at)
            }
            let offset = try #require(
                bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) })
            let expected = bytes.withUnsafeBufferPointer { CSVReader.invalidUTF8(at: offset, in: $0, name: "t.csv") }
            for chunkSize in [1, 3, 8, 40, .max] {
                for threads in [1, 2] {
                    let chunked = Self.read(bytes, threads: threads, chunkSize: chunkSize)
                    guard chunked == .error(expected) else {
                        let file = String(decoding: bytes, as: UTF8.self)
                        Issue.record("round \(round), chunks of \(chunkSize) on \(threads) threads: \(chunked)\n\(file)")
                        return
                    }
                }
            }
        }
    }

    /// A file rewritten after it was read: its numeric columns give their numbers as
    /// text rather than read bytes that are no longer the ones parsed.
    @Test func aRewrittenFileGivesNumbersNotItsNewBytes() throws {
        let path = try temporaryFile(Array("x,y\n1.50,a\n,b\n2e3,c\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let t = try CSVReader.read(path: path, name: "d.csv")
        let x = try #require(t.column(named: "x"))
        #expect(x.cells == ["1.50", nil, "2e3"])
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Foundation.Data("z\n9\n".utf8))
        try handle.close()
        #expect(x.cells == ["1.5", nil, "2000"])
        #expect(x.cell(at: 0) == "1.5")
        #expect(x.cell(at: 1) == nil)
        #expect(t.column(named: "y")?.cells == ["a", "b", "c"])
    }

    /// What reading a file gave: its table's parts (comparable), or its error.
    enum Outcome: Equatable, CustomStringConvertible {
        case table(Snapshot)
        case error(CSVError)

        var description: String {
            switch self {
            case .table(let t): return "table \(t)"
            case .error(let e): return "error \(e)"
            }
        }
    }

    /// Everything a table's user can see.
    struct Snapshot: Equatable {
        var names: [String]
        var rowCount: Int
        var kinds: [Column.Kind]
        var valueBits: [[UInt64]]
        var lines: [[Int]]
        var cells: [[String?]]
        var missing: [Int]
        var problems: [CellProblem?]
    }

    static func read(_ bytes: [UInt8], threads: Int, chunkSize: Int) -> Outcome {
        do {
            let t = try CSVReader.parse(file: MappedFile(copying: bytes), name: "t.csv", path: "t.csv") {
                $0.threads = threads
                $0.chunkSize = chunkSize
            }
            return .table(
                Snapshot(
                    names: t.columnNames, rowCount: t.rowCount, kinds: t.columns.map(\.kind),
                    valueBits: t.columns.map { $0.values.map(\.bitPattern) }, lines: t.columns.map { Array($0.lines) },
                    cells: t.columns.map(\.cells), missing: t.columns.map(\.missingCount),
                    problems: t.columns.map { column in
                        if case .failure(let problem) = column.numbers() { return problem }
                        return nil
                    }))
        } catch {
            return .error(error)
        }
    }

    /// A small CSV file of random shape: 1–4 columns, numbers, text, empty and quoted
    /// cells (with commas, line endings and doubled quotes), LF, CRLF or CR line endings,
    /// blank lines; when `malformed`, sometimes a record with the wrong number of
    /// fields, an unclosed quote or text after a closing quote.
    static func randomCSV(_ generator: inout SeededGenerator, malformed: Bool) -> [UInt8] {
        let columns = Int.random(in: 1...4, using: &generator)
        let ending = ["\n", "\r\n", "\r"].randomElement(using: &generator) ?? "\n"
        var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + ending
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            if Int.random(in: 0..<8, using: &generator) == 0 {
                text += [" ", "", "\t "].randomElement(using: &generator)! + ending
            }
            var fields = (0..<columns).map { _ in randomCell(&generator, ending: ending) }
            if malformed, Int.random(in: 0..<30, using: &generator) == 0 {
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: fields.append("9")
                case 1: fields[0] = "\"open"
                default: fields[0] = "\"x\"y"
                }
            }
            text += fields.joined(separator: ",") + ending
        }
        if Bool.random(using: &generator) { text.removeLast(ending.count) }
        return Array(text.utf8)
    }

    static func randomCell(_ generator: inout SeededGenerator, ending: String) -> String {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: return ""
        case 1: return " "
        case 2: return ["a", "NA", "x y", "é", "5\" tall"].randomElement(using: &generator)!
        case 3:
            return "\"" + ["1,5", "two" + ending + "lines", "say \"\"hi\"\"", "", "3.5"].randomElement(
                using: &generator)! + "\""
        case 4: return " \"q\" "
        default:
            let value = Double.random(in: -1000...1000, using: &generator)
            return [String(value), String(Int(value)), String(format: "%.3e", value)].randomElement(using: &generator)!
        }
    }
}
