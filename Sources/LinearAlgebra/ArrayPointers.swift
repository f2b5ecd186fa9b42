/// Pointers to the elements of several arrays at once, for loops that run on several threads:
/// an array shared by the threads pays an atomic reference count on each access, a pointer
/// nothing.
public enum ArrayPointers {
    /// `body` with a pointer to each array's elements, valid for the call (an empty array's
    /// points at storage that must not be read).
    public static func with<R>(_ arrays: [[Double]], _ body: ([UnsafePointer<Double>]) -> R) -> R {
        func nest(_ index: Int, _ pointers: [UnsafePointer<Double>]) -> R {
            guard index < arrays.count else { return body(pointers) }
            return arrays[index].withUnsafeBufferPointer { nest(index + 1, pointers + [$0.baseAddress ?? empty]) }
        }
        return nest(0, [])
    }

    private nonisolated(unsafe) static let empty = UnsafePointer(UnsafeMutablePointer<Double>.allocate(capacity: 1))
}
