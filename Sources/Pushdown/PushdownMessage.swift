import Data

/// The wording of the push-down stage: why a term's sums cannot run in its database,
/// what each query computes, and what went wrong sending one.
enum PushdownMessage {
    // MARK: Why not in the database

    static func noSQLForm(_ function: String) -> String {
        "\(function) has no form in SQL"
    }

    static func unboundSymbol(_ name: String) -> String {
        "'\(name)' is not a column of the query"
    }

    static let nestedSum = "the per-row part holds a sum over rows"

    /// "Laplace's fit reads the rows themselves (their median)".
    static func readsRows(_ family: String, _ what: String) -> String {
        let detail =
            [
                "median": "their median", "range": "their minimum and maximum",
                "quartiles": "its start values are the rows' median and quartiles",
            ][what] ?? what
        return "\(family)'s fit reads the rows themselves (\(detail))"
    }
    static let notFiniteConstant = "a constant in the model is not finite"

    static func noSupportCheck(_ family: String) -> String {
        "\(family)'s support has no check in SQL"
    }

    // MARK: What each query computes (for show plan)

    static let supportAndPilots = "check the responses' support, and the pilots (means) the statistics are centred at"
    static let supportAndStatistics = "check the responses' support, and the sufficient statistics"
    static let statistics = "the sufficient statistics, centred at the pilots"
    static let iteration = "each evaluation of ℓ, ∇ℓ and ∇²ℓ (one per Newton iteration): the per-row sums at θ"
    static let separation = "after the fit: how the rows lie about t = 0 (the separation check)"
    static let separationNote =
        "after the fit, one more query counts how the rows lie about t = 0 (the separation check)"

    static func parameter(_ placeholder: String, _ meaning: String) -> String { "\(placeholder) = \(meaning)" }

    static func pilot(of atom: String) -> String { "the mean of \(atom) (from the first query)" }

    static let centre = "ℓ/n at the last evaluation (each row's ℓ is summed less it, so the sum keeps its digits)"

    // MARK: Failures

    static func queryFailed(_ error: SQLError) -> String {
        switch error.kind {
        case .connection, .authentication, .timeout: return error.message
        default:
            return "the database rejected a query mle wrote for the push-down (\(error.message)); "
                + "this is a bug in mle: please report it with the script"
        }
    }
}
