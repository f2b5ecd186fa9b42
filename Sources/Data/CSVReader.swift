#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads CSV files into tables, as data sets arrive in real life (RFC 4180).
///
/// - The first non-blank record is the header; its names are trimmed of
///   surrounding whitespace and must be non-empty and distinct.
/// - Fields are separated by commas; quoted fields may hold commas, line
///   endings and doubled quotes. A quote inside an unquoted field is literal.
/// - Lines end with CRLF, LF or a lone CR; the last line's ending is optional.
///   A UTF-8 byte order mark at the start is ignored.
/// - Blank lines (empty, or only spaces and tabs) are skipped wherever they
///   are, as R's `read.csv` and pandas do: they hold no data, and the rows
///   around them keep their true line numbers for messages.
/// - Every record must have as many fields as the header has columns.
public enum CSVReader {
    /// Reads and parses the CSV file at `path`. `name` is used in messages.
    ///
    /// The file is mapped, not read into memory, and parsed in chunks on every core
    /// (`TableBuilder`); the table keeps the mapping so that numeric columns can give
    /// their cells' text back on demand.
    public static func read(path: String, name: String) throws(CSVError) -> Table {
        try parse(file: map(path: path, name: name), name: name, path: path)
    }

    /// Parses CSV text (for tests and for `read`).
    public static func parse(_ text: String, name: String, path: String) throws(CSVError) -> Table {
        try parse(bytes: Array(text.utf8), name: name, path: path)
    }

    /// Parses the bytes of a CSV file, which must be UTF-8.
    public static func parse(bytes: [UInt8], name: String, path: String) throws(CSVError) -> Table {
        try parse(file: MappedFile(copying: bytes), name: name, path: path)
    }

    /// Parses the bytes of `file`; `configure` may set the builder's threads, chunk size
    /// and interrupt poll (tests use it to cut small files into many chunks).
    static func parse(
        file: MappedFile, name: String, path: String, configure: (inout TableBuilder) -> Void = { _ in }
    ) throws(CSVError) -> Table {
        let buffer = file.bytes
        let hasBOM = buffer.starts(with: [0xEF, 0xBB, 0xBF])
        var scanner = CSVScanner(bytes: buffer, file: name, position: hasBOM ? 3 : 0)
        let names: [String]
        do {
            names = try header(from: &scanner)
        } catch {
            // A file that is not UTF-8 is reported as such, wherever the first bad byte is.
            if let offset = UTF8Validation.firstInvalidOffset(in: buffer, range: 0..<buffer.count) {
                throw invalidUTF8(at: offset, in: buffer, name: name)
            }
            throw error
        }
        if let offset = UTF8Validation.firstInvalidOffset(in: buffer, range: 0..<scanner.position) {
            throw invalidUTF8(at: offset, in: buffer, name: name)
        }
        var builder = TableBuilder(names: names, file: name, source: file)
        configure(&builder)
        let columns = try builder.columns(dataStart: scanner.position, line: scanner.line)
        return Table(name: name, path: path, columns: columns)
    }

    /// The header's column names: the first non-blank record, trimmed, non-empty and distinct.
    static func header(from scanner: inout CSVScanner) throws(CSVError) -> [String] {
        while !scanner.isAtEnd, scanner.skipBlankLine() {}
        guard !scanner.isAtEnd else { throw CSVError(file: scanner.file, line: nil, message: DataMessage.emptyFile) }
        let line = scanner.line
        let bytes = scanner.bytes
        var names: [String] = []
        _ = try scanner.forEachField { _, field in
            names.append(trimmedWhitespace(field.text(in: bytes) ?? ""))
        }
        if let problem = problem(withNames: names) {
            throw CSVError(file: scanner.file, line: line, message: problem)
        }
        return names
    }

    /// What is wrong with the header's names, if anything: an empty name or a repeated one.
    private static func problem(withNames names: [String]) -> String? {
        var seen: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            guard !name.isEmpty else {
                let isLast = index == names.count - 1 && names.count > 1
                return DataMessage.emptyColumnName(position: index + 1, isLast: isLast)
            }
            if let first = seen[name] {
                return DataMessage.duplicateColumn(name, first: first + 1, second: index + 1)
            }
            seen[name] = index
        }
        return nil
    }

    /// The error for a file whose first ill-formed UTF-8 byte is at `offset`, naming its line.
    static func invalidUTF8(at offset: Int, in buffer: UnsafeBufferPointer<UInt8>, name: String) -> CSVError {
        CSVError(
            file: name, line: UTF8Validation.line(of: offset, in: buffer),
            message: DataMessage.invalidUTF8(byte: buffer[offset], offset: offset))
    }

    private static func trimmedWhitespace(_ text: String) -> String {
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text.lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
        return String(text[start..<end])
    }

    /// The file at `path`, mapped, or an error that names the path and the reason.
    static func map(path: String, name: String) throws(CSVError) -> MappedFile {
        func failure(_ reason: String = String(cString: strerror(errno))) -> CSVError {
            let lowered = reason.prefix(1).lowercased() + reason.dropFirst()
            return CSVError(file: name, line: nil, message: DataMessage.cannotRead(path: path, reason: lowered))
        }
        // Checked before opening: opening a FIFO for reading blocks until a writer appears.
        var before = stat()
        guard stat(path, &before) == 0 else { throw failure() }
        switch before.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw failure(DataMessage.isDirectory)
        default: throw failure(DataMessage.notRegularFile)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure() }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = failure()
            close(descriptor)
            throw error
        }
        // The file may have been replaced between stat and open.
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw failure(DataMessage.notRegularFile)
        }
        guard let file = MappedFile(descriptor: descriptor, info: info) else {
            let error = failure()
            close(descriptor)
            throw error
        }
        return file
    }
}
