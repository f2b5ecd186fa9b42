/// The text of one script (or one REPL entry) and where its lines start.
///
/// Immutable and shared by reference, so every span can point back to the
/// text it came from. Offsets are UTF-8 byte offsets into `text`.
public final class SourceFile: Sendable, Hashable {
    /// The name shown in diagnostics: a path as the user gave it, or `<repl>`.
    public let name: String
    public let text: String
    /// The folder relative paths inside this source resolve against (csv files).
    public let directory: String
    /// UTF-8 offset of the first byte of each line.
    public let lineStarts: [Int]
    public let utf8: [UInt8]

    public init(name: String, text: String, directory: String = ".") {
        self.name = name
        self.text = text
        self.directory = directory
        let bytes = Array(text.utf8)
        self.utf8 = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    /// 1-based line number and 1-based column (in Unicode scalars) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, utf8.count))
        let line = lineIndex(of: clamped)
        let start = lineStarts[line]
        let column = scalarCount(from: start, to: clamped) + 1
        return (line + 1, column)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : utf8.count
        if end > start, utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: utf8[start..<max(start, end)], as: UTF8.self)
    }

    /// The UTF-8 offset where a 1-based line ends (before its newline, "\n" or "\r\n").
    public func lineEnd(_ line: Int) -> Int {
        guard line >= 1, line < lineStarts.count else { return utf8.count }
        let newline = lineStarts[line] - 1
        return newline > lineStarts[line - 1] && utf8[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
    }

    func lineIndex(of offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Unicode scalars between two byte offsets (continuation bytes are not counted).
    func scalarCount(from start: Int, to end: Int) -> Int {
        var n = 0
        var i = start
        while i < end && i < utf8.count {
            if utf8[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    public static func == (a: SourceFile, b: SourceFile) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
}
