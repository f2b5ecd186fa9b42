/// "Did you mean …?": the closest known name to a misspelt one.
public enum Suggestion {
    /// The candidate nearest to `name` by edit distance, if it is close enough to be a
    /// plausible typo (at most a third of the name's length, and at least one edit) and
    /// keeps something of it (`σ` is no typo for `y`: replacing every character is not).
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(1, name.count / 3)
        var best: (String, Int)?
        for candidate in candidates where candidate != name {
            let d = editDistance(Array(name.lowercased()), Array(candidate.lowercased()))
            let keepsSomething = d < max(name.count, candidate.count)
            if d <= limit, keepsSomething, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Damerau–Levenshtein distance (optimal string alignment): a swap of two
    /// neighbouring characters counts as one edit, as typists make them.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
