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
    public static func softmaxCategories(_ a: Int, _ b: Int) -> String {
        "the terms inside softmax must have one value per category, but one has \(a) and another \(b)"
    }

    public static let softmaxOfNumber =
        "softmax needs a vector (or a matrix, row by row), but this is a number"
}

extension CheckerMessage.Role {
    public static func dimension(_ shape: String) -> String { "a \(shape) param's dimension" }
}

extension CheckerMessage {
    public static func indexCount(_ name: String, dimensions: Int, given: Int) -> String {
        "'\(name)' has \(dimensions) dimension\(dimensions == 1 ? "" : "s"), so it takes \(dimensions == 2 ? "one index (a row) or two" : "one index"), but \(given) \(given == 1 ? "is" : "are") given"
    }

    public static let categoricalArgument =
        "Categorical's argument must be a simplex param ('p' with 'param p : simplex[K]'), a row of one picked per row ('P[d.prev]' with 'param P : simplex[K, V]'), or 'softmax(B·x)' with 'param B : matrix[K, ncol(x)]' and x a data matrix"

    public static func simplexPriorOnNonSimplex(_ family: String, _ name: String) -> String {
        "\(family) is a distribution over a simplex: it can be the prior of a simplex param, but '\(name)' is not one"
    }

    public static func priorOnSimplex(_ family: String, _ name: String) -> String {
        "'\(name)' is a simplex param: its prior must be a distribution over the simplex, such as Dirichlet(α), not \(family)"
    }

    public static func simplexFamilyModelsNoData(_ family: String) -> String {
        "\(family) is a distribution over a simplex, for the prior of a simplex param ('prior p ~ \(family)(1)'); it does not model data"
    }

    public static func noDistributionFunction(_ function: String, _ family: String) -> String {
        "\(function) takes a family of numbers with scalar arguments; \(family)'s argument is a vector of probabilities (its pdf at k is simply pₖ)"
    }

    public static func simplexFamilyNotSampled(_ family: String) -> String {
        "sample draws numbers, but a \(family) draw is a vector of probabilities"
    }
}
