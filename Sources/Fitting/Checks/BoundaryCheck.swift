import Model
import Solvers

/// Estimates on the edge of a parameter's domain (3 heads in 3 flips gives p̂ = 1),
/// and edges where ℓ does not level off but grows without bound (σ → 0 on one
/// observation): the first is a boundary maximum, reported with no standard
/// error; the second means the MLE does not exist.
enum BoundaryCheck {
    /// For a closed-form root: slots on their domain's edge, with the note. A root
    /// outside the domain refuses the closed form; an edge where ℓ is infinite is an
    /// unbounded likelihood.
    static func closedFormRoot(_ model: StatisticalModel, _ theta: [Double], withPrior: Bool) throws -> [Int: String] {
        var boundary: [Int: String] = [:]
        for (i, transform) in model.layout.transforms.enumerated() {
            switch transform.locate(theta[i]) {
            case .interior: continue
            case .boundary: boundary[i] = note(model, i, theta[i])
            case .outside:
                throw FitError.refused(FittingMessage.rootOutsideDomain(model.layout.slotName(i), theta[i]))
            }
        }
        if !boundary.isEmpty, !model.evaluate(theta, order: 0, withPrior: withPrior).value.isFinite {
            let slots = boundary.keys.sorted()
            let edges = slots.map { FittingMessage.edge(model.layout.slotName($0), theta[$0]) }
            throw unbounded(model, slots, edges.joined(separator: ", "))
        }
        return boundary
    }

    /// After an iterative fit in unconstrained coordinates u: a coordinate that ran off
    /// (|u| > 30) is at its edge. Does ℓ level off there (a boundary maximum) or keep
    /// rising (5 units of u back loses more than 1 in ℓ: unbounded)?
    static func iterativeEstimate(
        _ model: StatisticalModel, _ objective: UnconstrainedObjective, _ result: SolverResult
    ) throws -> [Int: String] {
        var boundary: [Int: String] = [:]
        var rising: [Int] = []
        let transforms = objective.transforms
        let ranOff = result.x.indices.filter { !transforms[$0].isIdentity && abs(result.x[$0]) > 30 }
        for i in ranOff {
            let u = result.x[i]
            var back = result.x
            back[i] = u - 5 * (u > 0 ? 1 : -1)
            let rise = result.value - objective.evaluate(back, order: 0).value
            if !result.value.isFinite || rise > 1 { rising.append(i) }
            boundary[i] = note(model, i, objective.theta(result.x)[i])
        }
        // ℓ still rising at an edge: every coordinate that ran off is named (α and β → ∞ together).
        if !rising.isEmpty {
            let edges = ranOff.map { i in
                FittingMessage.edge(
                    model.layout.slotName(i), transforms[i].theta(result.x[i] > 0 ? .infinity : -.infinity))
            }
            throw unbounded(model, ranOff, edges.joined(separator: " and "))
        }
        return boundary
    }

    static func note(_ model: StatisticalModel, _ slot: Int, _ value: Double) -> String {
        FittingMessage.boundary(value: value, param: model.layout.slotName(slot))
    }

    /// The error for ℓ growing without bound at `edge`, with the reason the data give: a
    /// Gaussian scale going to 0 on one observation or equal values, or on values that
    /// differ by less than doubles can square (near 10⁻²⁰⁰, where (y − ȳ)² underflows to 0).
    static func unbounded(_ model: StatisticalModel, _ slots: [Int], _ edge: String) -> FitError {
        switch spread(model, slots) {
        case .some(.degenerate):
            return FitError(
                .unbounded, FittingMessage.unbounded(as: edge, hint: FittingMessage.gaussianDegenerate),
                help: FittingMessage.unboundedHelp)
        case .some(.tooSmall(let name, let size)):
            return FitError(
                .unbounded, FittingMessage.spreadUnderflows(edge: edge, data: name, size: size),
                help: FittingMessage.rescaleHelp(size))
        case .none:
            return FitError(
                .unbounded, FittingMessage.unbounded(as: edge, hint: nil), help: FittingMessage.unboundedHelp)
        }
    }

    /// Least squares with every residual 0: σ → 0 and ℓ → ∞ (a line through every point).
    static func exactFit(_ model: StatisticalModel, _ slot: Int) -> FitError {
        let edge = FittingMessage.edge(model.layout.slotName(slot), 0)
        return FitError(
            .unbounded, FittingMessage.unbounded(as: edge, hint: FittingMessage.exactFit),
            help: FittingMessage.unboundedHelp)
    }

    enum Spread {
        /// One observation, or all values equal.
        case degenerate
        /// Distinct values whose deviations are too small to square in doubles.
        case tooSmall(data: String, size: Double)
    }

    /// For a Gaussian term whose standard deviation involves one of `slots`: whether its
    /// responses are degenerate, or distinct but too close together for their squared
    /// deviations to be represented (below 10⁻¹⁵⁰ apart, squares below 10⁻³⁰⁰).
    static func spread(_ model: StatisticalModel, _ slots: [Int]) -> Spread? {
        for (t, term) in model.terms.enumerated() {
            guard let g = term.family.gaussianArguments,
                slots.contains(where: { term.arguments[g.standardDeviation].depends(on: .parameter($0)) }),
                let ys = model.likelihood.perRow([term.response], term: t).first, let first = ys.first
            else { continue }
            let deviation = ys.reduce(0) { Swift.max($0, Swift.abs($1 - first)) }
            if deviation == 0 { return .degenerate }
            if deviation < 1e-150 {
                return .tooSmall(data: term.response.printed(), size: ys.reduce(0) { Swift.max($0, Swift.abs($1)) })
            }
        }
        return nil
    }
}
