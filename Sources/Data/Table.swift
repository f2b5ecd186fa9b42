import Diagnostics
import LinearAlgebra

/// A data set: named columns of equal length, read from a CSV file or returned by a query.
public struct Table: Sendable {
    /// How the script named the file, e.g. "data/cars.csv" (for messages).
    public let name: String
    /// The resolved file path.
    public let path: String
    /// The columns in file order, each with one cell per data row.
    public let columns: [Column]
    /// The query whose result this is, for a table from `sql(...)` (its rows stay in the
    /// database until a column's cells are wanted); nil for a file read into memory.
    public let query: QueryResult?

    /// A table of the given columns, which should all have the same number of rows.
    public init(name: String, path: String, columns: [Column], query: QueryResult? = nil) {
        self.name = name
        self.path = path
        self.columns = columns
        self.query = query
    }

    /// The number of data rows (the header is not a row).
    public var rowCount: Int { query?.rowCount ?? columns.first?.count ?? 0 }

    /// The columns' names, in file order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column with exactly this name (names are case-sensitive), or nil.
    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }
}

/// Why `Table.matrix(columns:)` could not build a matrix.
public enum TableError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No column has this name; `suggestion` is the nearest name, if one is a plausible typo.
    case unknownColumn(name: String, suggestion: String?)
    /// A cell that arithmetic cannot use.
    case cell(CellProblem)

    public var description: String {
        switch self {
        case .unknownColumn(let name, let suggestion): return DataMessage.unknownColumn(name, suggestion: suggestion)
        case .cell(let problem): return problem.description
        }
    }
}

extension Table {
    /// The n×k matrix of the named columns in that order (for `d[a, b, c]`): row i
    /// holds row i of each column.
    ///
    /// Fails for the first unknown name (suggesting the nearest column name) or
    /// the first unusable cell, looking at the columns in the order given.
    public func matrix(columns names: [String]) -> Result<Matrix, TableError> {
        var vectors: [[Double]] = []
        for name in names {
            guard let column = column(named: name) else {
                let suggestion = Suggestion.closest(to: name, among: columnNames)
                return .failure(.unknownColumn(name: name, suggestion: suggestion))
            }
            switch column.numbers() {
            case .success(let numbers): vectors.append(numbers)
            case .failure(let problem): return .failure(.cell(problem))
            }
        }
        return .success(Self.rowMajor(vectors, rows: rowCount))
    }

    /// The matrix whose column j is `vectors[j]` (NaN past the end of a short one).
    ///
    /// It is filled a block of rows at a time, so that the strided writes of each
    /// column stay within a cache-sized stretch of the result.
    private static func rowMajor(_ vectors: [[Double]], rows: Int) -> Matrix {
        let width = vectors.count
        let blockRows = 4096
        var elements = [Double](repeating: .nan, count: rows * width)
        elements.withUnsafeMutableBufferPointer { out in
            for blockStart in stride(from: 0, to: rows, by: blockRows) {
                for (j, vector) in vectors.enumerated() {
                    vector.withUnsafeBufferPointer { column in
                        for i in blockStart..<min(blockStart + blockRows, column.count) {
                            out[i * width + j] = column[i]
                        }
                    }
                }
            }
        }
        return Matrix(rows: rows, columns: width, elements: elements)
    }
}
