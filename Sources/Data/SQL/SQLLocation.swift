/// Where a query runs: an SQLite file or a PostgreSQL server, as `sql("…")` names it.
///
/// - `sqlite:PATH` (also `sqlite://PATH`): a database file, opened read-only; a
///   relative PATH resolves against the folder of the script that names it.
/// - `postgresql://[user[:password]@][host][:port][/database][?param=value&…]`
///   (also `postgres://`): libpq's URI form; what it leaves out comes from the
///   usual `PG*` environment variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, …)
///   and `~/.pgpass`.
///
/// `description` is the location with any password removed: it is what messages print.
public struct SQLLocation: Sendable, Equatable, CustomStringConvertible {
    public enum Engine: String, Sendable, Equatable {
        case sqlite = "SQLite"
        case postgresql = "PostgreSQL"
    }

    public let engine: Engine
    /// SQLite: the file's path as written. PostgreSQL: the URI as written (it may hold a password).
    public let target: String
    /// SQLite: the path resolved against the script's folder (equal to `target` for PostgreSQL).
    public let resolved: String

    /// Parses a location; nil when it names neither engine (the caller says what is accepted).
    public init?(_ text: String, directory: String) {
        let trimmed = text.trimmingSpaces
        if let rest = trimmed.droppingPrefix(["sqlite://", "sqlite:"]) {
            guard !rest.isEmpty else { return nil }
            engine = .sqlite
            target = rest
            resolved = rest.hasPrefix("/") || directory.isEmpty ? rest : directory + "/" + rest
        } else if trimmed.droppingPrefix(["postgresql://", "postgres://"]) != nil {
            engine = .postgresql
            target = trimmed
            resolved = trimmed
        } else {
            return nil
        }
    }

    /// The location with any password removed, for messages.
    public var description: String {
        switch engine {
        case .sqlite: return "sqlite:" + target
        case .postgresql: return SQLLocation.redacted(target)
        }
    }

    /// A key that names the same database whatever the script's folder: the resolved path or the URI.
    public var key: String { engine.rawValue + ":" + resolved }

    /// `postgresql://ann:secret@db/x?password=s&sslmode=require` → `postgresql://ann@db/x?sslmode=require`.
    static func redacted(_ uri: String) -> String {
        guard let scheme = uri.range(of: "://") else { return uri }
        var rest = String(uri[scheme.upperBound...])
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@") {
            let userInfo = rest[..<at]
            let user = userInfo.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            rest = user + rest[at...]
        }
        if let question = rest.firstIndex(of: "?") {
            let kept = rest[rest.index(after: question)...].split(separator: "&").filter {
                !$0.lowercased().hasPrefix("password=")
            }
            rest = String(rest[..<question]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        }
        return String(uri[..<scheme.upperBound]) + rest
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }

    /// The text after the first of `prefixes` it starts with (compared without case), or nil.
    fileprivate func droppingPrefix(_ prefixes: [String]) -> String? {
        for prefix in prefixes where lowercased().hasPrefix(prefix) {
            return String(dropFirst(prefix.count))
        }
        return nil
    }
}
