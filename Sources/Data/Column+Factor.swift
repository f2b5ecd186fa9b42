extension Column {
    /// The column as a factor, its levels in C-locale order (`Factor`): a text column's
    /// distinct texts, or a numeric column's distinct numbers.
    ///
    /// Every row needs a level: an empty cell, or a text cell `NA` (how R writes a
    /// missing value, so it is not taken for a level named "NA"), is an error naming
    /// the first such row.
    public func factor() -> Result<Factor, FactorError> {
        switch kind {
        case .numeric:
            if missing > 0, let row = values.firstIndex(where: \.isNaN) {
                return .failure(.missing(problem(at: row)))
            }
            return .success(Factor(name: name, numbers: values))
        case .text:
            var texts: [String] = []
            texts.reserveCapacity(count)
            for (row, cell) in cells.enumerated() {
                guard let cell, cell != Column.missingMark else { return .failure(.missing(problem(at: row))) }
                texts.append(cell)
            }
            return .success(Factor(name: name, values: texts))
        }
    }

    /// Whether a text column holds categories: at most half of its non-empty cells are
    /// numbers. Such a column is a factor where a linear predictor meets it (`w·d[wool]`);
    /// a text column that is mostly numbers is taken for a numeric column with bad
    /// cells, which are reported, unless the script asks for `factor(d.col)`.
    public var isCategorical: Bool {
        kind == .text && 2 * numberCount <= count - missing
    }

    /// The text R writes for a missing value; in a text column it is not a level.
    public static let missingMark = "NA"
}
