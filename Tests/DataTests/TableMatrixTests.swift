import LinearAlgebra
import Testing

@testable import Data

/// `Table.matrix(columns:)`: the design matrix behind `d[a, b, c]`.
@Suite struct TableMatrixTests {
    let cars: Table

    init() throws {
        cars = try CSVReader.parse(
            "mpg,weight,age,make\n21,2.6,3,VW\n18,3.1,,Ford\n30,2.2,5,Fiat\n",
            name: "cars.csv", path: "/p/cars.csv")
    }

    @Test func columnsInTheOrderAsked() throws {
        let m = try cars.matrix(columns: ["weight", "mpg"]).get()
        #expect(m == Matrix(rows: 3, columns: 2, elements: [2.6, 21, 3.1, 18, 2.2, 30]))
    }

    @Test func noColumnsGivesAnEmptyMatrix() throws {
        let m = try cars.matrix(columns: []).get()
        #expect(m.rows == 3)
        #expect(m.columns == 0)
    }

    @Test func unknownColumnSuggestsTheNearest() {
        let result = cars.matrix(columns: ["mpg", "wieght"])
        #expect(failure(result) == .unknownColumn(name: "wieght", suggestion: "weight"))
        #expect(failure(result)?.description == "no column named 'wieght' (did you mean 'weight'?)")
        #expect(failure(cars.matrix(columns: ["price"])) == .unknownColumn(name: "price", suggestion: nil))
    }

    @Test func missingCellIsReported() {
        let problem = CellProblem(file: "cars.csv", line: 3, row: 2, column: "age", cell: nil)
        #expect(failure(cars.matrix(columns: ["mpg", "age", "make"])) == .cell(problem))
    }

    @Test func textColumnIsReported() {
        let result = cars.matrix(columns: ["make"])
        #expect(failure(result)?.description == "cars.csv row 1 (line 2), column 'make': expected a number, found 'VW'")
    }

    private func failure(_ result: Result<Matrix, TableError>) -> TableError? {
        guard case .failure(let error) = result else { return nil }
        return error
    }
}
