import Diagnostics

/// The wording of the checker's messages about param shapes (`simplex[K, V]`,
/// `matrix[K, p]`) and params indexed by data (`μ[d.class]`).
extension CheckerMessage {
    public static func badDimension(_ value: Double, shape: String) -> String {
        "a \(shape) param's dimension must be a whole number from 1 to 1000000, but it is \(number(value))"
    }

    public static func simplexTooSmall(_ outcomes: Int) -> String {
        "a simplex needs at least 2 outcomes, but this one has \(outcomes)"
    }

    public static func tooManyComponents(_ name: String, _ total: Int) -> String {
        "param '\(name)' has \(total) components; a param has at most 10000000"
    }

    public static func simplexConstrained(_ name: String) -> String {
        "param '\(name)' is a simplex, which is already constrained (its components are ≥ 0 and sum to 1): drop the constraint"
    }

    public static func startMatrixShape(_ name: String, rows: Int, columns: Int, given: Shape) -> String {
        "param '\(name)' is \(rows)×\(columns), but its start value is \(given)"
    }
}

extension CheckerMessage {
    public static let softmaxOfNumber =
        "softmax needs a vector (or a matrix, row by row), but this is a number"
}

extension CheckerMessage.Role {
    public static func dimension(_ shape: String) -> String { "a \(shape) param's dimension" }
}
