#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a CSV file, mapped into memory read-only (or, for text parsed from a
/// string, a private copy), kept for as long as a table's columns may want their
/// cells' text back.
///
/// A mapping costs address space, not memory: the kernel reads pages in as they are
/// touched, and `release` hands back those already read, so a pass over a file of any
/// size holds only the stretch it is working on (the pages stay in the page cache, so
/// touching them again costs no disk read). The file descriptor stays open so that
/// `isUnchanged` can tell whether the file was rewritten in place since it was
/// mapped: its later pages would then show the new contents (or fault, if it shrank),
/// so a column asks before reading a cell's text again.
final class MappedFile: @unchecked Sendable {
    /// The bytes. Immutable while the object lives (unless the file is rewritten in place).
    let bytes: UnsafeBufferPointer<UInt8>
    private let descriptor: Int32
    private let mappedLength: Int
    private let size: Int64
    private let modified: timespec

    /// Maps the regular file open as `descriptor` (which it takes over and closes),
    /// whose `fstat` gave `info`. Nil (with `errno` set) when the mapping fails.
    init?(descriptor: Int32, info: stat) {
        let length = Int(info.st_size)
        var base: UnsafeRawPointer?
        if length > 0 {
            guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED
            else { return nil }
            base = UnsafeRawPointer(address)
            _ = madvise(address, length, MADV_SEQUENTIAL)
        }
        self.bytes = UnsafeBufferPointer(start: base?.assumingMemoryBound(to: UInt8.self), count: length)
        self.descriptor = descriptor
        self.mappedLength = length
        self.size = Int64(info.st_size)
        self.modified = Self.modificationTime(info)
    }

    /// A private copy of `bytes` (text parsed from a string, and tests).
    init(copying source: [UInt8]) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, source.count))
        _ = copy.initialize(from: source)
        self.bytes = UnsafeBufferPointer(start: copy.baseAddress, count: source.count)
        self.descriptor = -1
        self.mappedLength = 0
        self.size = Int64(source.count)
        self.modified = timespec()
    }

    deinit {
        if descriptor >= 0 {
            if mappedLength > 0, let base = bytes.baseAddress {
                munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
            }
            close(descriptor)
        } else {
            UnsafeMutableBufferPointer(mutating: bytes).deallocate()
        }
    }

    /// Gives back the memory of the whole pages inside `range` (bytes already read):
    /// they leave the process's resident set and are read again from the page cache
    /// if touched. Nothing for a private copy.
    func release(_ range: Range<Int>) {
        guard descriptor >= 0, let base = bytes.baseAddress else { return }
        let page = Self.pageSize
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound >= bytes.count ? bytes.count : range.upperBound / page * page
        guard start < end else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    /// Whether the file still has the size and modification time it had when mapped,
    /// so that its bytes are still the ones parsed. Always true for a private copy.
    var isUnchanged: Bool {
        guard descriptor >= 0 else { return true }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return false }
        let now = Self.modificationTime(info)
        return Int64(info.st_size) == size && now.tv_sec == modified.tv_sec && now.tv_nsec == modified.tv_nsec
    }

    static let pageSize = max(4096, Int(sysconf(Int32(_SC_PAGESIZE))))

    private static func modificationTime(_ info: stat) -> timespec {
        #if canImport(Darwin)
            info.st_mtimespec
        #else
            info.st_mtim
        #endif
    }
}
