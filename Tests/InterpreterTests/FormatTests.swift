import Diagnostics
import Interpreter
import Report
import Testing

/// How values are printed (NumberFormat and PrintedValue's text): 10 significant digits, integers bare, long values elided.
@Suite struct FormatTests {
    typealias F = InterpreterFixture

    @Test(
        arguments: [
            (3.0, "3"), (-2.5, "-2.5"), (-0.0, "0"), (0.1 + 0.2, "0.3"), (1.0 / 3, "0.3333333333"),
            (2.0 / 3, "0.6666666667"), (1e20, "1e20"), (1e-20, "1e-20"), (123_456_789_012, "123456789012"),
            (1e15, "1e15"), (1e14, "100000000000000"), (12345.678901234, "12345.6789"),
            (0.000123456789012, "0.000123456789"),
            (1e-5, "1e-5"), (100000.5, "100000.5"), (-1.5e-7, "-1.5e-7"), (6.02214076e23, "6.02214076e23"),
            (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
        ] as [(Double, String)])
    func numbers(x: Double, text: String) {
        #expect(NumberFormat.significant(x) == text)
    }

    @Test func numberDigits() {
        #expect(NumberFormat.significant(.pi, digits: 3) == "3.14")
        #expect(NumberFormat.significant(.pi, digits: 17) == "3.1415926535897931")
        #expect(NumberFormat.significant(0.1, digits: 17) == "0.10000000000000001")
    }

    @Test func vectors() {
        #expect(PrintedValue.vector([]).text == "[]")
        #expect(PrintedValue.vector([1, 2.5, -3]).text == "[1, 2.5, -3]")
        // More than 100 elements: the first 90, an ellipsis, the last 5, and the length.
        let long = (1...150).map(Double.init)
        let expected =
            "[" + (1...90).map(String.init).joined(separator: ", ") + ", …, 146, 147, 148, 149, 150]  (150 values)"
        #expect(PrintedValue.vector(long).text == expected)
        #expect(PrintedValue.vector(Array(long.prefix(100))).text.hasSuffix("99, 100]"))
    }

    @Test func printedScalarsVectorsAndStrings() {
        #expect(
            F.output("print 3\nprint 1/3\nprint [1, 2.5, -3]\nprint []\nprint \"hello\", 1, [1, 2]") == [
                "3", "0.3333333333", "[1, 2.5, -3]", "[]", "hello 1 [1, 2]",
            ])
        #expect(F.output("print 1 ± 0.5") == ["[0.5, 1.5]"])
        #expect(F.output("print 1/0, -1/0") == ["inf -inf"])
        // A bare expression prints its value too.
        #expect(F.output("data x = [1, 2]\nx * 2\nx[1]") == ["[2, 4]", "1"])
        #expect(F.output("print \"tab\\there\"") == ["tab\there"])
    }

    @Test func printedMatricesAlignTheirColumns() {
        #expect(F.output("print [[1, 2], [3, 40]]") == ["[[1,  2],\n [3, 40]]"])
        #expect(F.output("print [[1.5, -2], [3, 4]]") == ["[[1.5, -2],\n [  3,  4]]"])
        #expect(F.output("print [[7]]") == ["[[7]]"])
    }

    @Test func longMatricesAreElided() {
        let rows = (1...25).map { "[\($0), \($0 * 10)]" }.joined(separator: ", ")
        let out = F.output("print [\(rows)]").first ?? ""
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // 15 rows, an ellipsis, the last 5 rows; the row count after the last.
        #expect(lines.count == 21)
        #expect(lines.first == "[[ 1,  10],")
        #expect(lines[14] == " [15, 150],")
        #expect(lines[15] == "  …")
        #expect(lines[16] == " [21, 210],")
        #expect(lines.last == " [25, 250]]  (25 rows)")
    }

    @Test func printedTables() {
        let (ok, t) = F.run("data d = csv(\"cars.csv\")\nprint d\nprint d.label\nprint d.speed", directory: F.directory)
        #expect(ok)
        #expect(
            t.printed == [
                """
                cars.csv: 3 rows × 3 columns
                speed  dist  label
                ─────  ────  ─────
                4      2     a
                7      4     b
                8      16    c
                """,
                "[\"a\", \"b\", \"c\"]",
                "[4, 7, 8]",
            ])
        let (_, g) = F.run("data g = csv(\"gaps.csv\")\nprint g\nprint g.b", directory: F.directory)
        #expect(g.printed == ["gaps.csv: 2 rows × 2 columns\na  b\n─  ─\n1  2\n3", "[\"2\", missing]"])
    }

    @Test func longTablesShowTheirFirstRows() {
        let csv = "x,y\n" + (1...12).map { "\($0),\(Double($0) * 1.5)" }.joined(separator: "\n") + "\n"
        let path = F.directory + "/long.csv"
        _ = FileManagerShim.write(csv, to: path)
        let (_, t) = F.run("data b = csv(\"long.csv\")\nprint b", directory: F.directory)
        let lines = (t.printed.first ?? "").split(separator: "\n").map(String.init)
        #expect(lines.first == "long.csv: 12 rows × 2 columns (first 10 shown)")
        #expect(lines.count == 13)
        #expect(lines.last == "10  15")
    }

    @Test func printedEventsCarryTheValues() {
        let (_, t) = F.run("print 2, [1, 2], \"s\"")
        guard let values = t.values.first, values.count == 3 else {
            Issue.record("expected three values")
            return
        }
        if case .number(2) = values[0] {} else { Issue.record("\(values[0])") }
        if case .vector([1, 2]) = values[1] {} else { Issue.record("\(values[1])") }
        if case .string("s") = values[2] {} else { Issue.record("\(values[2])") }
    }
}
