import Foundation
import Testing

@testable import Data

/// Every way a file can fail to be a table, and the exact message for each.
@Suite struct CSVErrorTests {
    @Test func missingFileNamesTheResolvedPath() {
        let path = "/nonexistent-mle-dir/cars.csv"
        #expect(
            throws: CSVError(
                file: "data/cars.csv", line: nil,
                message: "cannot read the file '\(path)': no such file or directory")
        ) {
            try CSVReader.read(path: path, name: "data/cars.csv")
        }
    }

    @Test func directoryIsUnreadable() throws {
        let directory = FileManager.default.temporaryDirectory.path
        do {
            _ = try CSVReader.read(path: directory, name: "d")
            Issue.record("reading a directory should fail")
        } catch {
            #expect(error.line == nil)
            #expect(error.message == "cannot read the file '\(directory)': it is a directory, not a CSV file")
        }
    }

    @Test("a device or a FIFO is refused at once, before it is opened (reading one may never end)")
    func nonRegularFilesAreRefused() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("mle-fifo-\(getpid())").path
        unlink(fifo)
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        for path in ["/dev/zero", fifo] {
            do {
                _ = try CSVReader.read(path: path, name: "d")
                Issue.record("reading \(path) should fail")
            } catch {
                #expect(
                    error.message
                        == "cannot read the file '\(path)': it is not a regular file (a device, a pipe or a socket, which may never end): csv() reads files saved on disk"
                )
            }
        }
    }

    @Test func invalidUTF8NamesTheLine() {
        let bytes = Array("a,b\n1,2\n3,".utf8) + [0xFF, 0x41] + Array("\n".utf8)
        let error = parseError(bytes: bytes)
        #expect(
            error?.description
                == "t.csv line 3: the file is not UTF-8 text (byte 0xFF at offset 10); "
                + "it may be Latin-1 or Windows-1252: save it as UTF-8")
    }

    @Test(
        arguments: [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xC3],
        ] as [[UInt8]])
    func illFormedSequencesAreRejected(sequence: [UInt8]) {
        #expect(parseError(bytes: Array("x\n".utf8) + sequence)?.line == 2)
    }

    @Test func wellFormedMultibyteIsAccepted() {
        let text = "x\n\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}é\n"
        #expect(parseError(text) == nil)
    }

    @Test(arguments: ["", "\u{FEFF}", "\n\n", " \r\n\t\n"])
    func emptyFileHasNoHeader(text: String) {
        #expect(
            parseError(text)?.description
                == "t.csv: the file is empty: a CSV file needs a header row naming its columns")
    }

    @Test func tooManyFields() {
        #expect(
            parseError("a,b,c\n1,2,3\n1,2,3,4\n")?.description
                == "t.csv line 3: row has 4 fields, but the header has 3 columns")
    }

    @Test func tooFewFieldsCountsFromTheRowsFirstLine() {
        #expect(
            parseError("a,b\n1,2\n\"x\ny\"\n")?.description
                == "t.csv line 3: row has 1 field, but the header has 2 columns")
    }

    @Test func oneColumnHeaderSaysColumn() {
        #expect(parseError("a\n1,2\n")?.message == "row has 2 fields, but the header has 1 column")
    }

    @Test func unterminatedQuoteNamesTheLineWhereItStarted() {
        #expect(
            parseError("a,b\n1,2\n3,\"open\n4,5\n6,7\n")?.description
                == "t.csv line 3: a quoted field starts on this line but is never closed (missing closing '\"')")
    }

    @Test func unterminatedQuoteInTheHeader() {
        #expect(parseError("\"a,b\n")?.line == 1)
    }

    @Test func textAfterClosingQuote() {
        #expect(
            parseError("a,b\n\"x\"y,2\n")?.description
                == "t.csv line 2: unexpected 'y' after the closing quote of a quoted field "
                + "(inside quotes, write a quote as \"\")")
    }

    @Test func duplicateColumnNames() {
        #expect(
            parseError("x,y, x\n1,2,3\n")?.description
                == "t.csv line 1: column 'x' appears twice in the header (columns 1 and 3)")
    }

    @Test func emptyColumnName() {
        #expect(parseError("x,,z\n1,2,3\n")?.description == "t.csv line 1: the header's column 2 has an empty name")
        #expect(
            parseError("x,\"  \"\n1,2\n")?.message
                == "the header's column 2 has an empty name (is there a trailing comma?)")
        #expect(parseError("\n\n\"\"\n1\n")?.description == "t.csv line 3: the header's column 1 has an empty name")
    }

    @Test func errorDescriptionWithoutLine() {
        #expect(CSVError(file: "f.csv", line: nil, message: "m").description == "f.csv: m")
        #expect(CSVError(file: "f.csv", line: 2, message: "m").description == "f.csv line 2: m")
    }
}
