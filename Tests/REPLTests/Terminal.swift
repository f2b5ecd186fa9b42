import Foundation
import Glibc

/// The built `mle` running on a pseudo-terminal, driven as a person would:
/// keys go in through the terminal's master side, and what the program
/// draws comes back out of it.
///
/// Every wait has a deadline, so a REPL that hangs fails its test instead
/// of hanging the run; the child is killed when the value goes away.
final class Terminal {
    /// Keys as a terminal sends them.
    enum Key {
        static let enter = "\r"
        static let tab = "\t"
        static let up = "\u{1B}[A"
        static let ctrlC = "\u{03}"
        static let ctrlD = "\u{04}"
        static let ctrlU = "\u{15}"
    }

    /// What was awaited did not come before the deadline (or the program closed the terminal).
    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        let screen: String
        var description: String { "gave up waiting for \(waitingFor); the terminal showed:\n\(screen)" }
    }

    let pid: pid_t
    private let master: Int32
    private let deadline: ContinuousClock.Instant
    private var received: [UInt8] = []
    /// How much of the text has been matched by `expect` already.
    private var matched = 0
    private var exitStatus: Int32?

    /// Starts `mle` with the given extra environment, without the variables
    /// in `unsetting`. `deadline` bounds the whole conversation, every
    /// `expect` and `waitForExit` included.
    init(environment extra: [String: String], unsetting: Set<String> = [], deadline seconds: Double = 15) throws {
        deadline = .now + .seconds(seconds)
        var master: Int32 = 0
        var slave: Int32 = 0
        var size = winsize(ws_row: 40, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        defer { close(slave) }
        var name = [CChar](repeating: 0, count: 256)
        guard ttyname_r(slave, &name, name.count) == 0 else {
            close(master)
            throw POSIXError(.ENOTTY)
        }
        let slaveName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.master = master
        do {
            pid = try Terminal.spawn(
                try mleExecutable().path, ttyPath: slaveName,
                environment: ProcessInfo.processInfo.environment.merging(extra) { $1 }.filter {
                    !unsetting.contains($0.key)
                })
        } catch {
            close(master)
            throw error
        }
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Types `keys` (text and `Key`s).
    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
            } else if errno != EINTR && errno != EAGAIN {
                return
            }
        }
    }

    /// Waits until `text` appears after everything matched so far, and
    /// returns what came before it (since the previous match).
    @discardableResult
    func expect(_ text: String) throws -> String {
        if text.isEmpty { return "" }
        while true {
            let unread = String(decoding: Array(screen.utf8.dropFirst(matched)), as: UTF8.self)
            if let range = unread.range(of: text) {
                let before = String(unread[..<range.lowerBound])
                matched += before.utf8.count + text.utf8.count
                return before
            }
            guard readMore() else { throw Timeout(waitingFor: text.debugDescription, screen: screen) }
        }
    }

    /// Everything drawn so far, escape sequences removed.
    var screen: String { Terminal.plainText(received) }

    /// Waits for the program to end and returns its exit code (128 + n if
    /// signal n killed it).
    func waitForExit() throws -> Int32 {
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7F
                let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                exitStatus = code
                return code
            }
            if result < 0 && errno != EINTR { throw POSIXError(.ECHILD) }
            if !readMore(atMost: .milliseconds(20)) && ContinuousClock.now >= deadline {
                throw Timeout(waitingFor: "the program to exit", screen: screen)
            }
        }
    }

    /// Reads what the program wrote, waiting up to `atMost` (and never past
    /// the deadline). False when nothing came.
    private func readMore(atMost wait: Duration = .seconds(60)) -> Bool {
        let left = min(deadline - .now, wait)
        guard left > .zero else { return false }
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, max(milliseconds, 1)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(master, &buffer, buffer.count)
        guard n > 0 else {
            usleep(10_000)  // EIO: the program closed the terminal; don't spin on it
            return false
        }
        received += buffer[..<n]
        return true
    }

    /// `bytes` as text, without terminal escapes, carriage returns, backspaces and bells.
    static func plainText(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B, i + 1 < bytes.count {
                i += 2
                switch bytes[i - 1] {
                case UInt8(ascii: "["):  // CSI: parameters, then a final byte in @...~
                    while i < bytes.count, !(0x40...0x7E).contains(bytes[i]) { i += 1 }
                    i += 1
                case UInt8(ascii: "]"):  // OSC: up to BEL or ESC \
                    while i < bytes.count, bytes[i] != 0x07, bytes[i] != 0x1B { i += 1 }
                    i += bytes.count > i && bytes[i] == 0x1B ? 2 : 1
                default:
                    break
                }
                continue
            }
            if b != UInt8(ascii: "\r"), b != 0x07, b != 0x08 { out.append(b) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Starts `path` in a new session whose controlling terminal is
    /// `ttyPath` (as stdin, stdout and stderr), so Ctrl-C raises SIGINT.
    private static func spawn(_ path: String, ttyPath: String, environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        // A session leader that opens a terminal makes it its controlling one.
        posix_spawn_file_actions_addopen(&actions, 0, ttyPath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        // Nothing else of this process's: a test's pipe held open by another
        // test's child would keep its end-of-file from arriving.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            if let fd = Int32(name), fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        let setsid: Int16 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26), not imported into Swift
        posix_spawnattr_setflags(&attributes, setsid | Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(.init(rawValue: result) ?? .EIO) }
        return pid
    }
}
