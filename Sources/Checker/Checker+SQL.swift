import Data
import Diagnostics
import Syntax

/// `sql("location", "query")` as the checker sees it: two strings, and the spans
/// that messages about the database or the query point at.
public struct QueryCall: Sendable {
    public let location: String
    public let query: String
    /// The whole call, `sql(…)`: where a failure to reach the database or run the query is reported.
    public let span: SourceSpan
    /// The query's string literal, for pointing inside it.
    public let querySpan: SourceSpan
}

extension Checker {
    /// sql(LOCATION, QUERY): the table's columns and row count come from the database
    /// (the rows themselves stay there until needed).
    mutating func inferSQL(_ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        guard let call = Checker.queryCall(args, span) else {
            error(CheckerMessage.sqlNeedsArguments, at: span)
            return .unknown
        }
        guard let loadQuery else {
            error(CheckerMessage.sqlUnavailable, at: span)
            return .unknown
        }
        switch loadQuery(call) {
        case .success(let table): return ExpressionInfo(shape: .table(table))
        case .failure(let d):
            report(d)
            return .unknown
        }
    }

    /// The call's two string arguments, or nil when they are not two plain strings.
    public static func queryCall(_ args: [Argument], _ span: SourceSpan) -> QueryCall? {
        guard args.count == 2, args.allSatisfy({ $0.label == nil }),
            case .string(let location) = args[0].value.kind, case .string(let query) = args[1].value.kind
        else { return nil }
        return QueryCall(location: location, query: query, span: span, querySpan: args[1].value.span)
    }
}
