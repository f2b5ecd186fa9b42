import Foundation
import Testing

@testable import Data

/// Reading a million-row file. Slow in debug builds, so it runs only when asked:
/// `MLE_PERF=1 swift test -c release --filter CSVPerformanceTests`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["MLE_PERF"] != nil))
struct CSVPerformanceTests {
    @Test func millionRowsByTenColumns() throws {
        let rows = 1_000_000
        let bytes = Self.numericCSV(rows: rows, columns: 10)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = ContinuousClock()
        var t: Table?
        let elapsed = try clock.measure { t = try CSVReader.read(path: path, name: "big.csv") }
        print("read \(bytes.count / 1_000_000) MB, \(rows) rows × 10 columns in \(elapsed)")
        #expect(t?.rowCount == rows)
        #expect(t?.columns.allSatisfy { $0.kind == .numeric } == true)
        #expect(elapsed < .seconds(3))
    }

    /// A CSV of `rows` rows of decimals like "-123.4567", with a header c0, c1, ….
    static func numericCSV(rows: Int, columns: Int) -> [UInt8] {
        var generator = SeededGenerator(seed: 1)
        var bytes = Array((0..<columns).map { "c\($0)" }.joined(separator: ",").utf8) + [0x0A]
        bytes.reserveCapacity(rows * columns * 11)
        for _ in 0..<rows {
            for column in 0..<columns {
                let value = Int.random(in: -9_999_999...9_999_999, using: &generator)
                bytes += Array("\(value / 10_000).\(abs(value % 10_000))".utf8)
                bytes.append(column == columns - 1 ? 0x0A : 0x2C)
            }
        }
        return bytes
    }
}
