// mle-bench csv: the CSV reader against the speed of reading the file.
//
//   mle-bench csv [rows] [columns] [file.csv]
//       Writes (unless a file is given) a CSV of `rows` × `columns` random normals
//       (1,000,000 × 10 by default, fixed seed, shortest round-trip spelling as polars
//       and pandas write them) to the temporary directory, then times `CSVReader.read`
//       (best of 5) against one pass reading every byte of the same file through a
//       mapping, and prints `ratio_to_read: R` (the reader's time over the read's)
//       and the peak resident memory the first load added, as a multiple of the
//       parsed numbers (`/usr/bin/time -v` gives the whole process's peak).
//   mle-bench csv verify [count]
//       Parses `count` (10,000,000 by default) random spellings of numbers
//       (`DecimalSpellings`: ties, subnormals, 19+ digit mantissas, limits, …) through
//       the CSV reader in files of a million rows and compares each double with the C
//       library's `strtod`; prints the number of mismatches (0 expected).
import Data
import Foundation
import SeededRandom

func csvBenchmark(_ arguments: [String]) {
    if arguments.first == "verify" {
        csvVerify(count: arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000_000)
        return
    }
    let rows = arguments.first.flatMap { Int($0) } ?? 1_000_000
    let columns = arguments.dropFirst().first.flatMap { Int($0) } ?? 10
    let path = arguments.dropFirst(2).first ?? writeNumericCSV(rows: rows, columns: columns)
    // The peak is taken after the first load alone: later loads replace the table (two
    // are alive for a moment) and the byte pass keeps the whole file resident.
    let before = peakResidentBytes()
    guard let table = try? CSVReader.read(path: path, name: "bench.csv") else {
        print("error: cannot read \(path)")
        return
    }
    let peak = peakResidentBytes()
    var reloaded: Table?
    let load = best(5) {
        reloaded = nil
        reloaded = try? CSVReader.read(path: path, name: "bench.csv")
    }
    var sum: UInt64 = 0
    let read = best(5) { sum &+= readEveryByte(path) }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let numbers = table.columns.reduce(0) { $0 + $1.values.count } * 8
    print("file: \(path), \(size / 1_000_000) MB, \(table.rowCount) rows × \(table.columns.count) columns")
    print("load: \(String(format: "%.1f", load * 1000)) ms (\(String(format: "%.0f", Double(size) / load / 1e6)) MB/s)")
    print("read every byte: \(String(format: "%.1f", read * 1000)) ms")
    print(
        "peak memory of the first load: \(peak / 1_000_000) MB (\(before / 1_000_000) MB before it; "
            + "parsed numbers \(numbers / 1_000_000) MB; ratio_to_numbers: "
            + "\(String(format: "%.2f", Double(peak - before) / Double(max(1, numbers)))))")
    print(
        "ratio_to_read: \(String(format: "%.3f", load / read)) (checksum \(sum % 1000), rows \(reloaded?.rowCount ?? 0))"
    )
}

/// A CSV of random normals in the temporary directory (reused if already there).
private func writeNumericCSV(rows: Int, columns: Int) -> String {
    let path = NSTemporaryDirectory() + "mle-bench-\(rows)x\(columns).csv"
    if FileManager.default.fileExists(atPath: path) { return path }
    var generator = SplitMix64(seed: 5)
    var text = (0..<columns).map { "x\($0)" }.joined(separator: ",") + "\n"
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: path) else { return path }
    for row in 0..<rows {
        for column in 0..<columns {
            text += generator.normal().description
            text += column == columns - 1 ? "\n" : ","
        }
        if row % 100_000 == 99_999 || row == rows - 1 {
            handle.write(Foundation.Data(text.utf8))
            text = ""
        }
    }
    handle.closeFile()
    return path
}

/// The sum of the file's bytes, read through a mapping: the least any reader must do.
private func readEveryByte(_ path: String) -> UInt64 {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return 0 }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_size > 0,
        let base = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED
    else { return 0 }
    defer { munmap(base, Int(info.st_size)) }
    let words = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt64.self), count: Int(info.st_size) / 8)
    return words.reduce(0, &+)
}

private func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss * 1024
}

/// Parses random spellings through the reader and counts doubles that differ from strtod's.
///
/// Spellings beyond a double's range (strtod gives ±∞, or 0 for a nonzero decimal) are
/// read one per file instead: the reader either gives strtod's value or refuses the
/// cell (an error naming it), and one such cell must not stop the batch's read.
private func csvVerify(count: Int) {
    var spellings = DecimalSpellings(seed: 20_210_701)
    // The C library's strtod, in the "C" locale (a Swift program never calls setlocale).
    func strtod(_ text: String) -> Double { text.withCString { Foundation.strtod($0, nil) } }
    var checked = 0
    var outOfRange = 0
    var mismatches = 0
    func mismatch(_ text: String, _ parsed: Double?, _ reference: Double) {
        mismatches += 1
        if mismatches <= 10 { print("mismatch: '\(text)' read \(String(describing: parsed)), strtod \(reference)") }
    }
    while checked < count {
        let size = min(1_000_000, count - checked)
        var batch: [String] = []
        for _ in 0..<size {
            let text = spellings.next()
            let reference = strtod(text)
            if reference.isInfinite
                || (reference == 0 && text.prefix { $0 != "e" && $0 != "E" }.contains { ("1"..."9").contains($0) })
            {
                outOfRange += 1
                let alone = try? CSVReader.parse("x\n\(text)\n", name: "v.csv", path: "v.csv").column(named: "x")
                if alone?.kind == .numeric, alone?.values.first?.bitPattern != reference.bitPattern {
                    mismatch(text, alone?.values.first, reference)
                }
            } else {
                batch.append(text)
            }
        }
        let csv = "x\n" + batch.joined(separator: "\n") + "\n"
        guard let column = try? CSVReader.parse(csv, name: "verify.csv", path: "verify.csv").column(named: "x"),
            column.kind == .numeric
        else {
            print("error: the batch did not parse as numbers")
            return
        }
        for (row, text) in batch.enumerated() {
            let reference = strtod(text)
            if column.values[row].bitPattern != reference.bitPattern { mismatch(text, column.values[row], reference) }
        }
        checked += size
    }
    print("checked: \(checked) (\(outOfRange) beyond a double's range, each alone), mismatches: \(mismatches)")
}
