import LinearAlgebra
import Model
import Symbolic

/// What a mixture's likelihood can do instead of having a maximum, named as it
/// happens during EM:
///
/// - a component collapsing onto one point: its scale runs to 0 while it keeps one
///   observation (or one repeated value) to itself, and ℓ grows without bound (the
///   Normal's density at its mean is 1/(σ√2π) → ∞). The likelihood is unbounded there,
///   so there is no estimate to return; the message names the component and the point;
/// - a component left empty: its weight runs to 0, so its own parameters stop
///   mattering to ℓ and cannot be estimated;
/// - components that start identical, which EM keeps identical.
struct MixtureCheck {
    let model: StatisticalModel
    let data: CompleteData

    /// Where a parameter is at its edge: outside the open domain, or so far out in the
    /// optimiser's coordinates (|u| > 30: σ < 10⁻¹³, π within 10⁻¹³ of 0 or 1) that it is there.
    func atEdge(_ theta: [Double]) -> Int? {
        for (i, t) in model.layout.transforms.enumerated() {
            if !theta[i].isFinite || t.locate(theta[i]) != .interior { return i }
            if !t.isIdentity, abs(t.u(theta[i])) > 30 { return i }
        }
        return nil
    }

    /// After the E-step of iteration `iteration`: a component with (next to) no rows is empty.
    func afterExpectation(
        _ e: CompleteData.Expectation, _ theta: [Double], iteration: Int, threshold: Double = 1e-6
    ) throws {
        for (t, sizes) in e.sizes.enumerated() {
            guard let k = sizes.indices.min(by: { sizes[$0] < sizes[$1] }), !(sizes[k] >= threshold) else {
                continue
            }
            throw empty(t, k, sizes[k], theta, iteration: iteration)
        }
    }

    /// After an M-step from θ′: a parameter at its edge is a collapse (a component's) or an
    /// empty component (a weight's).
    func afterMaximisation(_ next: [Double], from previous: [Double], sizes: [[Double]]) throws {
        guard let i = atEdge(next) else { return }
        for (t, parts) in data.components.enumerated() {
            if weightSlots(t).contains(i), let k = sizes[t].indices.min(by: { sizes[t][$0] < sizes[t][$1] }) {
                throw empty(t, k, sizes[t][k], next, iteration: nil)
            }
            if let part = parts.first(where: { slots(of: $0).contains(i) }) {
                throw collapse(part, slot: i, next, from: previous)
            }
        }
    }

    /// At the end: a component holding less than half a row's worth of the rows is empty (one
    /// holding a single observation is not: with a prior on its scale that can be a maximum).
    func atEnd(_ e: CompleteData.Expectation, _ theta: [Double], iterations: Int) throws {
        try afterExpectation(e, theta, iteration: max(1, iterations), threshold: 0.5)
    }

    /// Warnings for components that rest on fewer rows than they have parameters of their own,
    /// plus one: such a local maximum is usually spurious (McLachlan and Peel's term), a
    /// component fitted to a few close observations near the edge where ℓ is unbounded.
    func spurious(_ e: CompleteData.Expectation, _ theta: [Double]) -> [String] {
        var warnings: [String] = []
        for (t, parts) in data.components.enumerated() {
            for part in parts {
                let own = ownParameters(part)
                let size = e.sizes[t][part.index]
                guard own > 0, size < Double(own + 1) else { continue }
                warnings.append(
                    FittingMessage.spurious(
                        component: describe(part), index: part.index + 1, size: size, parameters: own))
            }
        }
        return warnings
    }

    /// How many parameters a component has that no other component of its term shares.
    func ownParameters(_ part: CompleteData.Component) -> Int {
        let others = data.components[part.term].filter { $0.index != part.index }.map { slots(of: $0) }
        return slots(of: part).filter { slot in !others.contains { $0.contains(slot) } }.count
    }

    /// Identical components at the start (they stay identical under EM).
    func identical(_ theta: [Double]) -> Bool {
        guard let order = ComponentOrder.of(model) else { return false }
        return order.identical(theta)
    }

    /// Component k of term t holds `size` of the rows' worth: at the start (iteration 0) no row is
    /// near it; later, EM has driven its weight to 0.
    func empty(_ t: Int, _ k: Int, _ size: Double, _ theta: [Double], iteration: Int?) -> FitError {
        let part = data.components[t][k]
        let message =
            iteration == 0
            ? FittingMessage.emptyAtStart(component: describe(part), index: k + 1, size: size)
            : FittingMessage.emptyComponent(
                component: describe(part), index: k + 1, weight: weightValue(t, k, theta), size: size,
                free: !slots(of: part).isEmpty)
        return FitError(.notIdentifiable, message, help: FittingMessage.emptyComponentHelp)
    }

    /// πₖ at θ (NaN when the weights vary by row).
    func weightValue(_ t: Int, _ k: Int, _ theta: [Double]) -> Double {
        let term = model.terms[t]
        guard let mixture = term.family.mixture else { return .nan }
        var values: [Symbol: Double] = [:]
        for (i, x) in theta.enumerated() { values[.parameter(i)] = x }
        let weights = term.arguments[0..<mixture.weights.count].map { $0.isRowLevel ? .nan : $0.evaluate(values) }
        return mixture.weightValues(weights)[k]
    }

    /// The collapse of `part`: slot i runs to its edge while the component sits on the rows it
    /// takes almost wholly at θ′ (responsibility > ½).
    func collapse(_ part: CompleteData.Component, slot i: Int, _ next: [Double], from previous: [Double]) -> FitError {
        let transform = model.layout.transforms[i]
        // NaN is a scale's square root of a variance that rounding made negative: σ → 0.
        let towardsLower = transform.lower.map { next[i].isNaN || next[i] <= $0 || transform.u(next[i]) < 0 } ?? false
        let edge = towardsLower ? transform.lower ?? 0 : transform.upper ?? .infinity
        let r = perRow(part.responsibility, term: part.term, at: previous)
        let y = perRow(model.terms[part.term].response, term: part.term, at: previous)
        var rows = r.indices.filter { r[$0] > 0.5 }.sorted { r[$0] > r[$1] }
        if rows.isEmpty, let top = r.indices.max(by: { r[$0] < r[$1] }) { rows = [top] }
        let point =
            rows.first.map {
                FittingMessage.collapsePoint(
                    model.terms[part.term].response.printed(), y.indices.contains($0) ? y[$0] : .nan,
                    rows: rows.sorted().map { $0 + 1 })
            } ?? "one point"
        return FitError(
            .unbounded,
            FittingMessage.collapse(
                component: describe(part), index: part.index + 1,
                edge: FittingMessage.edge(model.layout.slotName(i), edge), point: point),
            help: FittingMessage.collapseHelp)
    }

    /// "Normal(μ₂, σ₂)".
    func describe(_ part: CompleteData.Component) -> String {
        "\(part.family.name)(\(part.arguments.map { $0.printed() }.joined(separator: ", ")))"
    }

    /// The θ slots a component's arguments use (its parameters and its linear predictors' coefficients).
    func slots(of part: CompleteData.Component) -> Set<Int> {
        var slots = Set<Int>()
        for a in part.arguments {
            for s in a.symbols { if case .parameter(let i) = s { slots.insert(i) } }
            for p in model.likelihood.predictors where a.depends(on: p.symbol) { slots.formUnion(p.slots) }
        }
        return slots
    }

    /// The slots of term t's weights.
    func weightSlots(_ t: Int) -> Set<Int> {
        let term = model.terms[t]
        guard let mixture = term.family.mixture else { return [] }
        var slots = Set<Int>()
        for a in term.arguments[0..<mixture.weights.count] {
            for s in a.symbols { if case .parameter(let i) = s { slots.insert(i) } }
        }
        return slots
    }

    /// A per-row expression at θ, row by row (linear predictors computed as columns).
    func perRow(_ e: Expr, term t: Int, at theta: [Double]) -> [Double] {
        let store = model.store
        var values: [Symbol: Expr] = [:]
        for (i, x) in theta.enumerated() { values[.parameter(i)] = store.constant(x) }
        var bound = e.substituting(values)
        var extra: [Symbol: [Double]] = [:]
        for p in model.likelihood.predictors where e.depends(on: p.symbol) {
            let column = Symbol.column(400_000 + p.index)
            extra[column] = p.matrix * Array(theta[p.offset..<(p.offset + p.length)])
            bound = bound.substituting([p.symbol: store.symbol(column)])
        }
        return model.likelihood.perRow([bound], term: t, extraColumns: extra).first ?? []
    }
}
