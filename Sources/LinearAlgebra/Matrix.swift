/// A dense matrix of doubles, stored row-major: rows are observations.
///
/// `elements[i * columns + j]` is row i, column j (both 0-based here; the
/// language's 1-based indexing is the interpreter's business).
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public var elements: [Double]

    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(elements.count == rows * columns, "Matrix: \(elements.count) elements for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, elements: [Double](repeating: value, count: rows * columns))
    }

    /// A matrix whose row i is `rowVectors[i]`; all rows must have the same length.
    public init(rowVectors: [[Double]]) {
        let c = rowVectors.first?.count ?? 0
        self.init(rows: rowVectors.count, columns: c, elements: rowVectors.flatMap { $0 })
    }

    /// A matrix whose column j is `columnVectors[j]`; all columns must have the same length.
    public init(columnVectors: [[Double]]) {
        let r = columnVectors.first?.count ?? 0
        var e = [Double](repeating: 0, count: r * columnVectors.count)
        for (j, col) in columnVectors.enumerated() {
            for i in 0..<r { e[i * columnVectors.count + j] = col[i] }
        }
        self.init(rows: r, columns: columnVectors.count, elements: e)
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    public subscript(i: Int, j: Int) -> Double {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    public func row(_ i: Int) -> [Double] {
        Array(elements[(i * columns)..<((i + 1) * columns)])
    }

    public func column(_ j: Int) -> [Double] {
        (0..<rows).map { elements[$0 * columns + j] }
    }

    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { t[j, i] = self[i, j] }
        }
        return t
    }

    /// Applies `f` to every element.
    public func map(_ f: (Double) throws -> Double) rethrows -> Matrix {
        Matrix(rows: rows, columns: columns, elements: try elements.map(f))
    }
}
