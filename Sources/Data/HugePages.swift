#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A hint that a large buffer about to be written for the first time should be backed
/// by the kernel's 2 MiB transparent huge pages: a column of 10⁶ numbers then costs
/// 4 page faults instead of about 2,000, each of which stops the thread writing it
/// (most of a CSV load's time in the kernel went to those faults). Only the buffer's
/// whole 2 MiB-aligned stretches are advised. Where huge pages are off, or on systems
/// without `madvise`'s `MADV_HUGEPAGE`, nothing changes.
enum HugePages {
    static let size = 2 << 20

    static func advise(_ start: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
            guard let start, bytes >= 2 * size else { return }
            let first = (UInt(bitPattern: start) + UInt(size) - 1) / UInt(size) * UInt(size)
            let last = (UInt(bitPattern: start) + UInt(bytes)) / UInt(size) * UInt(size)
            guard first < last, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(pointer, Int(last - first), MADV_HUGEPAGE)
        #endif
    }
}
