import Model

extension Support {
    /// The SQL condition that holds where the response `y` is in the support (false for NULL,
    /// NaN and ±∞ alike); `upper` is N for 0…N. nil for a support written after this was.
    func sqlCondition(_ y: String, upper: String?) -> String? {
        let finite = "\(y) <= 1.7976931348623157e308"
        switch self {
        case .real: return "\(y) >= -1.7976931348623157e308 AND \(finite)"
        case .positive: return "\(y) > 0 AND \(finite)"
        case .nonnegative: return "\(y) >= 0 AND \(finite)"
        case .openUnitInterval: return "\(y) > 0 AND \(y) < 1"
        case .binary: return "(\(y) = 0 OR \(y) = 1)"
        case .count: return "\(y) >= 0 AND \(finite) AND \(y) = floor(\(y))"
        case .countUpTo:
            return "\(y) >= 0 AND \(finite) AND \(y) = floor(\(y))" + (upper.map { " AND \(y) <= \($0)" } ?? "")
        @unknown default: return nil
        }
    }
}

extension Domain {
    /// The SQL condition that holds where a data argument `x` is in this domain (false for
    /// NULL, NaN and ±∞); nil for a domain written after this was.
    func sqlCondition(_ x: String) -> String? {
        let finite = "\(x) >= -1.7976931348623157e308 AND \(x) <= 1.7976931348623157e308"
        switch self {
        case .real: return finite
        case .positive: return "\(x) > 0 AND \(finite)"
        case .unitInterval: return "\(x) >= 0 AND \(x) <= 1"
        case .nonnegativeInteger: return "\(x) >= 0 AND \(finite) AND \(x) = floor(\(x))"
        @unknown default: return nil
        }
    }
}
