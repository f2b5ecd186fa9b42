import Symbolic

/// Which parameters play the same part in each component of a mixture, so that the
/// components can be put in one order: a mixture's likelihood is the same for every
/// relabelling of its components (label switching), and the report lists them in
/// increasing order of their first location parameter (the first parameter of the
/// first argument: μ of a Normal, λ of a Poisson, the intercept of a regression).
///
/// Found structurally, not by family: the components must be the same expression up
/// to a renaming of their parameters (and of their linear predictors, over the same
/// data), which is checked by substituting one into the other in the hash-consed IR.
/// A parameter shared by every component (a common σ) keeps its place; the weights
/// must be bare parameters of their own (π1, or a simplex π).
public struct ComponentOrder: Sendable {
    /// roles[k][r]: the slot that plays role r in component k.
    public let roles: [[Int]]
    /// The role the components are ordered by.
    public let location: Int
    public let weights: Mixture.Weights
    /// π1's slot, or the simplex's K slots.
    public let weightSlots: [Int]

    /// The order of the model's components, or nil when they cannot be exchanged (one term
    /// only, the same form in every component, weights that are params of their own).
    public static func of(_ model: StatisticalModel) -> ComponentOrder? {
        guard model.terms.count == 1, let term = model.terms.first, let mixture = term.family.mixture else {
            return nil
        }
        let weightSlots = term.arguments[0..<mixture.weights.count].compactMap(slot)
        guard weightSlots.count == mixture.weights.count, Set(weightSlots).count == weightSlots.count else {
            return nil
        }
        let predictors = model.likelihood.predictors
        let parts = (0..<mixture.count).map { k in
            Roles(mixture.componentArguments(k, term.arguments), predictors)
        }
        guard let first = parts.first, mixture.components.allSatisfy({ $0.name == mixture.components[0].name }),
            parts.allSatisfy({ $0.slots.count == first.slots.count }),
            parts.allSatisfy({ Set($0.slots).isDisjoint(with: weightSlots) })
        else { return nil }
        for part in parts.dropFirst() where !first.renames(to: part, predictors) { return nil }
        let roles = parts.map(\.slots)
        // A role is shared by every component or by none (else swapping two would break a third).
        for r in first.slots.indices {
            let distinct = Set(roles.map { $0[r] }).count
            guard distinct == 1 || distinct == roles.count else { return nil }
        }
        return ComponentOrder(roles: roles, location: 0, weights: mixture.weights, weightSlots: weightSlots)
    }

    static func slot(_ e: Expr) -> Int? {
        if case .parameter(let i)? = e.symbol { return i }
        return nil
    }

    /// The components in increasing order of their location: position j holds component perm[j].
    public func permutation(_ theta: [Double]) -> [Int] {
        guard location < roles[0].count else { return Array(roles.indices) }
        return roles.indices.sorted { a, b in
            let (x, y) = (theta[roles[a][location]], theta[roles[b][location]])
            return x < y || (x == y && a < b)
        }
    }

    /// θ with the components relabelled: position j takes component perm[j]'s parameters and weight.
    public func applying(_ perm: [Int], to theta: [Double]) -> [Double] {
        var out = theta
        for (j, k) in perm.enumerated() {
            for r in roles[j].indices { out[roles[j][r]] = theta[roles[k][r]] }
        }
        switch weights {
        case .first:
            if perm.first == 1 { out[weightSlots[0]] = 1 - theta[weightSlots[0]] }
        case .simplex:
            for (j, k) in perm.enumerated() { out[weightSlots[j]] = theta[weightSlots[k]] }
        }
        return out
    }

    /// Whether every component has the same parameter values (EM cannot separate them then).
    public func identical(_ theta: [Double]) -> Bool {
        roles.indices.allSatisfy { k in roles[k].indices.allSatisfy { theta[roles[k][$0]] == theta[roles[0][$0]] } }
    }

    /// The slots of one component's arguments, in the order they appear (argument by argument;
    /// within one, parameters by slot, then each linear predictor's coefficients).
    struct Roles {
        let arguments: [Expr]
        var slots: [Int] = []
        var predictorSymbols: [Symbol] = []

        init(_ arguments: [Expr], _ predictors: [LinearPredictor]) {
            self.arguments = arguments
            for a in arguments {
                for s in a.symbols.sorted() {
                    if case .parameter(let i) = s, !slots.contains(i) { slots.append(i) }
                }
                for p in predictors where a.depends(on: p.symbol) && !predictorSymbols.contains(p.symbol) {
                    predictorSymbols.append(p.symbol)
                    slots += p.slots.filter { !slots.contains($0) }
                }
            }
        }

        /// Whether renaming this component's slots (and predictors) position by position gives `other`.
        func renames(to other: Roles, _ predictors: [LinearPredictor]) -> Bool {
            guard slots.count == other.slots.count, predictorSymbols.count == other.predictorSymbols.count,
                arguments.count == other.arguments.count, Set(other.slots).count == other.slots.count
            else { return false }
            var map: [Symbol: Expr] = [:]
            let store = arguments.first?.store ?? ExprStore()
            for (a, b) in zip(slots, other.slots) { map[.parameter(a)] = store.symbol(.parameter(b)) }
            for (p, q) in zip(predictorSymbols, other.predictorSymbols) {
                guard let x = predictors.first(where: { $0.symbol == p }),
                    let y = predictors.first(where: { $0.symbol == q }),
                    x.matrix == y.matrix
                else { return false }
                map[p] = store.symbol(q)
            }
            return zip(arguments, other.arguments).allSatisfy { $0.substituting(map) == $1 }
        }
    }
}
