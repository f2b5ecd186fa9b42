import Data
import Foundation
import SeededRandom

/// Writes `bytes` to a new file in the temporary directory and returns its path.
func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("mle-data-\(UUID().uuidString).csv").path
    try Foundation.Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

/// Parses `text` as the file "t.csv"; the tests' one way in.
func table(_ text: String) throws(CSVError) -> Table {
    try CSVReader.parse(text, name: "t.csv", path: "/data/t.csv")
}

/// The error parsing `bytes` as "t.csv" throws, or nil if it parses.
func parseError(bytes: [UInt8]) -> CSVError? {
    do {
        _ = try CSVReader.parse(bytes: bytes, name: "t.csv", path: "/data/t.csv")
        return nil
    } catch {
        return error
    }
}

/// The error parsing `text` as "t.csv" throws, or nil if it parses.
func parseError(_ text: String) -> CSVError? {
    parseError(bytes: Array(text.utf8))
}

/// A column's cells, failing the caller's expectation (by returning []) if it is absent.
func cells(_ table: Table, _ name: String) -> [String?] {
    table.column(named: name)?.cells ?? []
}

typealias SeededGenerator = SplitMix64
