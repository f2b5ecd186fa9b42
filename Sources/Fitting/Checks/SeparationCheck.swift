import Diagnostics
import LinearAlgebra
import Model
import Symbolic

/// Perfect separation in a model whose probability is σ(t) of a linear predictor
/// (Bernoulli, Binomial): if some coefficients put every row on its own side —
/// the rows at the response's upper value (y = 1, or y = N) where t > 0, the rows
/// at 0 where t < 0 — ℓ rises towards its supremum without bound along them and
/// the MLE does not exist. Complete: every row strictly on its side. Quasi-complete
/// (asked for when the Hessian turned out singular): every row on its side or on
/// the dividing line (|t| small), some far from it.
enum SeparationCheck {
    static func check(_ model: StatisticalModel, _ theta: [Double], quasi: Bool) -> FitError? {
        for (t, term) in model.terms.enumerated() {
            guard let k = term.family.probabilityArgument,
                let (f, args) = term.arguments[k].application, f == .sigmoid
            else { continue }
            if let found = separation(model, t, term, args[0], theta, quasi: quasi) { return found }
        }
        return nil
    }

    static func separation(
        _ model: StatisticalModel, _ t: Int, _ term: LikelihoodTerm, _ linear: Expr, _ theta: [Double], quasi: Bool
    ) -> FitError? {
        let store = model.store
        var values: [Symbol: Expr] = [:]
        for (i, x) in theta.enumerated() { values[.parameter(i)] = store.constant(x) }
        let upperLabel: String
        let upper: Expr
        switch term.family.support {
        case .countUpTo(let n):
            upper = term.arguments[n]
            upperLabel = term.family.parameters[n].name
        default:
            upper = store.one
            upperLabel = "1"
        }
        // The side each row pushes its linear predictor to: +1 at the upper value, −1 at 0, 0 between.
        let request = SideRequest(
            term: term, linear: linear.substituting(values), response: term.response,
            weight: term.weight ?? store.one, upper: upper, theta: theta)
        guard let sides = model.likelihood.sums[t].sides(request), sides.rows > 0 else { return nil }
        let complete = sides.onTheirSide == sides.rows
        let onTheLine = sides.onTheirSideOrNearLine == sides.rows
        guard complete || (quasi && onTheLine && sides.largestMargin > 8) else { return nil }
        let slots = model.likelihood.parameterSlots(of: linear)
        let norm = slots.map { theta[$0] * theta[$0] }.reduce(0, +).squareRoot()
        let direction = slots.map {
            "\(model.layout.slotName($0)) \(NumberFormat.significant(theta[$0] / norm, digits: 3))"
        }
        return FitError(
            .separation, FittingMessage.separation(direction: direction, complete: complete, upper: upperLabel),
            help: FittingMessage.separationHelp(param: model.layout.entries.last?.name ?? "w"))
    }
}
