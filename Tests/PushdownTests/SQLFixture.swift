import Diagnostics
import Foundation
import Interpreter
import Report

/// What a session wrote, event by event.
final class Transcript: @unchecked Sendable {
    var events: [Output] = []

    var fits: [FitReport] { events.compactMap { if case .fit(let r) = $0 { return r } else { return nil } } }
    var plans: [DataPlan] {
        events.compactMap { if case .show(let s) = $0, case .plan(let p) = s.body { return p } else { return nil } }
    }
    var diagnostics: [Diagnostic] {
        events.compactMap { if case .diagnostic(let d) = $0 { return d } else { return nil } }
    }
    /// Each error as "line:col: message".
    var errors: [String] { diagnostics.filter(\.isError).map { "\($0.span?.position ?? "-"): \($0.message)" } }
    var numbers: [Double] {
        events.compactMap {
            if case .printed(let p) = $0, case .number(let x)? = p.values.first { return x } else { return nil }
        }
    }
}

/// One way in for the SQL tests: scripts run in fresh sessions, with the push-down on or off.
enum SQLFixture {
    /// The repository's root (the tests find the committed databases from there).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    /// Scripts/data/tutorial.db, as `sql()` names it from the repository root.
    static let tutorial = "sqlite:Scripts/data/tutorial.db"
    static let faults = "sqlite:Scripts/errors/data/faults.db"

    /// Runs `text` (relative paths from the repository root) in a fresh session.
    static func run(_ text: String, pushdown: Bool = true, timeout: Double? = nil) -> (Bool, Transcript, Session) {
        let transcript = Transcript()
        let session = Session { transcript.events.append($0) }
        session.pushesDown = pushdown
        if let timeout { session.statementTimeout = timeout }
        let ok = session.run(SourceFile(name: "t.mle", text: text, directory: root))
        return (ok, transcript, session)
    }

    /// The fit of `script` with its sums in the database and with its rows fetched, and whether
    /// the first kept every row in the database.
    static func bothWays(_ script: String) -> (
        pushed: FitReport?, fetched: FitReport?, rowsFetched: Int, errors: [String]
    ) {
        let (_, pushed, session) = run(script, pushdown: true)
        let (_, fetched, _) = run(script, pushdown: false)
        return (pushed.fits.last, fetched.fits.last, session.rowsFetched, pushed.errors + fetched.errors)
    }

    /// Where two fits disagree by more than `relative` (an estimate relative to the larger of
    /// its size and its standard error, so a coefficient near 0 is judged on its own scale).
    static func differences(_ a: FitReport, _ b: FitReport, relative: Double) -> [String] {
        var found: [String] = []
        func check(_ what: String, _ x: Double, _ y: Double, scale: Double) {
            if !(abs(x - y) <= relative * max(scale, .leastNormalMagnitude)) { found.append("\(what): \(x) vs \(y)") }
        }
        guard a.rows.count == b.rows.count else { return ["\(a.rows.count) estimates vs \(b.rows.count)"] }
        for (r, s) in zip(a.rows, b.rows) {
            check(r.name, r.estimate, s.estimate, scale: max(abs(s.estimate), s.standardError ?? 0))
            if let u = r.standardError, let v = s.standardError { check("se(\(r.name))", u, v, scale: abs(v)) }
        }
        check("loglik", a.logLikelihood, b.logLikelihood, scale: max(1, abs(b.logLikelihood)))
        if a.observations != b.observations { found.append("n: \(a.observations) vs \(b.observations)") }
        return found
    }
}
