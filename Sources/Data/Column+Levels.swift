/// The levels of a text column, the minimal piece of a factor that indexing a param by a
/// text column needs (`μ[d.Species]`).
extension Column {
    /// The distinct cell texts sorted as R sorts a factor's levels in the C locale (by
    /// Unicode scalar values: byte order for ASCII), and each row's 1-based code among them;
    /// or the problem with the first empty cell (an index needs a level in every row).
    public func textLevels() -> Result<(levels: [String], codes: [Int32]), CellProblem> {
        let texts = cells
        if let row = texts.firstIndex(where: { $0 == nil }) { return .failure(problem(at: row)) }
        let levels = Array(Set(texts.compactMap { $0 })).sorted {
            $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
        }
        let code = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0 + 1)) })
        return .success((levels, texts.map { code[$0 ?? ""] ?? 0 }))
    }
}
