/// Why a column cannot be a factor, or a factor cannot be coded as asked.
///
/// The wording lives in `DataMessage`; `factor` is the factor's name (its column's).
public enum FactorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A row with no level: an empty cell, or `NA` (R's mark for a missing value).
    case missing(CellProblem)
    /// A level asked for (`ref:`, or compared with `==`) that is not one of the factor's.
    case notALevel(String, factor: String, levels: [String])
    /// `levels:` leaves out a level that the 1-based `row` has.
    case notListed(String, row: Int, factor: String)
    /// `levels:` names a level twice.
    case listedTwice(String, factor: String)
    /// Every row has the same level: treatment coding leaves no indicator column.
    case singleLevel(String, factor: String)
    /// A factor of no rows.
    case empty(factor: String)

    public var description: String {
        switch self {
        case .missing(let problem): return DataMessage.missingLevel(problem)
        case .notALevel(let level, let factor, let levels): return DataMessage.notALevel(level, of: factor, levels)
        case .notListed(let level, let row, let factor): return DataMessage.notListed(level, row: row, of: factor)
        case .listedTwice(let level, let factor): return DataMessage.listedTwice(level, of: factor)
        case .singleLevel(let level, let factor): return DataMessage.singleLevel(level, of: factor)
        case .empty(let factor): return DataMessage.emptyFactor(factor)
        }
    }

    /// The level at fault, when there is one (for did-you-mean hints).
    public var level: String? {
        switch self {
        case .notALevel(let l, _, _), .notListed(let l, _, _), .listedTwice(let l, _), .singleLevel(let l, _): return l
        case .missing, .empty: return nil
        }
    }
}
