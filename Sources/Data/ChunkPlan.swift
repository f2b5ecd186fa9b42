/// Where a CSV file's data is cut into chunks that can be parsed at the same time.
///
/// The cuts are made at fixed byte offsets (`boundaries`), and each chunk's parse
/// starts at the first line start at or after its boundary (`starts`). That guess is
/// right unless the boundary falls inside a quoted field that holds a line ending; the
/// reader checks every guess against where the previous chunk's records really ended
/// and parses a chunk again from there when they differ (speculative chunking with a
/// fix-up, as data.table's fread and polars do), so a wrong guess costs time, never
/// a wrong table.
///
/// The starts also split the file for the UTF-8 check: a line break is never inside a
/// multi-byte sequence, so [starts[i], starts[i + 1]) can be checked on its own.
struct ChunkPlan {
    /// b₀ = the data's first byte < b₁ < … < bₙ = the end of the file.
    let boundaries: [Int]
    /// sᵢ = the first line start at or after bᵢ (s₀ = b₀); sₙ = the end of the file.
    let starts: [Int]
    /// The nominal chunk length, also how far past its boundary a guessed chunk may read.
    let size: Int

    var count: Int { boundaries.count - 1 }

    /// Cuts [dataStart, bytes.count) into chunks of `size` bytes, or, without `size`, a
    /// length from 1 to 8 MB giving each of `threads` threads several chunks (so that
    /// one slow chunk does not hold up the rest) while keeping the file's pages in
    /// memory at any moment to a few chunks.
    init(bytes: UnsafeBufferPointer<UInt8>, dataStart: Int, threads: Int, size: Int? = nil) {
        let length = bytes.count - dataStart
        let size = max(1, min(max(1, length), size ?? min(8 << 20, max(1 << 20, length / max(1, 4 * threads)))))
        self.size = size
        var boundaries = [dataStart]
        var offset = dataStart + size
        while offset < bytes.count {
            boundaries.append(offset)
            offset += size
        }
        boundaries.append(max(dataStart, bytes.count))
        self.boundaries = boundaries
        self.starts =
            [dataStart] + boundaries.dropFirst().dropLast().map { Self.lineStart(atOrAfter: $0, in: bytes) }
            + [bytes.count]
    }

    /// The first offset at or after `offset` (> 0) at which a line starts: just past an
    /// LF, a CRLF or a lone CR; the end of the bytes if none.
    static func lineStart(atOrAfter offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = offset - 1
        while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
        guard index < bytes.count else { return bytes.count }
        let isCRLF = bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A
        return index + (isCRLF ? 2 : 1)
    }

    /// How far chunk `index`'s parse may read: a chunk past its boundary, or the end of the file for the last.
    func scanLimit(_ index: Int, fileLength: Int) -> Int {
        index == count - 1 ? fileLength : min(fileLength, boundaries[index + 1] + size)
    }
}
