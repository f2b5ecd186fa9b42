import Diagnostics

/// The wording of the interpreter's messages about shaped params (simplexes,
/// matrices) and params indexed by data.
extension InterpreterMessage {
    static func simplexStartSum(param name: String, row: Int?, sum: Double) -> String {
        let which = row.map { "row \($0) of its start value sums" } ?? "its start value sums"
        return
            "param '\(name)' is a simplex, so its start value must sum to 1, but \(which) to \(NumberFormat.significant(sum))"
    }
}
