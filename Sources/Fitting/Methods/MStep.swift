import LinearAlgebra
import Model
import Solvers
import Symbolic

/// EM's M-step, derived from the model: the θ that maximises the expected
/// complete-data log-likelihood Q(θ | θ′) (CompleteData), whose statistics the last
/// E-step filled in.
///
/// Where Q is summarised by its statistics and its score equations can be solved
/// symbolically (ScoreSolver, exactly as for an ordinary closed-form fit: the
/// responsibilities are per-row weights, so Normal, Poisson and Exponential
/// components give the weighted mean, Σrᵢₖ(yᵢ − μ̂ₖ)²/Σrᵢₖ, Σrᵢₖyᵢ/Σrᵢₖ …), the M-step
/// evaluates those solutions: O(1) in n. Otherwise it takes a few Newton steps on Q
/// in unconstrained coordinates, in a trust region that only accepts a step that raises
/// Q — a generalised EM step, which is enough for ℓ never to fall.
struct MStep {
    let data: CompleteData
    let layout: ParameterLayout
    /// The score equations of Q solved symbolically, in the order found; nil when they are not.
    let solutions: [(Symbol, Expr)]?
    /// Newton steps per M-step when there is no closed form.
    static let newtonSteps = 5
    /// The longest closed form (in printed characters) the M-step takes.
    static let longestClosedForm = 300

    init(_ data: CompleteData, _ layout: ParameterLayout) {
        self.data = data
        self.layout = layout
        guard data.isFullySummarised, let weights = MStep.simplexSolutions(data.summary, layout) else {
            solutions = nil
            return
        }
        let simplexSlots = Set(layout.simplexRows.flatMap { Array($0) })
        let unknowns = (0..<layout.count).filter { !simplexSlots.contains($0) }.map { i in
            ScoreSolver.Unknown(symbol: .parameter(i), positive: (layout.owner(i)?.lower ?? -1) >= 0)
        }
        // A solution found by substituting one parameter's into another's can swell (a regression's
        // coefficients, each in the other's terms): past a few lines it is neither readable nor
        // well-conditioned, and Newton's steps on Q (quadratic in the coefficients) do better.
        if case .success(let s) = ScoreSolver.solve(data.summary, for: unknowns), s.count == unknowns.count,
            s.allSatisfy({ $0.1.printed().count <= MStep.longestClosedForm })
        {
            solutions = weights + s
        } else {
            solutions = nil
        }
    }

    /// The M-step of a simplex of weights π (`param π : simplex[K]`): Q holds each πₖ only
    /// in cₖ·log πₖ (cₖ = Σᵢ wᵢ·rᵢₖ, plus αₖ − 1 under a Dirichlet prior), so on the simplex
    /// the Lagrange condition cₖ/πₖ = λ gives π̂ₖ = cₖ / Σⱼ cⱼ, with cₖ = πₖ·∂Q/∂πₖ found
    /// symbolically. nil when some cₖ still depends on a parameter (π used elsewhere in Q).
    static func simplexSolutions(_ summary: Expr, _ layout: ParameterLayout) -> [(Symbol, Expr)]? {
        var solutions: [(Symbol, Expr)] = []
        for row in layout.simplexRows {
            let counts = row.map { i -> Expr in
                let p = summary.store.symbol(.parameter(i))
                return p * summary.derivative(withRespectTo: .parameter(i))
            }
            guard counts.allSatisfy({ c in !c.symbols.contains { if case .parameter = $0 { true } else { false } } })
            else { return nil }
            let total = summary.store.add(counts)
            for (i, c) in zip(row, counts) { solutions.append((.parameter(i), c / total)) }
        }
        return solutions
    }

    var isClosedForm: Bool { solutions != nil }

    /// From θ′ (the last E-step's point): the closed form, else Newton steps on Q. A closed form
    /// that leaves the domain (σ̂ = 0 on a collapsing component) is returned as it is, for the
    /// degeneracy checks to name.
    func maximise(from theta: [Double]) -> [Double] {
        if let next = closedForm() {
            let inside =
                zip(layout.transforms, next).allSatisfy { $0.locate($1) == .interior }
                && layout.simplexRows.allSatisfy { row in row.allSatisfy { next[$0] > 0 } }
            guard inside else { return next }
            let before = data.evaluate(theta, order: 0).value
            let after = data.evaluate(next, order: 0).value
            if after >= before - 1e-12 * max(1, abs(before)) { return next }
        }
        return newton(from: theta)
    }

    /// The symbolic solutions evaluated at the current statistics.
    func closedForm() -> [Double]? {
        guard let solutions else { return nil }
        var values = data.statisticValues
        var theta = [Double](repeating: .nan, count: layout.count)
        for (symbol, expr) in solutions {
            guard case .parameter(let i) = symbol else { continue }
            theta[i] = expr.evaluate(values)
            values[symbol] = theta[i]
        }
        return theta
    }

    /// A few Newton steps on Q from θ′ in unconstrained coordinates, each raising Q.
    func newton(from theta: [Double]) -> [Double] {
        let objective = QObjective(data: data, coordinates: layout.coordinates)
        guard theta.allSatisfy(\.isFinite) else { return theta }
        let result = TrustRegionNewton(maximumIterations: MStep.newtonSteps).maximize(
            objective, from: objective.coordinates.u(theta))
        let next = objective.theta(result.x)
        return result.value.isFinite && next.allSatisfy(\.isFinite) ? next : theta
    }

    /// The M-step as people read it: each parameter's update, or Q when it has no closed form.
    func formulas() -> [String] {
        var display: [Symbol: Double] = [:]
        for form in data.forms { for p in form.pilots.compactMap({ $0 }) { display[p] = 0 } }
        guard let solutions else {
            let summary = data.summary.substituting(display).collectedByParameters()
            let q = summary.isConstant(0) ? [] : [summary.printed()]
            let remainder = data.forms.compactMap(\.remainder).map { $0.printedAsRowSum() }
            return [FittingMessage.mStepQ((q + remainder).joined(separator: " + ")), FittingMessage.mStepIterative]
        }
        return solutions.compactMap { symbol, expr in
            guard case .parameter(let i) = symbol else { return nil }
            let shown = expr.substituting(display).collectedByParameters().printed()
            return FittingMessage.mStep(layout.slotName(i), shown)
        }
    }
}

/// Q(θ | θ′) in unconstrained coordinates u (θ = T(u), `ParameterCoordinates`: log, logit,
/// or a simplex row's log-ratios), by the chain rule: ∇ᵤ = Jᵀ·∇θ,
/// ∇²ᵤ = Jᵀ·∇²θ·J + Σₖ (∇θ)ₖ·∇²ᵤθₖ.
struct QObjective: Objective {
    let data: CompleteData
    let coordinates: ParameterCoordinates
    var dimension: Int { coordinates.dimension }

    func theta(_ u: [Double]) -> [Double] { coordinates.theta(u) }

    func evaluate(_ u: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
        let e = data.evaluate(theta(u), order: order)
        guard order >= 1 else { return (e.value, e.gradient, e.hessian) }
        let gu = coordinates.gradient(u, e.gradient)
        guard order >= 2 else { return (e.value, gu, e.hessian) }
        return (e.value, gu, coordinates.hessian(u, e.gradient, e.hessian))
    }
}
