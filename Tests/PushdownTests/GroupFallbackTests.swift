import Foundation
import Report
import Testing

/// Params picked row by row by data (`λ[d.spray]`, a Categorical's outcome) are summed group
/// by group, and text columns become factor indicators, both in memory: over a query their
/// rows are fetched, the plan says why, and the fit is the one on the same rows read from
/// the CSV file they were copied from (Scripts/data/README.md), and the closed form.
@Suite("groups and factors over a query are fetched, with their reason")
struct GroupFallbackTests {
    /// The placement's reason, or a recorded issue when the rows were not fetched.
    static func fetchedReason(_ t: Transcript) -> String? {
        guard case .fetched(_, let reason)? = t.plans.first?.terms.first?.placement else {
            Issue.record("expected fetched rows, found \(String(describing: t.plans.first?.terms.first?.placement))")
            return nil
        }
        return reason
    }

    /// The same model over `query` (through `sql`) and over `file` (through `csv`): both fits.
    static func bothSources(_ location: String, query: String, file: String, body: String)
        -> (Transcript, FitReport?, FitReport?)
    {
        let (ok, t, session) = SQLFixture.run(
            "data d = sql(\"\(location)\", \"\(query)\")\n" + body + "\nshow plan\nfit")
        #expect(ok, "\(t.errors)")
        #expect(session.rowsFetched > 0)
        let (okCSV, c, _) = SQLFixture.run("data d = csv(\"Scripts/data/\(file)\")\n" + body + "\nfit")
        #expect(okCSV, "\(c.errors)")
        return (t, t.fits.last, c.fits.last)
    }

    @Test(arguments: Engine.allCases)
    func aRatePerGroup(engine: Engine) throws {
        guard let location = engine.location else { return }
        let (t, sql, csv) = Self.bothSources(
            location, query: "SELECT count, spray FROM insectsprays", file: "insectsprays.csv",
            body: "param λ : vector[6] > 0\nmodel d.count ~ Poisson(λ[d.spray])")
        let reason = try #require(Self.fetchedReason(t))
        #expect(reason.contains("'d.spray' picks params row by row"), "\(reason)")
        let a = try #require(sql)
        let b = try #require(csv)
        // The same rows in the same order: the same sums, to the last bit of a compensated sum.
        #expect(SQLFixture.differences(a, b, relative: 1e-14) == [])
        // λ̂ₖ is the mean count of spray k's 12 plots (39-rate-per-group; sums by hand from the CSV).
        let means = [174.0, 184, 25, 59, 42, 200].map { $0 / 12 }
        for (row, mean) in zip(a.rows, means) { #expect(abs(row.estimate - mean) <= 1e-13 * mean, "\(row.name)") }
    }

    @Test(arguments: Engine.allCases)
    func aFactorInAGLM(engine: Engine) throws {
        guard let location = engine.location else { return }
        let (t, sql, csv) = Self.bothSources(
            location, query: "SELECT breaks, wool, tension FROM warpbreaks", file: "warpbreaks.csv",
            body: "param b0\nparam v: vector[3]\nmodel d.breaks ~ Poisson(exp(b0 + v·d[wool, tension]))")
        let reason = try #require(Self.fetchedReason(t))
        #expect(reason.contains("text column 'wool'"), "\(reason)")
        let a = try #require(sql)
        let b = try #require(csv)
        #expect(SQLFixture.differences(a, b, relative: 1e-12) == [])
        // The exact MLE of glm(breaks ~ wool + tension, poisson) (32-factors, REFERENCE.md §10).
        #expect(abs(a.logLikelihood - -242.52798320897882) <= 2e-10)
    }

    @Test(arguments: Engine.allCases)
    func aCategoricalOutcome(engine: Engine) throws {
        guard let location = engine.location else { return }
        let (t, sql, csv) = Self.bothSources(
            location, query: "SELECT spray FROM insectsprays", file: "insectsprays.csv",
            body: "param p : simplex[6]\nmodel d.spray ~ Categorical(p)")
        let reason = try #require(Self.fetchedReason(t))
        #expect(reason.contains("'d.spray' picks params row by row"), "\(reason)")
        let a = try #require(sql)
        let b = try #require(csv)
        #expect(SQLFixture.differences(a, b, relative: 1e-14) == [])
        // 12 plots of each of the six sprays: p̂ = 1/6 each, ℓ = 72·log(1/6).
        for row in a.rows { #expect(abs(row.estimate - 1.0 / 6) <= 1e-15, "\(row.name)") }
        #expect(abs(a.logLikelihood - 72 * log(1.0 / 6)) <= 1e-12)
    }
}
