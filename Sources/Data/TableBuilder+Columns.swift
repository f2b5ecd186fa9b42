extension TableBuilder {
    /// The table's columns from its chunks: each column's numbers copied out of the
    /// chunks (the chunks' memory given back column by column as it is copied, so the
    /// numbers are held once, not twice); text columns' cells decoded from the file.
    func assemble(_ placed: [PlacedChunk]) -> [Column] {
        let rows = placed.reduce(0) { $0 + $1.chunk.rowCount }
        var lines = RowLines()
        var checkpointRows: [Int] = []
        var checkpointOffsets: [Int] = []
        for part in placed {
            lines.append(contentsOf: part.chunk.lines.shifted(by: part.lineBase))
            for (index, offset) in part.chunk.checkpoints.enumerated() {
                checkpointRows.append(part.rowBase + index * CSVChunk.checkpointSpacing)
                checkpointOffsets.append(offset)
            }
        }
        let values = numbers(placed, rows: rows)
        let missing = names.indices.map { column in placed.reduce(0) { $0 + $1.chunk.missing[column] } }
        let firstTextRow = names.indices.map { column in
            placed.lazy.compactMap { part in part.chunk.firstTextRow[column].map { part.rowBase + $0 } }.first
        }
        let cellSource = CSVSource(
            file: source, name: file, rowCount: rows, checkpointRows: checkpointRows,
            checkpointOffsets: checkpointOffsets)
        let textColumns = names.indices.filter { firstTextRow[$0] != nil }
        let texts = textCells(of: textColumns, placed, rows: rows)
        return names.indices.map { index in
            let storage: Column.Storage
            if let position = textColumns.firstIndex(of: index), texts.indices.contains(position) {
                storage = .strings(texts[position])
            } else {
                storage = .source(cellSource, column: index)
            }
            return Column(
                name: names[index], file: file, values: values[index], lines: lines, storage: storage,
                firstTextRow: firstTextRow[index], missing: missing[index])
        }
    }

    /// Each column's numbers, the chunks' parts laid end to end: columns copied on
    /// several threads at once, or, when there are fewer columns than threads, each
    /// column's chunks.
    private func numbers(_ placed: [PlacedChunk], rows: Int) -> [[Double]] {
        let result = UnsafeMutableBufferPointer<[Double]>.allocate(capacity: names.count)
        result.initialize(repeating: [])
        defer {
            result.deinitialize()
            result.deallocate()
        }
        nonisolated(unsafe) let slots = result
        let parts = placed
        let threads = rows >= 1 << 16 ? self.threads : 1
        let byColumn = names.count >= threads
        Parallel.forEach(names.count, threads: byColumn ? threads : 1) { column in
            slots[column] = [Double](unsafeUninitializedCapacity: rows) { buffer, count in
                HugePages.advise(buffer.baseAddress, bytes: rows * MemoryLayout<Double>.stride)
                nonisolated(unsafe) let to = buffer
                Parallel.forEach(parts.count, threads: byColumn ? 1 : threads) { index in
                    let part = parts[index]
                    guard let to = to.baseAddress, part.chunk.rowCount > 0 else { return }
                    guard let values = part.chunk.values, let from = values.column(column) else {
                        // Not reached: a chunk with rows has its numbers.
                        (to + part.rowBase).initialize(repeating: .nan, count: part.chunk.rowCount)
                        return
                    }
                    (to + part.rowBase).initialize(from: from, count: part.chunk.rowCount)
                    values.release(column: column)
                }
                count = rows
            }
        }
        return Array(result)
    }

    /// The cells of the text columns (`columns`, 0-based), decoded from the file a few
    /// chunks at a time on every thread, in row order.
    private func textCells(of columns: [Int], _ placed: [PlacedChunk], rows: Int) -> [[String?]] {
        guard !columns.isEmpty else { return [] }
        var texts = columns.map { _ in [String?]() }
        for index in texts.indices { texts[index].reserveCapacity(rows) }
        let window = max(1, 4 * threads)
        for first in stride(from: 0, to: placed.count, by: window) {
            let batch = Array(placed[first..<min(placed.count, first + window)])
            let decoded = UnsafeMutableBufferPointer<[[String?]]>.allocate(capacity: batch.count)
            decoded.initialize(repeating: [])
            nonisolated(unsafe) let slots = decoded
            let (source, file) = (self.source, self.file)
            Parallel.forEach(batch.count, threads: threads) { index in
                let chunk = batch[index].chunk
                slots[index] = CSVSource.texts(
                    of: columns, in: source.bytes, file: file, start: chunk.start, rows: chunk.rowCount)
                source.release(chunk.start..<chunk.end)
            }
            for part in decoded {
                for index in texts.indices where part.indices.contains(index) { texts[index] += part[index] }
            }
            decoded.deinitialize()
            decoded.deallocate()
        }
        return texts
    }
}
