import Diagnostics
import Model
import Symbolic

/// The closed form of the terms whose parameters are picked per row by data. Within one
/// cell of rows (a class, a bigram prev → next) each picked component is one parameter, so
/// the score equations of the term's template T (its statistics form, plus each
/// component's prior) are solved once, symbolically, and the solution is evaluated cell by
/// cell: μ̂ₖ = Σ_{class=k} x/nₖ. A simplex's components are solved with a Lagrange
/// multiplier λ per row, ∂(T − λ·p)/∂p = 0: where that gives p = N/λ (N free of λ, as
/// counts give), the constraint Σⱼ pⱼ = 1 gives λ = Σⱼ Nⱼ over the row's components, those
/// with no rows included (their N is T's at zero counts: α − 1 under a Dirichlet(α) prior).
/// So P̂ᵢⱼ = nᵢⱼ/nᵢ, and with a Dirichlet(α) prior (nᵢⱼ + α − 1)/(nᵢ + V(α − 1)).
enum GroupedSolution {
    /// The params solved here: those a group term picks components of.
    static func entries(_ model: StatisticalModel) -> Set<String> {
        Set(model.likelihood.selectors.map(\.parameter))
    }

    /// Sets θ for every grouped param and returns the closed forms as a report shows them;
    /// throws `.refused` (with why) when a group's score equations do not separate this way.
    static func solve(_ model: StatisticalModel, withPrior: Bool, into theta: inout [Double]) throws -> [String] {
        let likelihood = model.likelihood
        let grouped = entries(model)
        var forms: [String] = []
        for group in likelihood.groups {
            forms += try solve(group, model, withPrior: withPrior, into: &theta)
        }
        for entry in model.layout.entries where grouped.contains(entry.name) {
            if let slot = entry.slots.first(where: { theta[$0].isNaN }) {
                throw FitError(
                    .notIdentifiable, FittingMessage.componentWithoutRows(model.layout.slotName(slot)),
                    help: FittingMessage.componentWithoutRowsHelp(entry.name))
            }
        }
        return forms
    }

    /// Each grouped param belongs to one group term, picked by one selector there, and meets
    /// nothing else: no per-row remainder, no parameter shared by every cell.
    static func checkSeparable(_ model: StatisticalModel, _ grouped: Set<String>) throws {
        let likelihood = model.likelihood
        var owned = [Bool](repeating: false, count: model.layout.count)
        for group in likelihood.groups {
            if let shared = group.form.value.symbols.first(where: { if case .parameter = $0 { true } else { false } }) {
                let name = model.layout.slotName(GroupedSolution.slot(shared))
                throw FitError.refused(FittingMessage.sharedAcrossGroups(name))
            }
            for selector in group.selectors {
                let slots = group.slots[selector.symbol] ?? []
                for slot in slots {
                    // Each component is picked in one group of one term, by one selector.
                    if owned[Int(slot)] {
                        throw FitError.refused(FittingMessage.componentInSeveralCells(model.layout.slotName(Int(slot))))
                    }
                    owned[Int(slot)] = true
                }
            }
        }
        if let unsolved = likelihood.selectors.first(where: { s in
            !likelihood.groups.contains { $0.selectors.contains { $0.symbol == s.symbol } }
        }) {
            throw FitError.refused(FittingMessage.pickedPerRow(unsolved.parameter))
        }
        // A grouped param's component named directly elsewhere in ℓ couples that term to the group's.
        for s in likelihood.summary.symbols {
            guard case .parameter(let i) = s, let entry = model.layout.owner(i), grouped.contains(entry.name) else {
                continue
            }
            throw FitError.refused(FittingMessage.alsoUsedDirectly(model.layout.slotName(i)))
        }
    }

    /// One group's template solved and evaluated per cell.
    static func solve(_ group: GroupedTerm, _ model: StatisticalModel, withPrior: Bool, into theta: inout [Double])
        throws -> [String]
    {
        let store = model.store
        var objective = group.form.value
        var multipliers: [Symbol: Expr] = [:]
        var unknowns: [ScoreSolver.Unknown] = []
        for (k, selector) in group.selectors.enumerated() {
            let x = store.symbol(selector.symbol)
            let entry = model.layout.entry(selector.parameter)
            if withPrior, let prior = model.priors.first(where: { $0.parameter == selector.parameter }) {
                objective = objective + prior.component(x)
            }
            if entry?.isSimplex == true {
                let lambda = store.symbol(.variable(20_000 + k), name: "λ")
                multipliers[selector.symbol] = lambda
                objective = objective - lambda * x
            }
            unknowns.append(ScoreSolver.Unknown(symbol: selector.symbol, positive: (entry?.lower ?? -1) >= 0))
        }
        let solutions: [(Symbol, Expr)]
        switch ScoreSolver.solve(objective, for: unknowns) {
        case .success(let s): solutions = s
        case .failure(let f): throw FitError.refused(f.description)
        }
        var forms: [String] = []
        for (symbol, solution) in solutions {
            guard let selector = group.selectors.first(where: { $0.symbol == symbol }) else { continue }
            if let lambda = multipliers[symbol] {
                forms.append(try solveSimplex(group, model, selector, solution, lambda, into: &theta))
            } else {
                let values = group.perCell([solution])[0]
                let slots = group.slots[symbol] ?? []
                for (c, v) in values.enumerated() { theta[Int(slots[c])] = v }
                forms.append(form(model, selector, solution.substituting(displayPilots(group)), values))
            }
        }
        return forms
    }

    /// A simplex component's solution N/λ, normalised over each row: p = N/Σ_row N.
    static func solveSimplex(
        _ group: GroupedTerm, _ model: StatisticalModel, _ selector: Selector, _ solution: Expr, _ lambda: Expr,
        into theta: inout [Double]
    ) throws -> String {
        let numerator = (solution * lambda).expanded(where: { _ in true })
        guard !numerator.depends(on: lambda.symbol!) else {
            throw FitError.refused(FittingMessage.simplexNotProportional(selector.parameter))
        }
        guard case .simplex(_, let v) = selector.shape else { return "" }
        let values = group.perCell([numerator])[0]
        let slots = group.slots[selector.symbol] ?? []
        let zero = Dictionary(uniqueKeysWithValues: numerator.symbols.map { ($0, 0.0) })
        let empty = numerator.evaluate(zero)
        // Every component of the rows this selector reaches starts at the value of no rows.
        var rows = Set<Int>()
        for slot in slots { rows.insert((Int(slot) - selector.offset) / v) }
        // With prior mass on every component (Dirichlet α > 1), rows without data are identified too.
        if empty > 0, let entry = model.layout.entry(selector.parameter) { rows = Set(0..<(entry.size / v)) }
        var totals: [Int: Double] = [:]
        for r in rows {
            for j in 0..<v { theta[selector.offset + r * v + j] = empty }
            totals[r] = empty * Double(v)
        }
        for (c, slot) in slots.enumerated() {
            let r = (Int(slot) - selector.offset) / v
            theta[Int(slot)] = values[c]
            totals[r, default: 0] += values[c] - empty
        }
        for r in rows {
            let total = totals[r] ?? 0
            for j in 0..<v { theta[selector.offset + r * v + j] /= total }
        }
        let form = simplexForm(group, model, selector, numerator.substituting(displayPilots(group)), empty, v)
        guard let entry = model.layout.entry(selector.parameter), entry.size <= 5 else { return form }
        return form + " = " + entry.slots.map { FittingMessage.number(theta[$0]) }.joined(separator: ", ")
    }

    /// "μ̂ₖ = Σ_{class=k} x/nₖ", with the values when there are few.
    static func form(_ model: StatisticalModel, _ selector: Selector, _ solution: Expr, _ values: [Double]) -> String {
        let name = hatted(model, selector)
        return FittingMessage.groupForm(name, solution.collectedByParameters().printed(), values)
    }

    /// "P̂ᵢⱼ = nᵢⱼ/nᵢ" (the row total of the counts), "(nᵢⱼ + 1)/(nᵢ + 1000)" with a prior.
    static func simplexForm(
        _ group: GroupedTerm, _ model: StatisticalModel, _ selector: Selector, _ numerator: Expr, _ empty: Double,
        _ v: Int
    ) -> String {
        let name = hatted(model, selector)
        let count = model.store.symbol(group.countSymbol)
        let rowTotal = FittingMessage.rowTotal(
            group.letters, outcome: selector.columns.last.map { group.indexColumns[$0].letter })
        let text = numerator.printed()
        if numerator == count + empty || numerator == count {
            let shift = empty * Double(v)
            let denominator = shift == 0 ? rowTotal : "\(rowTotal) + \(NumberFormat.significant(shift))"
            let top = empty == 0 ? text : "(\(text))"
            return "\(name) = \(top)/\(shift == 0 ? denominator : "(\(denominator))")"
        }
        return "\(name) = \(text)/Σ (\(text)) over the row"
    }

    /// μ̂ₖ: the hat on the param's name, the subscripts after it.
    static func hatted(_ model: StatisticalModel, _ selector: Selector) -> String {
        let full = model.store.name(of: selector.symbol)
        let subscripts = full.hasPrefix(selector.parameter) ? String(full.dropFirst(selector.parameter.count)) : ""
        return FittingMessage.hat(selector.parameter) + subscripts
    }

    /// Each cell's pilots shown as 0, so sums read raw (Σ_{class=k} x).
    static func displayPilots(_ group: GroupedTerm) -> [Symbol: Double] {
        Dictionary(uniqueKeysWithValues: group.form.pilots.compactMap { $0 }.map { ($0, 0.0) })
    }

    static func slot(_ s: Symbol) -> Int {
        if case .parameter(let i) = s { return i }
        return 0
    }
}
