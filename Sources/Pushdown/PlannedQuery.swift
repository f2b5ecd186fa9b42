/// One query the push-down sends, for `show plan`: what it computes, its SQL, and
/// what each bound parameter is.
public struct PlannedQuery: Sendable {
    /// "sufficient statistics", "each Newton iteration: ℓ, ∇ℓ, ∇²ℓ at θ".
    public let purpose: String
    public let sql: String
    /// "$1 = b", in placeholder order.
    public let parameters: [String]
    /// How many times it has been sent.
    public internal(set) var sent = 0

    public init(purpose: String, sql: String, parameters: [String]) {
        self.purpose = purpose
        self.sql = sql
        self.parameters = parameters
    }
}
