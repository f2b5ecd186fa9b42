import Checker
import Foundation
import Interpreter
import Report
import Testing

/// `show plan` and `mle check --dump sql`: where each term's rows are and the SQL a fit
/// sends, as text and as JSON.
@Suite("the plan of a model over a query")
struct PlanTests {
    @Test func dumpSQLPrintsEachModelsPlanWithoutFitting() throws {
        let transcript = Transcript()
        let session = Session { transcript.events.append($0) }
        let ok = session.checkFile(atPath: SQLFixture.root + "/Scripts/50-sql.mle", dump: .sql)
        #expect(ok, "\(transcript.errors)")
        #expect(transcript.fits.isEmpty)
        #expect(transcript.plans.count == 2)
        for plan in transcript.plans {
            guard case .database? = plan.terms.first?.placement else {
                Issue.record("a term not in the database")
                continue
            }
        }
        let logistic = try #require(transcript.plans.last?.terms.first)
        let iteration = try #require(logistic.queries.last)
        #expect(iteration.sent == 0)
        #expect(iteration.sql.contains("tanh"))
        #expect(iteration.parameters.first == "?1 = w₁")
        #expect(session.rowsFetched == 0)
    }

    @Test func thePlanCountsWhatAFitSent() throws {
        let (ok, t, _) = SQLFixture.run(
            "data d = sql(\"\(SQLFixture.tutorial)\", \"SELECT am, hp, wt FROM mtcars\")\ndata X = d[hp, wt]\n"
                + "param b\nparam w: vector[2]\nmodel d.am ~ Bernoulli(sigmoid(b + w·X))\nfit\nshow plan")
        #expect(ok, "\(t.errors)")
        let term = try #require(t.plans.first?.terms.first)
        // The support check once; one query per Newton iteration and polish step; the separation check.
        #expect(term.queries.map(\.sent).first == 1)
        #expect((term.queries.dropFirst().first?.sent ?? 0) >= 5)
        #expect(term.queries.last?.purpose.contains("separation") == true)
        #expect(term.notes.isEmpty)
    }

    @Test func thePlanAsJSON() throws {
        let (_, t, _) = SQLFixture.run(
            "data g = sql(\"\(SQLFixture.tutorial)\", \"SELECT x FROM gauss\")\nparam μ\nparam σ > 0\n"
                + "model g.x ~ Normal(μ, σ)\nshow plan")
        let show = try #require(
            t.events.compactMap { if case .show(let s) = $0 { return s } else { return nil } }.first)
        let text = show.json.serialized()
        #expect(text.contains("\"rows_are\": \"in the database\""))
        #expect(text.contains("\"sql\": \"SELECT sum(CASE WHEN"))
        #expect(text.contains("\"sent\": 1"))
    }
}
