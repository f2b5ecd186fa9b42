import Data
import Foundation

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

/// SplitMix64: a small, fast generator whose fixed seed makes the random tests repeatable.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
