import Foundation
import Testing

/// The history file as several REPLs share it: every entry appended as it is
/// made, under a lock, cut back to the newest 1000, multi-line entries whole.
extension REPLTests {
    /// The entries of a history file in order: each starts after a timestamp
    /// line (`#` and digits) and runs to the next one.
    func entries(of file: URL) throws -> [String] {
        let text = try String(contentsOf: file, encoding: .utf8)
        var entries: [[Substring]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.first == "#", line.dropFirst().first?.isNumber == true {
                entries.append([])
            } else if entries.isEmpty {
                entries.append([line])
            } else {
                entries[entries.count - 1].append(line)
            }
        }
        return entries.map { $0.joined(separator: "\n") }
    }

    /// A history file of `count` entries `print 0` … in the format mle writes.
    func writeHistory(count: Int, timestamps: Bool = true) throws {
        let text = (0..<count).map { (timestamps ? "#1700000000\n" : "") + "print \($0)\n" }.joined()
        try text.write(to: history, atomically: true, encoding: .utf8)
    }

    @Test func twoREPLsOnOneFileKeepEveryEntry() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // A full file, so that every entry also cuts the file back (rewriting it).
        try writeHistory(count: 1000)
        let first = try startREPL()
        let second = try startREPL()
        let rounds = 4
        let perRound = 10
        for round in 0..<rounds {
            // Each REPL gets a burst of entries typed ahead, the two at once.
            let numbers = (round * perRound)..<((round + 1) * perRound)
            first.type(numbers.map { "let a\($0) = \($0)" + Terminal.Key.enter }.joined())
            second.type(numbers.map { "let b\($0) = \($0)" + Terminal.Key.enter }.joined())
        }
        // Typed-ahead text is echoed by the terminal too; readline's echo comes after a prompt.
        let last = rounds * perRound - 1
        try first.expect("mle> let a\(last) = \(last)")
        try first.expect("mle> ")
        try second.expect("mle> let b\(last) = \(last)")
        try second.expect("mle> ")
        try quit(first)
        try quit(second)

        let saved = try entries(of: history)
        #expect(saved.count == 1000)
        for n in 0...last {
            #expect(saved.filter { $0 == "let a\(n) = \(n)" }.count == 1, "a\(n)")
            #expect(saved.filter { $0 == "let b\(n) = \(n)" }.count == 1, "b\(n)")
        }
        // Each REPL's entries in the order it made them.
        #expect(saved.filter { $0.hasPrefix("let a") } == (0...last).map { "let a\($0) = \($0)" })
        #expect(saved.filter { $0.hasPrefix("let b") } == (0...last).map { "let b\($0) = \($0)" })
        #expect(saved.first == "print \(2 * (last + 1))")
    }

    @Test func theFileIsCutToTheNewestEntriesAndStillReadsBackWhole() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeHistory(count: 1100)
        let first = try startREPL()
        try enter("data v = [1,", in: first, prompt: "...> ")
        try enter("2]", in: first)
        try enter("print sum(v)", in: first)
        try quit(first)
        let text = try String(contentsOf: history, encoding: .utf8)
        #expect(text.hasPrefix("#1"), "the first entry keeps a timestamp line")
        let saved = try entries(of: history)
        #expect(saved.count <= 1000 && saved.count >= 990)
        #expect(Array(saved.suffix(2)) == ["data v = [1,\n2]", "print sum(v)"])

        let second = try startREPL()
        second.type(Terminal.Key.up + Terminal.Key.up)
        try second.expect("data v = [1,")
        try enter("", in: second)
        #expect(try enter("print v", in: second) == "[1, 2]")
        try quit(second)
    }

    @Test func aFileWithoutTimestampsGetsThemAndKeepsItsEntries() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeHistory(count: 3, timestamps: false)
        let first = try startREPL()
        try enter("data w = [3,", in: first, prompt: "...> ")
        try enter("4]", in: first)
        try quit(first)
        #expect(try entries(of: history) == ["print 0", "print 1", "print 2", "data w = [3,\n4]"])

        let second = try startREPL()
        second.type(Terminal.Key.up)
        try second.expect("data w = [3,")
        try enter("", in: second)
        second.type(Terminal.Key.up + Terminal.Key.up)
        try second.expect("print 2")
        #expect(try enter("", in: second) == "2")
        try quit(second)
    }

    @Test func historyIsKeptInHomeUnlessMLEHistoryNamesAFileOrIsEmpty() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let inHome = home.appendingPathComponent(".mle_history")

        let first = try startREPL(["HOME": home.path], unsetting: ["MLE_HISTORY"])
        try enter("print 1 + 1", in: first)
        try quit(first)
        #expect(try entries(of: inHome) == ["print 1 + 1"])

        // An empty MLE_HISTORY keeps no file: HOME's is left as it was.
        let second = try startREPL(["HOME": home.path, "MLE_HISTORY": ""])
        try enter("print 2 + 2", in: second)
        try quit(second)
        #expect(try entries(of: inHome) == ["print 1 + 1"])
        #expect(!FileManager.default.fileExists(atPath: history.path))
    }
}
