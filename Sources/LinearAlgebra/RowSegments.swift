import Foundation

/// A reduction over many rows, done on every core: the rows are cut into segments of 2¹⁶
/// (fixed by the row count alone, so the result is the same bit for bit whatever the number
/// of cores), each reduced on its own, the parts given back in row order for the caller to
/// combine. Fewer than two segments' rows make one part, reduced as a single loop would
/// (or fewer than `splittingFrom` rows, for a reduction that was cut from there before).
public enum RowSegments {
    public static let rows = 1 << 16

    /// `body` over each segment's rows, in row order.
    public static func map<T>(_ n: Int, splittingFrom threshold: Int = 2 * rows, _ body: (Range<Int>) -> T) -> [T] {
        guard n >= threshold else { return [body(0..<n)] }
        let count = (n + rows - 1) / rows
        var parts = [T?](repeating: nil, count: count)
        withoutActuallyEscaping(body) { body in
            parts.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let (out, work) = (buffer, body)
                DispatchQueue.concurrentPerform(iterations: count) { s in
                    out[s] = work(s * rows..<min(n, (s + 1) * rows))
                }
            }
        }
        return parts.map { $0! }
    }
}
