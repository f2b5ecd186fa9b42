import Diagnostics

extension DataPlan {
    /// Each term, where its rows are, and each query with its SQL indented beneath it.
    public var text: String {
        var lines: [String] = []
        for term in terms {
            lines.append("\(term.description)    n = \(term.rows)")
            switch term.placement {
            case .inMemory:
                lines.append("  rows: in memory; no SQL is sent")
            case .fetched(let location, let reason):
                lines.append("  rows: fetched from \(location) into memory (in batches), because \(reason)")
            case .database(let location):
                lines.append("  rows: stay in \(location); the fit sends only these aggregate queries:")
            }
            for (k, query) in term.queries.enumerated() {
                let sent = query.sent == 0 ? "not sent yet" : query.sent == 1 ? "sent once" : "sent \(query.sent) times"
                lines.append("  query \(k + 1) (\(sent)): \(query.purpose)")
                lines += query.sql.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
                if !query.parameters.isEmpty { lines.append("    -- " + query.parameters.joined(separator: ", ")) }
            }
            lines += term.notes.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
