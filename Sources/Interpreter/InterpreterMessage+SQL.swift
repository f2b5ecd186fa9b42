import Data

/// The wording of the interpreter's messages about `sql(...)` tables.
extension InterpreterMessage {
    static func unknownDatabase(_ text: String) -> String {
        "'\(text)' is not a database sql() can open"
    }

    static let databaseForms =
        "write sqlite:FILE (a path relative to the script) or postgresql://user@host:port/database"

    static let databasePointsHere = "the database points here"

    static func sqlHelp(_ kind: SQLError.Kind, _ engine: SQLLocation.Engine) -> String? {
        switch kind {
        case .connection where engine == .sqlite: return "a relative path is read from the script's folder"
        case .connection:
            return "what the URL leaves out (host, port, user, database) comes from PGHOST, PGPORT, PGUSER, PGDATABASE"
        case .authentication:
            return "the password comes from the URL (postgresql://user:password@host/database), PGPASSWORD or ~/.pgpass"
        case .timeout: return "MLE_SQL_TIMEOUT=SECONDS raises the limit"
        case .query, .arithmetic, .result, .interrupted: return nil
        }
    }
}

extension InterpreterMessage {
    static let twoQueries = "the term reads columns of two different queries, whose rows need not line up"

    static func alsoInMemory(_ name: String) -> String {
        "the term also uses '\(name)', whose values are in memory"
    }
}

extension InterpreterMessage {
    static let pushdownOff = "push-down is turned off (MLE_PUSHDOWN=off)"
}

extension InterpreterMessage {
    static func textColumn(_ name: String) -> String {
        "the term uses the text column '\(name)', whose values are made into numbers in memory"
    }
}

extension InterpreterMessage {
    static func pickedByData(_ index: String) -> String {
        "'\(index)' picks params row by row, and such a term's per-group sums are made in memory (not yet as a GROUP BY)"
    }
}

extension InterpreterMessage {
    static let levenbergMarquardtNeedsRows =
        "the fit asks for Levenberg–Marquardt ('using lm'), which works on each row's residual"
}
