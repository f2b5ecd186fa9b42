import Testing

@testable import Diagnostics

/// Lines and columns: 1-based, columns counted in Unicode scalars, offsets in UTF-8 bytes.
@Suite struct SourceFileTests {
    static func file(_ text: String) -> SourceFile { SourceFile(name: "t.mle", text: text) }

    /// The byte offset of the first occurrence of `needle` in the file's text.
    static func offset(of needle: String, in file: SourceFile) -> Int {
        let bytes = Array(needle.utf8)
        for i in 0...(file.utf8.count - bytes.count) where Array(file.utf8[i..<i + bytes.count]) == bytes {
            return i
        }
        Issue.record("'\(needle)' is not in the file")
        return 0
    }

    @Test func asciiLinesAndColumns() {
        let f = Self.file("data x = 1\nlet y = x\n")
        #expect(f.location(of: 0) == (1, 1))
        #expect(f.location(of: 5) == (1, 6))
        #expect(f.location(of: 11) == (2, 1))
        #expect(f.location(of: 15) == (2, 5))
        #expect(f.lineStarts == [0, 11, 21])
        #expect(f.lineText(1) == "data x = 1")
        #expect(f.lineText(2) == "let y = x")
        #expect(f.lineText(3) == "")
    }

    @Test func offsetsOutsideTheFileAreClamped() {
        let f = Self.file("ab\ncd")
        #expect(f.location(of: -5) == (1, 1))
        #expect(f.location(of: 999) == (2, 3))
        #expect(f.lineText(0) == "")
        #expect(f.lineText(99) == "")
    }

    /// μ is two bytes in UTF-8 but one column.
    @Test func multiByteNamesCountAsOneColumn() {
        let f = Self.file("let μ = σ + θ")
        #expect(f.location(of: Self.offset(of: "=", in: f)) == (1, 7))
        #expect(f.location(of: Self.offset(of: "σ", in: f)) == (1, 9))
        #expect(f.location(of: Self.offset(of: "θ", in: f)) == (1, 13))
        // Three-byte (≈) and four-byte (𝑥) scalars are one column too.
        let g = Self.file("a ≈ 𝑥 b")
        #expect(g.location(of: Self.offset(of: "b", in: g)) == (1, 7))
    }

    /// A combining mark is its own scalar: `w` + U+0302 is two columns, precomposed ŵ is one.
    @Test func combiningMarksAreScalars() {
        let decomposed = Self.file("w\u{302} = 1")
        #expect(decomposed.location(of: Self.offset(of: "=", in: decomposed)) == (1, 4))
        let precomposed = Self.file("\u{175} = 1")
        #expect(precomposed.location(of: Self.offset(of: "=", in: precomposed)) == (1, 3))
    }

    @Test func crlfLineEndings() {
        let f = Self.file("data x = 1\r\nlet μ = x\r\nprint μ")
        #expect(f.lineStarts == [0, 12, 24])
        #expect(f.lineText(1) == "data x = 1")
        #expect(f.lineText(2) == "let μ = x")
        #expect(f.lineText(3) == "print μ")
        #expect(f.location(of: Self.offset(of: "let", in: f)) == (2, 1))
        #expect(f.location(of: Self.offset(of: "print", in: f)) == (3, 1))
        #expect(f.location(of: Self.offset(of: "= x", in: f)) == (2, 7))
    }

    @Test func spanTextAndPosition() {
        let f = Self.file("x\nlet μ₁ = 2")
        let start = Self.offset(of: "μ₁", in: f)
        let span = SourceSpan(file: f, start: start, end: start + "μ₁".utf8.count)
        #expect(span.text == "μ₁")
        #expect(span.position == "2:5")
        #expect(span.description == "t.mle:2:5")
        #expect(span.afterEnd.start == span.end && span.afterEnd.end == span.end)
        let other = SourceSpan(file: f, start: 0, end: 1)
        #expect(span.merged(with: other) == SourceSpan(file: f, start: 0, end: span.end))
        // A reversed span is empty, never negative.
        #expect(SourceSpan(file: f, start: 5, end: 2).end == 5)
    }

    @Test func filesAreEqualOnlyToThemselves() {
        let a = Self.file("x")
        let b = Self.file("x")
        #expect(a == a)
        #expect(a != b)
    }
}

extension SourceFileTests {
    @Test func lineEndsStopBeforeTheNewline() {
        let f = Self.file("ab\r\ncd\nef")
        #expect(f.lineEnd(1) == 2)
        #expect(f.lineEnd(2) == 6)
        #expect(f.lineEnd(3) == 9)
        #expect(f.lineEnd(4) == 9)
        #expect(f.lineEnd(0) == 9)
    }
}
