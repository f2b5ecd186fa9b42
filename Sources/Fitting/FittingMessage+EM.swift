import Diagnostics
import Symbolic

/// The wording of EM: the method, its E- and M-steps, and what a mixture's
/// likelihood can do instead of having a maximum (a component collapsing onto one
/// point, a component left empty, components that cannot be told apart).
extension FittingMessage {
    static let emTitle = "EM (expectation–maximisation), then Newton's method on the marginal ℓ"

    static func emReason(_ mStep: String) -> String {
        "the family is a mixture: EM alternates the responsibilities of the components for each row (E-step) with the components' weighted fits (M-step: \(mStep)), which never lowers ℓ; Newton's method on the marginal ℓ then polishes the optimum and gives the observed information"
    }

    static let emAskedFor = "EM was asked for ('using em')"
    static let mStepClosedForm = "the weighted score equations solved in closed form"
    static let mStepNewton =
        "a few Newton steps on the expected complete-data log-likelihood Q, which has no closed form"

    static func emNotAMixture(_ term: Int, _ family: String) -> String {
        "EM applies to mixtures, and term \(term + 1) is \(family), not a Mixture(...)"
    }

    static func emCensoringUnsupported(_ family: String) -> String {
        "a censored row of a mixture needs each component's probability beyond the bound, and \(family) has none"
    }

    static let emTruncated =
        "a truncated mixture is not a mixture of truncated components (the truncation renormalises the whole mixture), so EM's weighted fits do not apply"

    static func emIterations(_ em: Int, newton: Int) -> String {
        "\(em) EM iteration\(em == 1 ? "" : "s"), then \(newton) Newton step\(newton == 1 ? "" : "s") on the marginal ℓ"
    }

    static func emSlowed(rate: Double, iteration: Int) -> String {
        "by iteration \(iteration) EM had slowed to a steady rate (each rise in ℓ \(number(rate, digits: 3)) of the one before, the components overlapping), less than 0.1 from its limit by Aitken's estimate; Newton's method on the marginal ℓ took it from there"
    }

    static func emStoppedAtLimit(_ steps: Int) -> String {
        "EM stopped at its limit of \(steps) iteration\(steps == 1 ? "" : "s") before reaching its tolerance; Newton's method on the marginal ℓ finished the fit"
    }

    static func emTolerance(_ tol: Double) -> String {
        "tol must be > 0 (a change in ℓ per observation), but it is \(number(tol))"
    }

    static func emSteps(_ steps: Double) -> String {
        "steps must be a whole number ≥ 1 (at most this many EM iterations), but it is \(number(steps))"
    }

    static func emStarts(_ starts: Double) -> String {
        "starts must be a whole number from 1 to 10000 (EM's runs, the first from the declared start values), but it is \(number(starts))"
    }

    static func emSeed(_ seed: Double) -> String {
        "seed must be a whole number ≥ 0 (it fixes the random starts), but it is \(number(seed))"
    }

    static func emNoStart(_ starts: Int) -> String {
        "none of the \(starts) starts gave EM a fit: every random draw left a component degenerate"
    }

    static func emStartsFound(starts: Int, seed: Int, optima: Int, failed: Int, undrawn: Int) -> String {
        let plural = optima == 1 ? "local maximum" : "distinct local maxima"
        var text =
            "EM from \(starts) starts (the declared start values, then \(starts - 1) random with seed \(seed)) reached \(optima) \(plural) of ℓ; the fit reported is the highest"
        if failed > 0 { text += "; \(failed) start\(failed == 1 ? "" : "s") ended in a degenerate fit" }
        if undrawn > 0 { text += "; \(undrawn) random draw\(undrawn == 1 ? "" : "s") gave no usable start" }
        return text
    }

    static func emLocalMaximum(_ j: Int, of count: Int, value: Double, starts: [Int], _ values: [(String, Double)])
        -> String
    {
        let shown = starts.prefix(8).map(String.init).joined(separator: ", ") + (starts.count > 8 ? ", …" : "")
        let estimate = values.map { "\($0.0) = \(number($0.1, digits: 6))" }.joined(separator: ", ")
        return
            "local maximum \(j) of \(count): ℓ = \(number(value)), from \(starts.count) start\(starts.count == 1 ? "" : "s") (\(shown)): \(estimate)"
    }

    static func emFailedStart(_ count: Int, _ message: String) -> String {
        "\(count == 1 ? "the start" : "the first of the \(count) starts") that ended in a degenerate fit: \(message)"
    }

    // MARK: The derived steps

    /// `y` is the response as one row's value, "yᵢ".
    static func eStep(_ k: Int, _ y: String) -> String {
        let terms = (1...k).map { "aᵢ\(Expr.subscripted($0))" }.joined(separator: ", ")
        return "E-step: rᵢₖ = πₖ·fₖ(\(y))/Σⱼ πⱼ·fⱼ(\(y)) = exp(aᵢₖ − logsumexp(\(terms))), in log space, with"
    }

    static func logJoint(_ k: Int, _ y: String, _ expression: String) -> String {
        "  aᵢ\(Expr.subscripted(k)) = log π\(Expr.subscripted(k)) + log f\(Expr.subscripted(k))(\(y)) = \(expression)"
    }

    static func mStepQ(_ expression: String) -> String {
        "M-step: maximise Q(θ) = Σᵢ Σₖ rᵢₖ·aᵢₖ(θ) = \(expression), where the rᵢₖ are the E-step's (data here)"
    }

    static func mStep(_ name: String, _ expression: String) -> String {
        "M-step: \(hat(name)) = \(expression)"
    }

    static let scoreThroughResponsibilities =
        "through the responsibilities rᵢₖ (the E-step's, at the same θ): ∂ℓ/∂θ = Σᵢ Σₖ rᵢₖ·∂aᵢₖ/∂θ, each component's own score weighted by how much the row belongs to it"

    static let mStepIterative =
        "M-step: Q has no closed form here, so it takes Newton steps on Q (each one raises Q, so ℓ never falls)"

    // MARK: Degenerate optima

    /// A component's scale (or another parameter) running to its edge while it sits on one value.
    static func collapse(component: String, index: Int, edge: String, point: String) -> String {
        "the likelihood is unbounded: component \(index) of the mixture, \(component), collapses onto \(point) — \(edge) while the component keeps that point to itself, so ℓ grows without limit. This is not an estimate: a mixture's likelihood has no global maximum, only local ones away from such points"
    }

    static func collapsePoint(_ response: String, _ value: Double, rows: [Int]) -> String {
        let shown = rows.prefix(3).map(String.init).joined(separator: ", ") + (rows.count > 3 ? ", …" : "")
        return rows.count == 1
            ? "the observation \(response) = \(number(value)) (row \(shown))"
            : "\(response) = \(number(value)) (rows \(shown))"
    }

    static let collapseHelp =
        "start that component elsewhere (param … = value), try several starts ('fit using em(starts: 20, seed: 1)'), or put a prior on its scale"

    static func emptyComponent(component: String, index: Int, weight: Double, size: Double, free: Bool) -> String {
        let pi = "π\(Expr.subscripted(index))"
        let why =
            free
            ? "so its parameters are not estimable: the data are described by fewer components"
            : "so the maximum is on the boundary, \(pi) = 0: the data are better described without it"
        return
            "component \(index) of the mixture, \(component), is empty: EM drives its weight \(pi) to 0 (\(pi) = \(number(weight, digits: 3)), and its responsibilities add up to \(number(size, digits: 3)) of a row), \(why)"
    }

    static func spurious(component: String, index: Int, size: Double, parameters: Int) -> String {
        "component \(index) of the mixture, \(component), rests on \(number(size, digits: 3)) rows' worth of the data for its \(parameters) parameters of its own: this local maximum is likely spurious (a component fitted to a few close observations, next to where the likelihood is unbounded); compare it with fits from other starts"
    }

    static func emptyAtStart(component: String, index: Int, size: Double) -> String {
        "component \(index) of the mixture, \(component), is empty at the start values: no row is anywhere near it (its responsibilities add up to \(number(size, digits: 3)) of a row), so EM cannot move it"
    }

    static let emptyComponentHelp = "start that component nearer the data, or fit one component fewer"

    static func identicalComponents(_ components: [String]) -> String {
        "the components start identical (\(components.joined(separator: ", "))), and EM keeps identical components identical"
    }

    static func startedFromSplit(_ response: String, _ k: Int) -> String {
        "the components were the same at their start values, so EM started from the rows split into \(k) groups by the order of \(response) (each component first fitted to one group)"
    }

    static func reordered(_ names: [String]) -> String {
        "the components are listed in order of their location, \(names.joined(separator: " ≤ ")) (a mixture's labels are arbitrary, and EM found them in another order)"
    }

    static func emNotFinite(_ iteration: Int, _ value: Double) -> String {
        iteration == 0
            ? "ℓ is \(number(value)) at the start values: some row has no probability under any component there; give start values nearer the data"
            : "ℓ stopped being finite (\(number(value))) at EM iteration \(iteration)"
    }

    static func emDecreased(from: Double, to: Double, iteration: Int) -> String {
        "EM lowered ℓ from \(number(from)) to \(number(to)) at iteration \(iteration), which it never does; this is a bug in mle"
    }
}
