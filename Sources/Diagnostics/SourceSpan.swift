/// A range of bytes in one source file: where a token, node or value came from.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    public let file: SourceFile
    /// UTF-8 byte offsets, `start..<end`.
    public let start: Int
    public let end: Int

    public init(file: SourceFile, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span covering both (they must be in the same file).
    public func merged(with other: SourceSpan) -> SourceSpan {
        SourceSpan(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    /// A zero-width span at this span's end (for "expected X after Y").
    public var afterEnd: SourceSpan { SourceSpan(file: file, start: end, end: end) }

    public var text: String {
        let s = max(0, min(start, file.utf8.count))
        let e = max(s, min(end, file.utf8.count))
        return String(decoding: file.utf8[s..<e], as: UTF8.self)
    }

    /// `line:col` of the start, 1-based.
    public var position: String {
        let (l, c) = file.location(of: start)
        return "\(l):\(c)"
    }

    public var description: String { "\(file.name):\(position)" }
}
