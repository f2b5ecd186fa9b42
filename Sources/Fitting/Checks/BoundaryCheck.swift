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
        for entry in model.layout.entries {
            let transform = entry.transform
            var edges: [Int] = []
            for i in entry.slots {
                switch transform.locate(theta[i]) {
                case .interior: continue
                case .boundary: edges.append(i)
                case .outside:
                    throw FitError.refused(FittingMessage.rootOutsideDomain(model.layout.slotName(i), theta[i]))
                }
            }
            // Many components on the edge share one note (the report gives one for them all).
            let shared = edges.count > 3 ? FittingMessage.onTheBoundary : nil
            boundary.reserveCapacity(boundary.count + edges.count)
            for i in edges { boundary[i] = shared ?? note(model, i, theta[i]) }
        }
        if !boundary.isEmpty, !edgeValue(model, theta, Array(boundary.keys), withPrior: withPrior).isFinite {
            let slots = boundary.keys.sorted()
            let edges = slots.map { FittingMessage.edge(model.layout.slotName($0), theta[$0]) }
            throw unbounded(model, slots, edges.joined(separator: ", "))
        }
        return boundary
    }

    /// After an iterative fit in unconstrained coordinates u: a coordinate that ran off
    /// (|u| > 30), or a simplex component whose log-ratio to the largest fell below −30, is at
    /// its edge. Does ℓ level off there (a boundary maximum) or keep rising (5 units of u back
    /// loses more than 1 in ℓ: unbounded)?
    static func iterativeEstimate(
        _ model: StatisticalModel, _ objective: UnconstrainedObjective, _ result: SolverResult
    ) throws -> [Int: String] {
        var boundary: [Int: String] = [:]
        var rising: [Int] = []
        var edges: [Int: Double] = [:]
        let coordinates = objective.coordinates
        let theta = objective.theta(result.x)
        for (a, u) in result.x.enumerated() where abs(u) > 30 {
            guard let (i, transform) = coordinates.slot(ofCoordinate: a), !transform.isIdentity else { continue }
            var back = result.x
            back[a] = u - 5 * (u > 0 ? 1 : -1)
            edges[i] = transform.theta(u > 0 ? .infinity : -.infinity)
            if rises(objective, result, back) { rising.append(i) }
            boundary[i] = note(model, i, theta[i])
        }
        for (slots, first) in coordinates.simplexBlocks {
            let z = [0] + result.x[first..<(first + slots.count - 1)]
            let top = z.max() ?? 0
            for (k, zk) in z.enumerated() where zk - top < -30 {
                var back = result.x
                if k == 0 {
                    for c in first..<(first + slots.count - 1) { back[c] -= 5 }
                } else {
                    back[first + k - 1] += 5
                }
                let i = slots.lowerBound + k
                edges[i] = 0
                if rises(objective, result, back) { rising.append(i) }
                boundary[i] = note(model, i, theta[i])
            }
        }
        // ℓ still rising at an edge: every coordinate that ran off is named (α and β → ∞ together).
        if !rising.isEmpty {
            let slots = edges.keys.sorted()
            let named = slots.compactMap { i in edges[i].map { FittingMessage.edge(model.layout.slotName(i), $0) } }
            throw unbounded(model, slots, named.joined(separator: " and "))
        }
        return boundary
    }

    /// ℓ at θ, where slots on an edge may make it NaN though its limit is finite: a
    /// Binomial group of all successes at p̂ = 1 in the collected form n·log(1 − p) +
    /// k·logit p is −∞ + ∞. Then ℓ is taken at the edge's limit: the slots moved inside,
    /// to u = ±30 and ±34 in their unconstrained coordinates (θ within 10⁻¹³ and 10⁻¹⁵ of
    /// the edge, relative). Two values that agree to 10⁻⁹ are the limit (the gap is the
    /// O(10⁻¹³) distance from the edge); a value still rising is +∞ (σ → 0 on exact data,
    /// ℓ ≈ −n·log σ); anything else stays NaN.
    static func edgeValue(_ model: StatisticalModel, _ theta: [Double], _ slots: [Int], withPrior: Bool) -> Double {
        let value = model.evaluate(theta, order: 0, withPrior: withPrior).value
        guard value.isNaN, !slots.isEmpty else { return value }
        let transforms = model.layout.transforms
        func inside(_ depth: Double) -> Double {
            var t = theta
            for i in slots {
                let u = transforms[i].u(theta[i])
                guard u.isInfinite else { continue }
                t[i] = transforms[i].theta(u > 0 ? depth : -depth)
            }
            return model.evaluate(t, order: 0, withPrior: withPrior).value
        }
        let (near, nearer) = (inside(30), inside(34))
        guard near.isFinite, nearer.isFinite else { return nearer.isNaN ? .nan : nearer }
        if abs(nearer - near) <= 1e-9 * max(1, abs(nearer)) { return nearer }
        return nearer > near ? .infinity : .nan
    }

    /// Whether ℓ at `back` (5 units of u from the edge) is lower by more than 1: ℓ still rising.
    static func rises(_ objective: UnconstrainedObjective, _ result: SolverResult, _ back: [Double]) -> Bool {
        !result.value.isFinite || result.value - objective.evaluate(back, order: 0).value > 1
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

    /// Least squares with every residual 0: σ → 0 and ℓ → ∞. One observation or equal
    /// values get the general message (with its Gaussian hint); a mean through every point
    /// (a line through collinear points) says the coefficients are fine, σ is not.
    static func exactFit(_ model: StatisticalModel, _ slot: Int) -> FitError {
        let name = model.layout.slotName(slot)
        if case .some(.degenerate) = spread(model, [slot]) {
            return unbounded(model, [slot], FittingMessage.edge(name, 0))
        }
        return FitError(.unbounded, FittingMessage.exactFit(scale: name), help: FittingMessage.exactFitHelp)
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
