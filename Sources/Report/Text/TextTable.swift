import Diagnostics
import Foundation

/// Aligned text tables for reports.
public enum TextTable {
    /// The grid's columns padded to equal width, two spaces apart; `rightAligned`
    /// columns (numbers) padded on the left. Trailing spaces are dropped.
    public static func render(_ grid: [[String]], rightAligned: Set<Int> = []) -> String {
        let columns = grid.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in grid { for (j, c) in row.enumerated() { widths[j] = max(widths[j], c.count) } }
        return grid.map { row in
            var line = row.enumerated().map { j, c in
                let pad = String(repeating: " ", count: widths[j] - c.count)
                return rightAligned.contains(j) ? pad + c : c + pad
            }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
