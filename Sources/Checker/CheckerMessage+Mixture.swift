import Model

/// The checker's wording for `Mixture(...)`.
extension CheckerMessage {
    public static let mixtureArguments =
        "a mixture is written Mixture(π1, D1, D2), π1 the weight of D1, or Mixture(π, D1, …, DK) with 'param π : simplex[K]'"

    public static func mixtureTooFewComponents(_ given: Int) -> String {
        "a mixture needs its weights and at least two components, but \(given == 1 ? "one argument was" : "\(given) arguments were") given"
    }

    public static func mixtureComponentNotDistribution(_ k: Int, found: String) -> String {
        "component \(k) of the mixture must be a distribution, such as Normal(μ\(k), σ\(k)), but it is \(found)"
    }

    public static func mixtureWeightIsDistribution(_ found: String) -> String {
        "the first argument of Mixture is the weights, but it is the distribution \(found)"
    }

    public static let mixtureOfMixtures =
        "a component of a mixture cannot itself be a mixture: list every component in one Mixture(π, D1, …, DK)"

    public static func mixtureWeightsNeedSimplex(components: Int, shape: Shape) -> String {
        "with \(components) components the weights are a simplex of \(components) (param π : simplex[\(components)]), but the first argument is \(shape)"
    }

    public static func mixtureWeightsNotSimplex(_ name: String, components: Int) -> String {
        "the weights of a mixture are ≥ 0 and sum to 1, but '\(name)' is a vector param, which nothing keeps so: declare 'param \(name) : simplex[\(components)]'"
    }

    public static func mixtureComponentFamily(_ family: String) -> String {
        "\(family) cannot be a component of a mixture (its outcomes are coded from a simplex, or it is a prior over one): mix families with a log-density over the data, such as Normal or Poisson"
    }

    public static func mixtureWeightLength(components: Int, length: Int) -> String {
        "the mixture has \(components) components but its weights have \(length) components"
    }

    public static func mixtureSupportsDiffer(_ components: [String]) -> String {
        "the components' data do not overlap (\(components.joined(separator: "; "))): a mixture's rows must be data every component can produce"
    }

    public static let mixtureNotAPrior = "a prior cannot be a mixture"
    public static let mixtureInSample =
        "sample() of a mixture takes numbers as the weights and the components' arguments"

    public static func supportOf(_ family: any Distribution) -> String { "\(family.name): \(family.support)" }
}
