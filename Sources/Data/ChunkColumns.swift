#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The numbers of one chunk of a CSV file, column after column, in memory mapped
/// straight from the kernel so that every byte given back is really returned.
///
/// A chunk's row count is known only once it is parsed, so the storage is reserved
/// for the most rows its bytes can hold (`capacity` per column) and only the pages
/// written are ever resident: the columns stay `capacity` apart, the room after each
/// column's last row costing address space and no memory (packing them together
/// would copy every number once more and touch fresh pages for it).
/// `release(column:)` returns a column's pages once the table's column has copied
/// them. The memory comes from `mmap`, not `malloc`, because the allocator keeps freed
/// blocks of this size for reuse instead of returning them, which would leave a
/// load's peak at twice its data.
final class ChunkColumns: @unchecked Sendable {
    let columnCount: Int
    /// Rows of room per column.
    let stride: Int
    private let base: UnsafeMutablePointer<Double>?
    private let mappedBytes: Int

    /// Room for `capacity` rows of `columnCount` columns; nil if the memory cannot be mapped.
    init?(columns columnCount: Int, capacity: Int) {
        self.columnCount = columnCount
        self.stride = capacity
        let (bytes, overflow) = capacity.multipliedReportingOverflow(by: columnCount * MemoryLayout<Double>.stride)
        guard !overflow else { return nil }
        mappedBytes = Self.roundedToPages(bytes)
        guard mappedBytes > 0 else {
            base = nil
            return
        }
        let address = mmap(nil, mappedBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let address, address != MAP_FAILED else { return nil }
        base = address.assumingMemoryBound(to: Double.self)
    }

    deinit {
        if let base, mappedBytes > 0 { munmap(base, mappedBytes) }
    }

    /// Where column `column`'s values start (row r at offset r).
    @inline(__always)
    func column(_ column: Int) -> UnsafeMutablePointer<Double>? {
        base.map { $0 + column * stride }
    }

    /// Returns the whole pages that hold only column `column`'s values (after they are copied).
    func release(column: Int) {
        guard let base else { return }
        let page = MappedFile.pageSize
        let start = UInt(bitPattern: base + column * stride)
        let end = UInt(bitPattern: base + (column + 1) * stride)
        let first = (start + UInt(page) - 1) / UInt(page) * UInt(page)
        let last = end / UInt(page) * UInt(page)
        guard first < last, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(pointer, Int(last - first), MADV_DONTNEED)
    }

    private static func roundedToPages(_ bytes: Int) -> Int {
        let page = MappedFile.pageSize
        return (bytes + page - 1) / page * page
    }
}
