/// Why a term's sums cannot be computed in its database: the rows are then fetched
/// and the sums computed in memory, and the plan says why.
public struct PushdownRefusal: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
