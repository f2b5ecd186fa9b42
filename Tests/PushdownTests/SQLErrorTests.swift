import Diagnostics
import Foundation
import Testing

/// Bad connection strings and queries: each a diagnostic at the `sql(...)` call (with a
/// note where the database points into the query), the script stopped, nothing waiting.
@Suite("bad databases and queries are diagnostics at the sql() call")
struct SQLErrorTests {
    /// The errors of a one-line script `data d = sql(LOCATION, QUERY)` (then `rest`).
    static func errors(_ location: String, _ query: String, _ rest: String = "", timeout: Double? = nil) -> [String] {
        let (ok, t, _) = SQLFixture.run("data d = sql(\"\(location)\", \"\(query)\")\n" + rest, timeout: timeout)
        #expect(!ok)
        return t.errors
    }

    static func diagnostics(_ location: String, _ query: String, timeout: Double? = nil) -> [Diagnostic] {
        SQLFixture.run("data d = sql(\"\(location)\", \"\(query)\")", timeout: timeout).1.diagnostics
    }

    @Test func missingFile() {
        #expect(
            Self.errors("sqlite:Scripts/data/nope.db", "SELECT 1") == [
                "1:10: cannot open the SQLite database 'Scripts/data/nope.db': no such file"
            ])
    }

    @Test func notADatabase() {
        #expect(
            Self.errors("sqlite:Scripts/data/cars.csv", "SELECT * FROM cars") == [
                "1:10: cannot open the SQLite database 'Scripts/data/cars.csv': the file is not an SQLite database"
            ])
    }

    @Test func unknownKindOfDatabase() {
        #expect(Self.errors("mysql://db/x", "SELECT 1") == ["1:10: 'mysql://db/x' is not a database sql() can open"])
    }

    @Test func syntaxErrorPointsIntoTheQuery() throws {
        let d = try #require(Self.diagnostics(SQLFixture.tutorial, "SELECT * FORM families").first)
        #expect(d.span?.position == "1:10")
        #expect(d.message.contains("syntax error"), "\(d.message)")
        // SQLite points at the token after the one it could not use.
        let note = try #require(d.notes.first?.span)
        #expect(note.text == "F" || note.text == "f", "\(note.text)")
    }

    @Test func unknownTable() {
        #expect(Self.errors(SQLFixture.tutorial, "SELECT * FROM nope") == ["1:10: no such table: nope"])
    }

    @Test func noRows() {
        #expect(
            Self.errors(SQLFixture.tutorial, "SELECT * FROM families WHERE x1 > 100") == [
                "1:10: the query returned no rows"
            ])
    }

    @Test func oneStatementOnly() {
        #expect(
            Self.errors(SQLFixture.tutorial, "SELECT 1 AS a; SELECT 2 AS b") == [
                "1:10: the query must be a single statement (a SELECT)"
            ])
    }

    @Test func duplicateColumnNames() {
        #expect(
            Self.errors(SQLFixture.tutorial, "SELECT x1, x1 FROM families") == [
                "1:10: the query returns two columns named 'x1' (columns 1 and 2): rename one with AS"
            ])
    }

    @Test func aColumnOfBytes() {
        #expect(
            Self.errors(SQLFixture.faults, "SELECT * FROM pictures") == [
                "1:10: column 'image' has type BLOB, which a table cannot hold (numbers and text only): "
                    + "leave it out of the query, or cast it (CAST(image AS TEXT))"
            ])
    }

    @Test func aNullInAModelledColumnNamesItsRow() {
        let rest = "param μ\nparam σ > 0\nmodel d.ozone ~ Normal(μ, σ)"
        #expect(
            Self.errors(SQLFixture.faults, "SELECT * FROM airquality", rest) == [
                "4:7: sqlite:Scripts/errors/data/faults.db row 5, column 'ozone': the value is NULL (missing), "
                    + "which arithmetic cannot use"
            ])
    }

    @Test func textInAModelNamesItsRow() {
        let rest = "param μ\nparam σ > 0\nmodel d.x ~ Normal(μ, σ)"
        #expect(
            Self.errors(SQLFixture.faults, "SELECT * FROM mixed", rest) == [
                "4:7: sqlite:Scripts/errors/data/faults.db row 2, column 'x': expected a number, found the text "
                    + "'2.5' (a number stored as text: cast the column in the query)"
            ])
    }

    @Test(arguments: [true, false])
    func aResponseOutsideTheSupportNamesItsRow(pushdown: Bool) {
        let script =
            "data d = sql(\"\(SQLFixture.faults)\", \"SELECT n FROM counts\")\nparam λ > 0\nmodel d.n ~ Poisson(λ)"
        let (ok, t, _) = SQLFixture.run(script, pushdown: pushdown)
        #expect(!ok)
        #expect(t.errors == ["3:7: Poisson data must be a whole number ≥ 0, but 'd.n' has -1 at row 3"])
    }

    @Test func aStatementPastItsTimeLimitIsCancelled() {
        let forever = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT i FROM r"
        let start = Date()
        #expect(
            Self.errors(SQLFixture.tutorial, forever, timeout: 0.5) == [
                "1:10: the database did not answer within 0.5 s (the statement was cancelled; "
                    + "MLE_SQL_TIMEOUT sets the limit in seconds)"
            ])
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
