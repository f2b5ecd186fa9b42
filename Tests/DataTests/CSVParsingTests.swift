import Foundation
import Testing

@testable import Data

/// The shapes of real CSV files: quoting, line endings, BOM, blank lines, whitespace.
@Suite struct CSVParsingTests {
    @Test func readsHeaderAndRows() throws {
        let t = try table("x,y\n1,2\n3,4\n")
        #expect(t.name == "t.csv")
        #expect(t.path == "/data/t.csv")
        #expect(t.columnNames == ["x", "y"])
        #expect(t.rowCount == 2)
        #expect(t.column(named: "x")?.values == [1, 3])
        #expect(t.column(named: "y")?.values == [2, 4])
        #expect(t.column(named: "z") == nil)
    }

    @Test func finalNewlineIsOptional() throws {
        let t = try table("x,y\n1,2\n3,4")
        #expect(t.rowCount == 2)
        #expect(t.column(named: "y")?.values == [2, 4])
    }

    @Test func headerOnlyGivesNoRows() throws {
        let t = try table("x,y\n")
        #expect(t.rowCount == 0)
        #expect(t.columns.map(\.kind) == [.numeric, .numeric])
    }

    @Test func crlfLineEndings() throws {
        let t = try table("x,name\r\n1,\"a\r\nb\"\r\n2,c\r\n")
        #expect(t.rowCount == 2)
        #expect(cells(t, "name") == ["a\r\nb", "c"])
        #expect(t.column(named: "x")?.lines == [2, 4])
    }

    @Test func loneCarriageReturnEndsALine() throws {
        let t = try table("x\r1\r2")
        #expect(t.column(named: "x")?.values == [1, 2])
        #expect(t.column(named: "x")?.lines == [2, 3])
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let t = try table("\u{FEFF}id,v\n1,2\n")
        #expect(t.columnNames == ["id", "v"])
    }

    @Test func quotedFieldsHoldCommasNewlinesAndQuotes() throws {
        let t = try table("name,n\n\"Smith, J.\",1\n\"two\nlines\",2\n\"say \"\"hi\"\"\",3\n\"\"\"\"\"\",4\n")
        #expect(cells(t, "name") == ["Smith, J.", "two\nlines", "say \"hi\"", "\"\""])
        #expect(t.column(named: "n")?.lines == [2, 3, 5, 6])
    }

    @Test func spacesMayComeBeforeAnOpeningQuote() throws {
        let t = try table("n, name\n1, \"Smith, J.\"\n")
        #expect(cells(t, "name") == ["Smith, J."])
    }

    @Test func quotesInsideUnquotedFieldsAreLiteral() throws {
        let t = try table("a,b\n5\" tall,x\"y\"\n")
        #expect(cells(t, "a") == ["5\" tall"])
        #expect(cells(t, "b") == ["x\"y\""])
    }

    @Test func spacesAfterClosingQuoteAreAllowed() throws {
        let t = try table("a,b\n\"x\"  ,\"y\"\t\n")
        #expect(cells(t, "a") == ["x"])
        #expect(cells(t, "b") == ["y"])
    }

    @Test func quotedNumbersAreNumbers() throws {
        let t = try table("a\n\"1.5\"\n\" 2 \"\n")
        #expect(t.column(named: "a")?.kind == .numeric)
        #expect(t.column(named: "a")?.values == [1.5, 2])
    }

    @Test func headerNamesAreTrimmed() throws {
        let t = try table(" x , \"y \" ,\tz\t\n1,2,3\n")
        #expect(t.columnNames == ["x", "y", "z"])
    }

    @Test func blankLinesAreSkippedAnywhere() throws {
        let t = try table("\n\nx,y\n\n1,2\n   \n\r\n3,4\n\n\n  \n")
        #expect(t.rowCount == 2)
        #expect(t.column(named: "x")?.values == [1, 3])
        #expect(t.column(named: "x")?.lines == [5, 8])
    }

    @Test func trailingEmptyFieldIsAMissingCell() throws {
        let t = try table("a,b\n1,\n2,")
        #expect(cells(t, "b") == [nil, nil])
        #expect(t.column(named: "b")?.missingCount == 2)
    }

    @Test func textCellsKeepTheirSpaces() throws {
        let t = try table("s\n  padded \n")
        #expect(cells(t, "s") == ["  padded "])
    }

    @Test func numericCellsKeepTheirRawText() throws {
        let t = try table("a,b\n 1.50 ,x\n,y\n2e3,z\n")
        let a = try #require(t.column(named: "a"))
        #expect(a.cells == [" 1.50 ", nil, "2e3"])
        #expect(a.cell(at: 0) == " 1.50 ")
        #expect(a.cell(at: 1) == nil)
        #expect(a.cell(at: 2) == "2e3")
        #expect(a.cell(at: 3) == nil)
    }

    @Test func utf8TextSurvives() throws {
        let t = try table("σ,名前\n1,東京\n2,\"Zürich, CH\"\n")
        #expect(t.columnNames == ["σ", "名前"])
        #expect(cells(t, "名前") == ["東京", "Zürich, CH"])
    }

    @Test func readsAFileFromDisk() throws {
        let path = try temporaryFile(Array("x,y\n1,2\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let t = try CSVReader.read(path: path, name: "data/xy.csv")
        #expect(t.name == "data/xy.csv")
        #expect(t.path == path)
        #expect(t.column(named: "y")?.values == [2])
    }
}
