import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Work spread over the cores: how many threads a load may use, and a loop whose
/// iterations run on them, each thread taking the next index when it is free (so a
/// slow chunk, or a core another process is using, does not hold up the others).
enum Parallel {
    /// The cores, or fewer if `MLE_THREADS` says so (at least 1).
    static var threadCount: Int {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        guard let text = getenv("MLE_THREADS"), let limit = Int(String(cString: text)), limit >= 1 else { return cores }
        return min(cores, limit)
    }

    /// Runs `body(i)` for every i in 0..<count on up to `threads` threads, and returns
    /// when all have run. Iterations may run in any order and at the same time.
    static func forEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        guard threads > 1, count > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        let counter = Counter()
        DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
            while let index = counter.next(below: count) { body(index) }
        }
    }
}

/// A shared counter handing out 0, 1, 2, … under a lock.
private final class Counter: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value = 0

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// The next value, or nil once it reaches `limit`.
    func next(below limit: Int) -> Int? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
