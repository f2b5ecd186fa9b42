import Checker
import Diagnostics
import Model
import Symbolic
import Syntax

/// `Mixture(...)` outside and inside models: as a value (to sample from), its weights
/// and components' arguments evaluated; in a model, its weights lowered to one
/// expression per component.
extension Session {
    /// The value of `Mixture(π1, D1, D2)` or `Mixture([π1, …, πK], D1, …, DK)` with numbers
    /// for every argument: the mixture and its flat arguments (weights, then each component's).
    func mixtureValue(_ args: [Argument], _ span: SourceSpan) throws -> Value {
        guard args.count >= 3 else { throw Diagnostic.error(CheckerMessage.mixtureArguments, at: span) }
        var components: [any Distribution] = []
        var values: [Value] = []
        for arg in args.dropFirst() {
            guard case .call(let name, let inner) = arg.value.kind, let family = Distributions.named(name.text),
                family.mixture == nil
            else { throw Diagnostic.error(CheckerMessage.mixtureArguments, at: arg.value.span) }
            components.append(family)
            values += try inner.map { try numeric(evaluate($0.value), $0.value.span) }
        }
        let weights = try numeric(evaluate(args[0].value), args[0].value.span)
        switch weights {
        case .number where components.count == 2:
            return .distribution(Mixture(weights: .first, components: components), [weights] + values)
        case .vector(let pi) where pi.count == components.count:
            let total = pi.reduce(0, +)
            guard abs(total - 1) <= 1e-9 * Double(pi.count), pi.allSatisfy({ $0 >= 0 }) else {
                throw Diagnostic.error(InterpreterMessage.weightsNotASimplex(total), at: args[0].value.span)
            }
            let mixture = Mixture(weights: .simplex(pi.count), components: components)
            return .distribution(mixture, pi.map(Value.number) + values)
        default:
            throw Diagnostic.error(
                CheckerMessage.mixtureWeightsNeedSimplex(components: components.count, shape: .unknown),
                at: args[0].value.span)
        }
    }
}

extension Lowering {
    /// A term's arguments as expressions: a mixture's simplex of K weights, written as one
    /// vector (a vector param, or numbers), becomes its K components, then the components'
    /// arguments follow.
    mutating func lowerArguments(_ term: CheckedTerm) throws -> [Expr] {
        guard let mixture = term.family.mixture, case .simplex(let k) = mixture.weights,
            let first = term.arguments.first
        else { return try term.arguments.map { try lower($0) } }
        let rest = try term.arguments.dropFirst().map { try lower($0) }
        if case .name(let n) = first.kind, let entry = layout.entry(n), entry.size == k {
            return entry.slots.map { store.symbol(.parameter($0)) } + rest
        }
        guard case .vector(let pi) = try session.numeric(session.evaluate(first), first.span), pi.count == k else {
            throw Diagnostic.error(
                CheckerMessage.mixtureWeightsNeedSimplex(components: k, shape: .unknown), at: first.span)
        }
        return pi.map { store.constant($0) } + rest
    }
}

extension InterpreterMessage {
    static func noEM(_ model: String) -> String {
        "EM applies to mixtures, and \(model) is not one: write its family as Mixture(π1, D1, D2)"
    }

    static func weightsNotASimplex(_ total: Double) -> String {
        "a mixture's weights must be ≥ 0 and sum to 1, but they sum to \(NumberFormat.shortest(total))"
    }
}

/// The wording `derive` adds for a mixture.
enum DeriveMessage {
    static let mixtureHessian =
        "∇²ℓ of the marginal likelihood itself, from its exact derivatives (not of EM's complete-data Q, whose information would overstate the precision by what the unobserved labels would have told):"
}
