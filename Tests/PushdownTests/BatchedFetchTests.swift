import Foundation
import Testing

@testable import Data

/// Rows are fetched in batches of `SQLLimits.batchSize` (a PostgreSQL cursor's FETCH FORWARD,
/// SQLite's steps handed over every batch), so a large result never arrives in one piece; and
/// a table fetched that way is the same table, row for row, as in one piece.
@Suite("rows are fetched in batches")
struct BatchedFetchTests {
    /// 25,001 rows: two full batches and a part, numbers 1…25001 and their text.
    static func query(_ engine: Engine) -> String {
        switch engine {
        case .sqlite:
            return "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 25001) "
                + "SELECT i AS x, 't' || i AS t FROM c"
        case .postgresql:
            return "SELECT i::float8 AS x, 't' || i AS t FROM generate_series(1, 25001) AS i"
        }
    }

    static func connection(_ engine: Engine, _ location: String) throws -> any SQLConnection {
        let place = try #require(SQLLocation(location, directory: SQLFixture.root))
        switch engine {
        case .sqlite: return try SQLiteConnection(place, timeout: 60)
        case .postgresql: return try PostgresConnection(place, timeout: 60)
        }
    }

    @Test(arguments: Engine.allCases)
    func batchesOfTenThousand(engine: Engine) throws {
        guard let location = engine.location else { return }
        let connection = try Self.connection(engine, location)
        var sizes: [Int] = []
        var last: (Double, String?) = (0, nil)
        try connection.forEachBatch(
            Self.query(engine), parameters: [], kinds: [.numeric, .text], batchSize: SQLLimits.batchSize
        ) { batch in
            sizes.append(batch.count)
            last = (batch.numbers[0].last ?? .nan, batch.texts[1].last ?? nil)
            return true
        }
        #expect(SQLLimits.batchSize == 10_000)
        #expect(sizes == [10_000, 10_000, 5_001])
        #expect(last.0 == 25_001 && last.1 == "t25001")
    }

    /// Through a session: the table is fetched whole when a value outside a model is needed,
    /// and its numbers are the exact ones (Σ 1…25001 = 25001·25002/2, the last text row).
    @Test(arguments: Engine.allCases)
    func aFetchedTableIsTheWholeTable(engine: Engine) throws {
        guard let location = engine.location else { return }
        let (ok, t, session) = SQLFixture.run(
            "data d = sql(\"\(location)\", \"\(Self.query(engine))\")\nprint sum(d.x)\nprint d.t[25001] == \"t25001\"")
        #expect(ok, "\(t.errors)")
        #expect(t.numbers == [25_001.0 * 25_002 / 2, 1])
        #expect(session.rowsFetched == 25_001)
    }
}
