import LinearAlgebra
import Testing

@testable import Data

/// Design matrices: numeric columns as they are, factors as treatment-coded indicators
/// (R's model.matrix without its intercept column), interactions, and their labels.
@Suite struct DesignMatrixTests {
    let wb: Table

    init() throws {
        wb = try table("breaks,wool,tension\n26,A,L\n30,A,M\n54,A,H\n25,B,L\n70,B,M\n52,B,H\n")
    }

    /// R: model.matrix(~ wool + tension, data)[, -1] with tension's levels sorted (H, L, M).
    @Test func factorsExpandToIndicatorsInRsOrder() throws {
        let terms = try wb.designTerms(columns: ["breaks", "wool", "tension"]).get()
        let d = try DesignMatrix(name: "d[breaks, wool, tension]", terms: terms)
        #expect(d.labels == ["breaks", "woolB", "tensionL", "tensionM"])
        let expected: [[Double]] = [
            [26, 0, 1, 0], [30, 0, 0, 1], [54, 0, 0, 0], [25, 1, 1, 0], [70, 1, 0, 1], [52, 1, 0, 0],
        ]
        #expect(d.matrix == Matrix(rowVectors: expected))
        #expect(d.emptyLevels.isEmpty)
    }

    /// A matrix large enough to be filled in blocks of rows on several threads holds, cell
    /// for cell, what the definitions give: the number, the indicator of each level after
    /// the first, the indicator of each pair of such levels.
    @Test func largeMatricesAreFilledCellForCell() throws {
        let rows = 30_001
        let x = (0..<rows).map { Double($0) * 0.5 - 7 }
        let a = Factor(name: "a", levels: ["p", "q", "r"], codes: (0..<rows).map { $0 % 3 + 1 })
        let b = Factor(name: "b", levels: ["s", "t", "u", "v"], codes: (0..<rows).map { $0 % 7 % 4 + 1 })
        let d = try DesignMatrix(
            name: "big", terms: [.numbers("x", x), .factor(a), .interaction(a, b), .factor(b)])
        #expect(d.labels.count == 1 + 2 + 6 + 3)
        var mismatches = 0
        for i in 0..<rows {
            let (ka, kb) = (a.codes[i], b.codes[i])
            var expected = [x[i]]
            expected += (2...3).map { ka == $0 ? 1 : 0 }
            expected += (2...4).flatMap { l in (2...3).map { k in ka == k && kb == l ? 1.0 : 0 } }
            expected += (2...4).map { kb == $0 ? 1 : 0 }
            if (0..<expected.count).contains(where: { d.matrix[i, $0] != expected[$0] }) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// R: model.matrix(~ wool:tension) columns woolB:tensionM, woolB:tensionH with levels L, M, H;
    /// the first factor's level varies fastest.
    @Test func interactionsMultiplyIndicators() throws {
        let wool = try wb.columns[1].factor().get()
        let tension = try wb.columns[2].factor().get().ordered(as: ["L", "M", "H"]).get()
        let d = try DesignMatrix(name: "wool*tension", terms: [.interaction(wool, tension)])
        #expect(d.labels == ["woolB:tensionM", "woolB:tensionH"])
        #expect(d.matrix == Matrix(rowVectors: [[0, 0], [0, 0], [0, 0], [0, 0], [1, 0], [0, 1]]))
        // Three levels by three: (a2,b2), (a3,b2), (a2,b3), (a3,b3).
        let a = Factor(name: "a", values: ["1", "2", "3"])
        let b = Factor(name: "b", values: ["x", "y", "z"])
        #expect(DesignMatrix.Term.interaction(a, b).labels == ["a2:by", "a3:by", "a2:bz", "a3:bz"])
    }

    @Test func levelsWithNoRowsAreFound() throws {
        let tension = try wb.columns[2].factor().get().ordered(as: ["L", "M", "H", "X"]).get()
        let d = try DesignMatrix(name: "t", terms: [.factor(tension)])
        #expect(d.labels == ["tensionM", "tensionH", "tensionX"])
        #expect(d.emptyLevels.map(\.column) == [2])
        #expect(d.emptyLevels.map(\.label) == ["tensionX"])
        // A baseline no row has has no column, but is found.
        let z = try wb.columns[2].factor().get().ordered(as: ["Z", "L", "M", "H"]).get()
        let e = try DesignMatrix(name: "t", terms: [.factor(z)]).emptyLevels
        #expect(e.count == 1)
        #expect(e.first?.column == nil)
        #expect(e.first?.levels.first?.level == "Z")
        // A pair of levels that never occur together.
        let wool = try wb.columns[1].factor().get()
        let few = Factor(name: "t", levels: ["L", "M"], codes: [1, 2, 1, 1, 1, 1])
        let i = try DesignMatrix(name: "w*t", terms: [.interaction(wool, few)]).emptyLevels
        #expect(i.map(\.label) == ["woolB:tM"])
        #expect(i.first?.levels.map(\.level) == ["B", "M"])
    }

    @Test func aFactorWithOneLevelHasNoColumn() throws {
        let one = try table("g\na\na\n").columns[0].factor().get()
        #expect(throws: DesignError.factor(.singleLevel("a", factor: "g"))) {
            try DesignMatrix(name: "g", terms: [.factor(one)])
        }
        #expect(
            DesignError.factor(.singleLevel("a", factor: "g")).description
                == "every row of 'g' has the level \"a\", so it has no indicator columns: "
                + "a factor with one level is collinear with the intercept")
    }

    @Test func termsMustHaveEqualRows() {
        #expect(throws: DesignError.rowCounts(2, 3)) {
            try DesignMatrix(name: "x", terms: [.numbers("a", [1, 2]), .numbers("b", [1, 2, 3])])
        }
    }

    @Test func badColumnsAreNamed() throws {
        let t = try table("y,g,grade,site\n1,a,1,x\n2,b,?,\n3,a,3,y\n")
        #expect(t.designTerms(columns: ["y", "gg"]).failure == .unknownColumn(name: "gg", suggestion: "g"))
        // A text column that is mostly numbers: its first bad cell.
        let bad = CellProblem(file: "t.csv", line: 3, row: 2, column: "grade", cell: "?")
        #expect(t.designTerms(columns: ["grade"]).failure == .cell(bad))
        #expect(t.designTerms(columns: ["grade"]).failure?.column == "grade")
        // A text column with a row that has no level.
        let missing = CellProblem(file: "t.csv", line: 3, row: 2, column: "site", cell: nil)
        #expect(t.designTerms(columns: ["g", "site"]).failure == .factor(.missing(missing)))
    }
}
