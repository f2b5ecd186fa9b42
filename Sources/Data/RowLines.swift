/// The 1-based file line on which each row of a table starts, for messages: a
/// collection of Ints, one per row, stored as the few places where a row does not
/// start on the line after the previous row's.
///
/// In most files row r starts on line r + 2 (the header is line 1), and only blank
/// lines and quoted fields holding line endings break the pattern; so the lines are
/// kept as runs, each a first row and its line, the rows after it following on
/// consecutive lines until the next run. A million-row file with no blank lines is
/// one run, not a million Ints, and a table's memory is its numbers.
public struct RowLines: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// The first row of each run, increasing; `runRows[0] == 0` unless there are no rows.
    private var runRows: [Int] = []
    /// The line of each run's first row.
    private var runLines: [Int] = []
    public private(set) var count = 0
    /// The line a row appended next would start on to continue the last run.
    private var nextLine = 0

    /// No rows.
    public init() {}

    /// The rows starting on these lines.
    public init(_ lines: [Int]) {
        for line in lines { append(line) }
    }

    public init(arrayLiteral lines: Int...) { self.init(lines) }

    /// Adds a row starting on `line`.
    @inline(__always)
    mutating func append(_ line: Int) {
        if line == nextLine, count > 0 {
            count += 1
            nextLine += 1
            return
        }
        runRows.append(count)
        runLines.append(line)
        count += 1
        nextLine = line + 1
    }

    /// Adds every row of `other`, after these.
    mutating func append(contentsOf other: RowLines) {
        for (row, line) in zip(other.runRows, other.runLines) {
            if row == 0, let lastRow = runRows.last, let lastLine = runLines.last, lastLine + (count - lastRow) == line
            {
                continue
            }
            runRows.append(count + row)
            runLines.append(line)
        }
        count += other.count
        if let lastRow = runRows.last, let lastLine = runLines.last { nextLine = lastLine + (count - lastRow) }
    }

    /// The same rows, every line moved by `offset` (a chunk's lines counted from its first, made the file's).
    func shifted(by offset: Int) -> RowLines {
        var copy = self
        copy.runLines = runLines.map { $0 + offset }
        copy.nextLine = nextLine + offset
        return copy
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// The line of `row` (0-based); rows past the end continue the last run.
    public subscript(row: Int) -> Int {
        var low = 0
        var high = runRows.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if runRows[middle] <= row { low = middle } else { high = middle }
        }
        guard runRows.indices.contains(low) else { return row + 2 }
        return runLines[low] + (row - runRows[low])
    }

    public static func == (a: RowLines, b: RowLines) -> Bool {
        a.count == b.count && a.runRows == b.runRows && a.runLines == b.runLines
    }
}
