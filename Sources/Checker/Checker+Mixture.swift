import Diagnostics
import Model
import Syntax

/// `Mixture(π1, D1, D2)` and `Mixture(π, D1, …, DK)`: the weights' form and each
/// component's family, checked as any distribution is; the mixture's arguments, for
/// the later stages, are flat (the weights, then each component's arguments).
extension Checker {
    /// The mixture a `Mixture(...)` call builds, or nil after reporting what is wrong.
    mutating func checkMixture(_ dist: DistributionCall) -> Mixture? {
        if let named = dist.arguments.first(where: { $0.label != nil })?.label {
            error(CheckerMessage.positionalDistributionArguments, at: named.span, help: CheckerMessage.mixtureArguments)
            return nil
        }
        guard dist.arguments.count >= 3 else {
            error(
                CheckerMessage.mixtureTooFewComponents(dist.arguments.count), at: dist.span,
                help: CheckerMessage.mixtureArguments)
            return nil
        }
        if let call = componentCall(dist.arguments[0].value) {
            error(
                CheckerMessage.mixtureWeightIsDistribution(call.span.text), at: call.span,
                help: CheckerMessage.mixtureArguments)
            return nil
        }
        var components: [any Distribution] = []
        for (k, arg) in dist.arguments.dropFirst().enumerated() {
            guard let call = componentCall(arg.value) else {
                error(
                    CheckerMessage.mixtureComponentNotDistribution(k + 1, found: arg.value.span.text),
                    at: arg.value.span, help: CheckerMessage.mixtureArguments)
                return nil
            }
            if Distributions.named(call.name.text)?.mixture != nil {
                error(CheckerMessage.mixtureOfMixtures, at: call.span)
                return nil
            }
            guard let family = checkDistribution(call) else { return nil }
            // Categorical codes its outcomes from a simplex param, Dirichlet is a prior: neither
            // has the log-density over the modelled data a component needs.
            if family.outcomeProbabilities != nil || family.isSimplexDistribution {
                error(CheckerMessage.mixtureComponentFamily(family.name), at: call.span)
                return nil
            }
            components.append(family)
        }
        guard let weights = mixtureWeights(dist.arguments[0].value, components: components.count) else { return nil }
        let mixture = Mixture(weights: weights, components: components)
        if !mixture.supportsNest {
            error(CheckerMessage.mixtureSupportsDiffer(components.map(CheckerMessage.supportOf)), at: dist.span)
            return nil
        }
        return mixture
    }

    /// The weights' form from the first argument's shape: one number for two components
    /// (π1, the first one's weight), else a vector of K (a simplex).
    mutating func mixtureWeights(_ e: ExpressionSyntax, components k: Int) -> Mixture.Weights? {
        let shape = weightShape(e)
        if case .name(let n) = e.kind, case .param(let info)? = environment[n]?.binding, info.kind == .vector {
            error(CheckerMessage.mixtureWeightsNotSimplex(n, components: k), at: e.span)
            return nil
        }
        switch shape {
        case .scalar where k == 2: return .first
        case .unknown: return k == 2 ? .first : .simplex(k)
        case .vector(let n):
            if let n, n != k {
                error(CheckerMessage.mixtureWeightLength(components: k, length: n), at: e.span)
                return nil
            }
            return .simplex(k)
        default:
            error(
                CheckerMessage.mixtureWeightsNeedSimplex(components: k, shape: shape), at: e.span,
                help: CheckerMessage.mixtureArguments)
            return nil
        }
    }

    /// The weights' shape as far as the names say, without reporting anything (the argument is
    /// checked in full with the others).
    func weightShape(_ e: ExpressionSyntax) -> Shape {
        switch e.kind {
        case .number: return .scalar
        case .vector(let items): return .vector(items.count)
        case .name(let n):
            switch environment[n]?.binding {
            case .param(let info): return info.shape
            case .data(let s), .let(let s, _): return s
            default: return .unknown
            }
        default: return .unknown
        }
    }

    /// A component written as a distribution call, `Normal(μ1, σ1)`.
    func componentCall(_ e: ExpressionSyntax) -> DistributionCall? {
        guard case .call(let name, let args) = e.kind, Distributions.named(name.text) != nil else { return nil }
        return DistributionCall(name: name, arguments: args, span: e.span)
    }

    /// A family's arguments, each with the family and the parameter it is an argument of:
    /// a mixture's weights (as the mixture's first parameter), then its components' arguments.
    func flatArguments(_ family: any Distribution, _ dist: DistributionCall) -> [(
        syntax: ExpressionSyntax, owner: any Distribution, index: Int
    )] {
        guard let mixture = family.mixture else {
            return dist.arguments.enumerated().map { ($0.element.value, family, $0.offset) }
        }
        var flat: [(syntax: ExpressionSyntax, owner: any Distribution, index: Int)] = [
            (dist.arguments[0].value, mixture, 0)
        ]
        for (k, arg) in dist.arguments.dropFirst().enumerated() {
            guard let call = componentCall(arg.value), k < mixture.count else { continue }
            for (i, a) in call.arguments.enumerated() { flat.append((a.value, mixture.components[k], i)) }
        }
        return flat
    }
}
