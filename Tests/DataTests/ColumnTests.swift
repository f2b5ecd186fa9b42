import Testing

@testable import Data

/// Numeric versus text columns, missing cells, and the problems `numbers()` reports.
@Suite struct ColumnTests {
    @Test(arguments: [
        ("0", 0.0), ("-0", -0.0), ("+7", 7), ("1.5", 1.5), (".5", 0.5), ("5.", 5), ("-.25", -0.25),
        ("1e3", 1000), ("1E-3", 0.001), ("2.5e+2", 250), (" 42\t", 42), ("007", 7),
        ("0.1", 0.1), ("123456789012345678901234567890", 123456789012345678901234567890.0),
        ("3.141592653589793238", 3.141592653589793), ("1e308", 1e308), ("1e-320", 1e-320),
        ("4.9e-324", .leastNonzeroMagnitude), ("1.7976931348623157e308", 1.7976931348623157e308),
        ("9007199254740993", 9_007_199_254_740_992), ("0.000000000000000000000000001", 1e-27),
    ])
    func numbersFollowTheGrammar(text: String, value: Double) {
        let parsed = NumberParser.value(of: text)
        #expect(parsed == value)
        #expect(parsed?.sign == value.sign)
    }

    @Test(arguments: [
        "NA", "nan", "NaN", "inf", "-inf", "Infinity", "1,5", "1.2.3", "e5", ".", "-", "+", "1e", "1e+",
        ".e1", "0x10", "1_000", "--1", "1 2", "١", "12abc", "TRUE", "\"1\"", "1e400", "1e-400",
    ])
    func nonNumbersAreText(text: String) {
        #expect(NumberParser.value(of: text) == nil)
    }

    @Test func fastPathMatchesTheStandardLibrary() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let mantissa = UInt64.random(in: 0...(1 << 53), using: &generator)
            let digits = String(mantissa)
            let point = Int.random(in: 0...digits.count, using: &generator)
            let exponent = Int.random(in: -30...30, using: &generator)
            let text = "\(digits.prefix(point)).\(digits.dropFirst(point))e\(exponent)"
            #expect(NumberParser.value(of: text) == Double(text), "\(text)")
        }
    }

    /// The line of each row, kept as runs: a row continues the last run when it starts on
    /// the next line, also after joining chunks (`append(contentsOf:)`) and moving one (`shifted`).
    @Test func rowLinesKeepRunsAcrossJoins() {
        var lines = RowLines([2, 3, 4, 6, 7])
        lines.append(8)
        lines.append(10)
        #expect(Array(lines) == [2, 3, 4, 6, 7, 8, 10])
        var chunk = RowLines([1, 2, 4])
        chunk = chunk.shifted(by: 10)
        chunk.append(15)
        #expect(Array(chunk) == [11, 12, 14, 15])
        lines.append(contentsOf: chunk)
        lines.append(16)
        lines.append(18)
        #expect(Array(lines) == [2, 3, 4, 6, 7, 8, 10, 11, 12, 14, 15, 16, 18])
        #expect(lines == RowLines(Array(lines)))
        var empty = RowLines()
        empty.append(contentsOf: RowLines())
        empty.append(5)
        #expect(Array(empty) == [5])
    }

    @Test func columnOfNumbersIsNumeric() throws {
        let t = try table("a,b\n1,x\n2.5,3\n")
        #expect(t.column(named: "a")?.kind == .numeric)
        #expect(t.column(named: "b")?.kind == .text)
        #expect(t.column(named: "b")?.values == [])
        #expect(cells(t, "b") == ["x", "3"])
    }

    @Test func naMakesATextColumn() throws {
        let t = try table("age\n31\nNA\n40\n")
        let age = try #require(t.column(named: "age"))
        #expect(age.kind == .text)
        #expect(age.missingCount == 0)
        #expect(age.cells == ["31", "NA", "40"])
    }

    @Test func emptyCellsAreMissingNotText() throws {
        let t = try table("a,b\n1,\n,\n3,\"\"\n  ,x\n")
        let a = try #require(t.column(named: "a"))
        #expect(a.kind == .numeric)
        #expect(a.missingCount == 2)
        #expect(a.values.map(\.isNaN) == [false, true, false, true])
        #expect(t.column(named: "b")?.missingCount == 3)
        #expect(cells(t, "b") == [nil, nil, nil, "x"])
    }

    @Test func allMissingColumnIsNumeric() throws {
        let t = try table("a,b\n,1\n,2\n")
        #expect(t.column(named: "a")?.kind == .numeric)
        #expect(t.column(named: "a")?.missingCount == 2)
    }

    @Test func numbersOfACleanColumn() throws {
        let t = try table("a\n1\n2\n")
        #expect(try t.column(named: "a")?.numbers().get() == [1, 2])
    }

    @Test func numbersOfATextColumnNamesTheFirstNonNumber() throws {
        let t = try CSVReader.parse("id,age\n1,31\n2,\n3,NA\n4,x\n", name: "cars.csv", path: "/p/cars.csv")
        let problem = try #require(failure(t.column(named: "age")?.numbers()))
        #expect(problem == CellProblem(file: "cars.csv", line: 4, row: 3, column: "age", cell: "NA"))
        #expect(problem.description == "cars.csv row 3 (line 4), column 'age': expected a number, found 'NA'")
    }

    @Test func numbersOfAColumnWithMissingCellsNamesTheFirstEmptyOne() throws {
        let t = try CSVReader.parse("id,age\n1,31\n\n2,\n3,\n", name: "cars.csv", path: "/p/cars.csv")
        let problem = try #require(failure(t.column(named: "age")?.numbers()))
        #expect(
            problem.description
                == "cars.csv row 2 (line 4), column 'age': "
                + "the cell is empty (a missing value), which arithmetic cannot use")
        #expect(problem.cell == nil)
    }

    @Test func oneColumnFileMarksMissingWithQuotes() throws {
        let t = try table("v\n1\n\n\"\"\n2\n")
        #expect(t.column(named: "v")?.missingCount == 1)
        #expect(failure(t.column(named: "v")?.numbers())?.line == 4)
    }

    @Test func problemTextIsShownOnOneLine() throws {
        let t = try table("a\n\"two\nlines\"\n")
        let problem = try #require(failure(t.column(named: "a")?.numbers()))
        #expect(problem.description == "t.csv row 1 (line 2), column 'a': expected a number, found 'two\\nlines'")
        let long = CellProblem(file: "f", line: 2, row: 1, column: "c", cell: String(repeating: "x", count: 50))
        #expect(long.description.hasSuffix("found '\(String(repeating: "x", count: 40))…'"))
    }

    @Test func columnFromCellTexts() {
        let column = Column(name: "v", cells: ["1", nil, " ", "2e1"], file: "f.csv")
        #expect(column.kind == .numeric)
        #expect(column.cells == ["1", nil, nil, "2e1"])
        #expect(column.missingCount == 2)
        #expect(column.lines == [2, 3, 4, 5])
        #expect(
            failure(column.numbers())?.description
                == "f.csv row 2 (line 3), column 'v': the cell is empty (a missing value), which arithmetic cannot use")
        let text = Column(name: "w", cells: ["1", "a"], lines: [7, 9])
        #expect(text.kind == .text)
        #expect(failure(text.numbers())?.line == 9)
    }

    private func failure(_ result: Result<[Double], CellProblem>?) -> CellProblem? {
        guard case .failure(let problem) = result else { return nil }
        return problem
    }
}
