import Foundation

/// Writes a plot's file atomically: the text goes to a new temporary file in the same
/// folder, is flushed to disk, and is then renamed over the path, so a reader (a browser
/// reloading the picture, another process) sees the old file or the new one, never half
/// of one, and a failed write leaves the old file as it was.
enum PlotFile {
    struct Failure: Error {
        let reason: String
    }

    static func write(_ text: String, to path: String) throws(Failure) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure(reason: "it is a folder")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary =
            (folder.isEmpty ? "." : folder) + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw Failure(reason: reason(errno)) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                let why = reason(errno)
                close(fd)
                unlink(temporary)
                throw Failure(reason: why)
            }
            written += n
        }
        let synced = fsync(fd) == 0
        let why = reason(errno)
        close(fd)
        guard synced else {
            unlink(temporary)
            throw Failure(reason: why)
        }
        guard rename(temporary, path) == 0 else {
            let why = reason(errno)
            unlink(temporary)
            throw Failure(reason: why)
        }
    }

    /// The system's words for an errno, in lower case ("no such file or directory").
    static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
