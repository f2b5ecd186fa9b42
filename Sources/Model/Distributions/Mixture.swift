import CGSL
import Foundation
import Symbolic

/// A finite mixture of component distributions: with probability πₖ a row is drawn
/// from component k. Written `Mixture(π1, D1, D2)` (π1 the weight of D1, D2 gets
/// 1 − π1) or `Mixture(π, D1, …, DK)` with π a simplex of K weights.
///
/// Its arguments, as a likelihood term carries them, are flat: the weight arguments
/// first (one for the two-component form, K for a simplex), then each component's
/// arguments in order. Its log-density is, in log space throughout,
///
///     log p(y) = logsumexp over k of (log πₖ + log fₖ(y | argumentsₖ)),
///
/// so no product of small probabilities is ever formed. Any family with a
/// log-density can be a component; a component family's capabilities still apply to
/// it (its own log-survival, for censored rows).
public struct Mixture: Distribution {
    /// The name scripts use.
    public static let familyName = "Mixture"

    /// How the weights are written.
    public enum Weights: Sendable, Equatable {
        /// One argument, the weight of the first of two components (the second has 1 − π1).
        case first
        /// K arguments π1…πK summing to 1 (a simplex).
        case simplex(Int)

        /// The number of leading weight arguments.
        public var count: Int {
            switch self {
            case .first: return 1
            case .simplex(let k): return k
            }
        }
    }

    public let components: [any Distribution]
    public let weights: Weights
    public let name = Mixture.familyName
    public let parameters: [DistributionParameter]
    public let support: Support

    /// The mixture with its components (the checker builds it from `Mixture(...)`).
    public init(weights: Weights, components: [any Distribution]) {
        self.weights = weights
        self.components = components
        let weightNames: [String]
        switch weights {
        case .first: weightNames = ["π₁"]
        case .simplex(let k): weightNames = (1...max(1, k)).map { "π" + Expr.subscripted($0) }
        }
        parameters =
            weightNames.map { DistributionParameter(name: $0, domain: .unitInterval) }
            + components.flatMap(\.parameters)
        support = Mixture.commonSupport(components, firstArgument: weights.count)
    }

    /// The entry in the registry: what `Mixture` names before its components are known.
    public static let template = Mixture(weights: .first, components: [])

    public var mixture: Mixture? { self }

    /// The mixture as written, from its flat arguments' texts: Mixture(p, Normal(μ1, σ1), Normal(μ2, σ2)).
    public func written(_ arguments: [String]) -> String {
        guard arguments.count >= weights.count + components.reduce(0, { $0 + $1.parameters.count }) else {
            return "\(name)(\(arguments.joined(separator: ", ")))"
        }
        let weight =
            weights == .first ? arguments[0] : "[" + arguments[0..<weights.count].joined(separator: ", ") + "]"
        let parts = components.indices.map { k in
            "\(components[k].name)(\(componentArguments(k, arguments).joined(separator: ", ")))"
        }
        return "\(name)(\(([weight] + parts).joined(separator: ", ")))"
    }

    /// The number of components, K.
    public var count: Int { components.count }

    /// Where component k's arguments are among the flat arguments.
    public func argumentRange(_ k: Int) -> Range<Int> {
        var start = weights.count
        for j in 0..<k { start += components[j].parameters.count }
        return start..<(start + components[k].parameters.count)
    }

    public func componentArguments<T>(_ k: Int, _ arguments: [T]) -> [T] { Array(arguments[argumentRange(k)]) }

    /// log πₖ for each component, from the weight arguments (log(1 − π1) for the second of two).
    public func logWeights(_ arguments: [Expr]) -> [Expr] {
        switch weights {
        case .first: return [log(arguments[0]), log(1 - arguments[0])]
        case .simplex(let k): return (0..<k).map { log(arguments[$0]) }
        }
    }

    /// πₖ for each component, from numeric weight arguments.
    public func weightValues(_ arguments: [Double]) -> [Double] {
        switch weights {
        case .first: return [arguments[0], 1 - arguments[0]]
        case .simplex(let k): return Array(arguments[0..<k])
        }
    }

    /// log πₖ + log fₖ(y): the log of component k's share of the density at y.
    public func logJoint(_ k: Int, _ y: Expr, _ arguments: [Expr]) -> Expr {
        logWeights(arguments)[k] + components[k].logDensity(y, componentArguments(k, arguments))
    }

    /// log Σₖ πₖ·fₖ(y) = logsumexp over k of (log πₖ + log fₖ(y)).
    public func logDensity(_ y: Expr, _ arguments: [Expr]) -> Expr {
        y.store.apply(.logsumexp, (0..<count).map { logJoint($0, y, arguments) })
    }

    /// log P(Y > y) = logsumexp over k of (log πₖ + log Sₖ(y)), when every component has one.
    public func logSurvival(_ y: Expr, _ arguments: [Expr]) -> Expr? {
        let logWeights = logWeights(arguments)
        var pieces: [Expr] = []
        for (k, component) in components.enumerated() {
            guard let s = component.logSurvival(y, componentArguments(k, arguments)) else { return nil }
            pieces.append(logWeights[k] + s)
        }
        return y.store.apply(.logsumexp, pieces)
    }

    /// log P(Y ≤ y) = logsumexp over k of (log πₖ + log Fₖ(y)), when every component has one.
    public func logCDF(_ y: Expr, _ arguments: [Expr]) -> Expr? {
        let logWeights = logWeights(arguments)
        var pieces: [Expr] = []
        for (k, component) in components.enumerated() {
            guard let f = component.logCDF(y, componentArguments(k, arguments)) else { return nil }
            pieces.append(logWeights[k] + f)
        }
        return y.store.apply(.logsumexp, pieces)
    }

    /// Picks component k with probability πₖ, then draws from it.
    public func draw(_ arguments: [Double], using rng: RandomSource) -> Double {
        let pi = weightValues(arguments)
        let u = gsl_rng_uniform(rng.generator)
        var total = 0.0
        var k = count - 1
        for j in 0..<count {
            total += pi[j]
            if u < total {
                k = j
                break
            }
        }
        return components[k].draw(componentArguments(k, arguments), using: rng)
    }

    /// The values every component can take: the narrowest of their supports when they nest
    /// (counts inside the reals, positive numbers inside the non-negative ones), nil when two
    /// components' supports do not nest (a mixture of them is not written this way).
    public static func commonSupport(_ components: [any Distribution], firstArgument: Int) -> Support {
        var offset = firstArgument
        var common = Support.real
        for c in components {
            var s = c.support
            if case .countUpTo(let a) = s { s = .countUpTo(argument: offset + a) }
            offset += c.parameters.count
            common = narrower(common, s) ?? common
        }
        return common
    }

    /// Whether the components' supports nest (see `commonSupport`).
    public var supportsNest: Bool {
        var common = Support.real
        for c in components {
            guard let n = Mixture.narrower(common, c.support) else { return false }
            common = n
        }
        return true
    }

    /// The narrower of two supports when one contains the other.
    static func narrower(_ a: Support, _ b: Support) -> Support? {
        if a == b { return a }
        if contains(a, b) { return b }
        if contains(b, a) { return a }
        if case .countUpTo = a, case .countUpTo = b { return a }
        return nil
    }

    /// Whether every value in `inner` is in `outer`.
    static func contains(_ outer: Support, _ inner: Support) -> Bool {
        switch (outer, inner) {
        case (.real, _): return true
        case (.nonnegative, .positive), (.nonnegative, .openUnitInterval), (.nonnegative, .binary),
            (.nonnegative, .count), (.nonnegative, .countUpTo):
            return true
        case (.positive, .openUnitInterval): return true
        case (.count, .binary), (.count, .countUpTo): return true
        default: return false
        }
    }
}
