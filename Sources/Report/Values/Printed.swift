/// A value as `print` shows it.
public indirect enum PrintedValue: Sendable {
    case number(Double)
    case vector([Double])
    /// Rows of a matrix.
    case matrix([[Double]])
    case string(String)
    /// `a ± b`, as its two ends.
    case interval(Double, Double)
    /// A table column that is not numbers: its cells (nil where missing).
    case column([String?])
    case table(TableView)
    /// A distribution with its arguments: Normal(0, 1).
    case distribution(String, [PrintedValue])
}

/// A table as printed: a header, the first rows, and the shape.
public struct TableView: Sendable {
    public enum Cell: Sendable {
        case number(Double)
        case text(String)
        case missing
    }

    public let name: String
    public let rowCount: Int
    public let columnNames: [String]
    /// The first rows (at most ten), a cell per column.
    public let rows: [[Cell]]

    public init(name: String, rowCount: Int, columnNames: [String], rows: [[Cell]]) {
        self.name = name
        self.rowCount = rowCount
        self.columnNames = columnNames
        self.rows = rows
    }
}

/// The values of one `print` (or a bare expression), in order.
public struct Printed: Sendable {
    public let values: [PrintedValue]
    public init(_ values: [PrintedValue]) { self.values = values }
}

/// A passed or failed `assert`.
public struct Assertion: Sendable {
    public let passed: Bool
    /// file:line:col of the condition.
    public let location: String
    public let detail: String
    public init(passed: Bool, location: String, detail: String) {
        self.passed = passed
        self.location = location
        self.detail = detail
    }
}

/// One iteration of an iterative fit, for `fit … trace`.
public struct TraceLine: Sendable {
    public let iteration: Int
    public let logLikelihood: Double
    public let gradientNorm: Double
    public init(iteration: Int, logLikelihood: Double, gradientNorm: Double) {
        self.iteration = iteration
        self.logLikelihood = logLikelihood
        self.gradientNorm = gradientNorm
    }
}
