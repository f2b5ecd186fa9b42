import LinearAlgebra
import Testing

@testable import Data

/// Factors: levels in R's C-locale order, codes, a chosen baseline, and the missing rows named.
@Suite struct FactorTests {
    @Test func levelsAreSortedByBytesAndCodesPointIntoThem() {
        let f = Factor(name: "tension", values: ["L", "M", "H", "L", "H"])
        #expect(f.levels == ["H", "L", "M"])  // R: levels(factor(c("L","M","H"))) in the C locale
        #expect(f.codes == [2, 3, 1, 2, 1])
        #expect(f.baseline == "H")
        #expect(f.rowCounts == [2, 2, 1])
        #expect(f.level(atRow: 2) == "H")
        #expect(f.code(of: "M") == 3)
        #expect(f.code(of: "X") == nil)
    }

    /// R's sort() with LC_COLLATE=C: upper case before lower case, code point order beyond ASCII.
    @Test func cLocaleOrderBeyondLetters() {
        let f = Factor(name: "g", values: ["b", "B", "a", "A", "é", "z", "10", "9", " x", "_"])
        #expect(f.levels == [" x", "10", "9", "A", "B", "_", "a", "b", "z", "é"])
        // é (U+00E9) written as one code point or as e + U+0301 is one level.
        let g = Factor(name: "g", values: ["\u{E9}", "e\u{301}", "e"])
        #expect(g.levels.count == 2)
        #expect(g.codes == [2, 2, 1])
    }

    @Test func numbersSortByValueAndReadAsShortestDecimals() {
        let f = Factor(name: "cyl", numbers: [6, 4, 8, 10, 4, 0.5, -0.0, 0])
        #expect(f.levels == ["0", "0.5", "4", "6", "8", "10"])  // R: levels(factor(c(6, 4, 8, 10, 0.5, 0)))
        #expect(f.codes == [4, 3, 5, 6, 3, 2, 1, 1])
        #expect(f.indicatorLabels == ["cyl0.5", "cyl4", "cyl6", "cyl8", "cyl10"])
    }

    @Test func baselineMovesOneLevelFirst() throws {
        let f = Factor(name: "tension", values: ["L", "M", "H", "L"])
        let r = try f.withBaseline("L").get()
        #expect(r.levels == ["L", "H", "M"])  // R: levels(relevel(factor(x), ref = "L"))
        #expect(r.codes == [1, 3, 2, 1])
        #expect(r.indicatorLabels == ["tensionH", "tensionM"])
        #expect(f.withBaseline("X").failure == .notALevel("X", factor: "tension", levels: ["H", "L", "M"]))
        #expect(
            f.withBaseline("X").failure?.description
                == "no row of 'tension' has the level \"X\"; its levels are \"H\", \"L\" and \"M\"")
    }

    @Test func levelsInAGivenOrder() throws {
        let f = Factor(name: "tension", values: ["L", "M", "H", "L"])
        let o = try f.ordered(as: ["L", "M", "H", "X"]).get()
        #expect(o.levels == ["L", "M", "H", "X"])
        #expect(o.codes == [1, 2, 3, 1])
        #expect(o.rowCounts == [2, 1, 1, 0])
        #expect(f.ordered(as: ["L", "M"]).failure == .notListed("H", row: 3, factor: "tension"))
        #expect(f.ordered(as: ["L", "M", "L", "H"]).failure == .listedTwice("L", factor: "tension"))
        #expect(
            f.ordered(as: ["L", "M"]).failure?.description
                == "row 3 of 'tension' has the level \"H\", which the levels given do not list")
    }

    @Test func levelsAsFactorHasOneRowPerLevel() {
        let f = Factor(name: "w", values: ["B", "A", "B"]).levelsAsFactor
        #expect(f.levels == ["A", "B"])
        #expect(f.codes == [1, 2])
    }

    @Test func aColumnBecomesAFactorUnlessARowHasNoLevel() throws {
        let t = try table("wool,n,site,grade\nB,1,x,1\nA,2,,2\nB,3,NA,?\n")
        let wool = try #require(t.column(named: "wool"))
        #expect(try wool.factor().get() == Factor(name: "wool", levels: ["A", "B"], codes: [2, 1, 2]))
        #expect(try #require(t.column(named: "n")).factor().get().levels == ["1", "2", "3"])
        let site = try #require(t.column(named: "site"))
        let missing = CellProblem(file: "t.csv", line: 3, row: 2, column: "site", cell: nil)
        #expect(site.factor().failure == .missing(missing))
        #expect(
            site.factor().failure?.description
                == "t.csv row 2 (line 3), column 'site': the cell is empty (a missing value), so the row has no level")
        let na = try table("g\nx\nNA\n").columns[0]
        #expect(
            na.factor().failure?.description
                == "t.csv row 2 (line 3), column 'g': 'NA' marks a missing value, so the row has no level")
    }

    /// A text column that is mostly numbers is a numeric column with a bad cell, not categories.
    @Test func categoriesAreTextColumnsThatAreMostlyNotNumbers() throws {
        let t = try table("wool,grade,half,n\nA,1,1,1\nB,2,x,2\nA,?,y,3\nB,4,2,4\n")
        #expect(try #require(t.column(named: "wool")).isCategorical)
        #expect(try #require(t.column(named: "grade")).isCategorical == false)
        #expect(try #require(t.column(named: "half")).isCategorical)  // 2 of 4 cells are numbers
        #expect(try #require(t.column(named: "n")).isCategorical == false)  // numeric
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
