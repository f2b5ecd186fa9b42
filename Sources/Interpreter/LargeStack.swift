import Foundation

/// Runs `body` on a thread with a large stack and waits for it.
///
/// The parser bounds nesting, but the checker and evaluator recurse over
/// expression trees thousands of levels deep (a long `1+1+…+1`); a secondary
/// thread's default stack (512 KiB) is too small for that in a debug build.
public func withLargeStack<T>(_ body: @escaping @Sendable () -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = 512 << 20
    thread.start()
    done.wait()
    return box.value!
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
