import Interrupt
import Model
import Solvers
import Symbolic

/// One EM fit's iterations: from the start, E-step (one pass over the rows) and
/// M-step in turn, each iteration's ℓ recorded (it never falls: a test checks), the
/// degenerate cases named as they arise, until ℓ rises by less than tol·n.
struct EMRun {
    let problem: FitProblem
    let data: CompleteData
    let mStep: MStep
    let tolerance: Double
    let steps: Int
    let check: MixtureCheck
    var theta: [Double]
    var history: [Iteration] = []
    var notes: [String] = []
    var converged = false
    var reorderNote = ""
    /// The last E-step (at `theta`).
    var last: CompleteData.Expectation?
    var lastTraced = -1

    init(problem: FitProblem, data: CompleteData, mStep: MStep, tolerance: Double, steps: Int) {
        self.problem = problem
        self.data = data
        self.mStep = mStep
        self.tolerance = tolerance
        self.steps = steps
        check = MixtureCheck(model: problem.model, data: data)
        theta = problem.model.layout.start
    }

    /// The declared start, or — when it makes the components identical, which EM cannot
    /// separate — one M-step from the rows split into K groups by the order of the response.
    mutating func start() throws {
        guard check.identical(theta) else { return }
        guard let split = splitStart(), let term = problem.model.terms.first else {
            let parts = data.components.first ?? []
            throw FitError(
                .notIdentifiable, FittingMessage.identicalComponents(parts.map(check.describe)),
                help: FittingMessage.collapseHelp)
        }
        theta = split
        notes.append(FittingMessage.startedFromSplit(term.response.printed(), data.components[0].count))
    }

    func splitStart() -> [Double]? {
        let model = problem.model
        guard model.terms.count == 1, let term = model.terms.first, let k = term.family.mixture?.count else {
            return nil
        }
        let y = model.likelihood.perRow([term.response], term: 0).first ?? []
        guard y.count >= k else { return nil }
        let order = y.indices.sorted { y[$0] < y[$1] }
        var r = [[Double]](repeating: [Double](repeating: 0, count: y.count), count: k)
        for (rank, i) in order.enumerated() { r[min(k - 1, rank * k / y.count)][i] = 1 }
        data.assign([r])
        let next = mStep.maximise(from: theta)
        guard check.atEdge(next) == nil, !check.identical(next) else { return nil }
        return next
    }

    /// E- and M-steps until ℓ rises by less than tol·n (or `steps` iterations).
    mutating func iterate() throws {
        var previous = -Double.infinity
        for k in 0...steps {
            if Interrupt.requested { throw Interrupted() }
            let e = data.expectation(theta)
            let value = e.logLikelihood + (problem.withPrior ? logPrior(theta) : 0)
            guard value.isFinite else { throw FitError(.notConverged, FittingMessage.emNotFinite(k, value)) }
            try check.afterExpectation(e, theta, iteration: k)
            record(k, value, data.evaluate(theta, order: 1).gradient)
            last = e
            if value < previous - 1e-8 * max(1, abs(previous)) {
                throw FitError(.internal, FittingMessage.emDecreased(from: previous, to: value, iteration: k))
            }
            // n counts observations as the weights do (Σᵢ wᵢ = Σₖ Σᵢ wᵢ·rᵢₖ).
            let n = max(1, e.sizes.joined().reduce(0, +))
            if k > 0 && value - previous <= tolerance * n {
                converged = true
                break
            }
            if let rate = slowRate() {
                converged = true
                notes.append(FittingMessage.emSlowed(rate: rate, iteration: k))
                break
            }
            previous = value
            if k == steps { break }
            let next = mStep.maximise(from: theta)
            try check.afterMaximisation(next, from: theta, sizes: e.sizes)
            theta = next
        }
        flushTrace()
        if let last { try check.atEnd(last, theta, iterations: history.count - 1) }
    }

    /// EM converges linearly: near a maximum where components overlap, ℓ's increments shrink
    /// by a steady rate ρ close to 1 (0.996 for London's deaths: thousands of iterations).
    /// Once ρ has settled above 0.9 (two successive ratios within 0.02 of each other, after 20
    /// iterations) the increments are geometric, so what is left to gain is about
    /// Δ·ρ/(1 − ρ) (Aitken's estimate). Below 0.1 in ℓ the point is well inside the region
    /// where ℓ is quadratic (within a fraction of a standard error of the maximum), where
    /// Newton's method finishes in a few steps what EM would take hundreds for: the rate, then.
    func slowRate() -> Double? {
        let h = history
        guard h.count > 20 else { return nil }
        let d = (1...3).map { h[h.count - $0].value - h[h.count - $0 - 1].value }
        guard d.allSatisfy({ $0 > 0 }) else { return nil }
        let (rate, before) = (d[0] / d[1], d[1] / d[2])
        guard rate > 0.9, rate < 1, abs(rate - before) < 0.02 else { return nil }
        return d[0] * rate / (1 - rate) < 0.1 ? rate : nil
    }

    func logPrior(_ theta: [Double]) -> Double {
        var values: [Symbol: Double] = [:]
        for (i, x) in theta.enumerated() { values[.parameter(i)] = x }
        return problem.model.logPrior.evaluate(values)
    }

    /// Every iteration into the history; to the trace, the first ten, then every 10th up to
    /// 100, every 100th up to 1000, … and the last.
    mutating func record(_ k: Int, _ value: Double, _ gradient: [Double]) {
        let norm = gradient.map(abs).max() ?? 0
        history.append(Iteration(number: k, value: value, gradientNorm: norm, stepSize: 1))
        var every = 1
        while every * 10 <= k { every *= 10 }
        if k < 10 || k % every == 0 {
            problem.onIteration?(history[history.count - 1])
            lastTraced = k
        }
    }

    mutating func flushTrace() {
        guard let it = history.last, it.number != lastTraced else { return }
        problem.onIteration?(it)
        lastTraced = it.number
    }

    /// The estimate with the components in order of their location (and whether that moved them).
    mutating func ordered(_ theta: [Double]) -> ([Double], Bool) {
        guard let order = ComponentOrder.of(problem.model) else { return (theta, false) }
        let perm = order.permutation(theta)
        guard perm != Array(perm.indices) else { return (theta, false) }
        let names = order.roles.map { problem.model.layout.slotName($0[order.location]) }
        reorderNote = FittingMessage.reordered(names)
        return (order.applying(perm, to: theta), true)
    }

    mutating func ordered() -> ([Double], Bool) { ordered(theta) }
}

/// Newton's method (in a trust region, as every Newton fit) on the marginal ℓ from where EM
/// stopped: EM converges linearly, Newton quadratically, so a few steps reach the maximum to
/// rounding; it also checks that the point is a maximum of ℓ itself, whose observed
/// information gives the standard errors.
struct Polish {
    let problem: FitProblem
    /// The number the first Newton step gets in the history (after EM's iterations).
    let first: Int
    var iterations = 0
    var history: [Iteration] = []
    var gradientNorm: Double?

    mutating func run(from theta: [Double], check: MixtureCheck, sizes: [[Double]]) throws -> [Double] {
        let model = problem.model
        let objective = UnconstrainedObjective(inner: ModelObjective(model: model, withPrior: problem.withPrior))
        var newton = TrustRegionNewton()
        let offset = first - 1
        newton.onIteration = { [problem] it in
            guard it.number > 0 else { return }
            problem.onIteration?(
                Iteration(
                    number: it.number + offset, value: it.value, gradientNorm: it.gradientNorm, stepSize: it.stepSize))
        }
        let result = newton.maximize(objective, from: objective.coordinates.u(theta))
        if result.status == .interrupted { throw Interrupted() }
        let estimate = objective.theta(result.x)
        try check.afterMaximisation(estimate, from: theta, sizes: sizes)
        history = result.history.dropFirst().map {
            Iteration(number: $0.number + offset, value: $0.value, gradientNorm: $0.gradientNorm, stepSize: $0.stepSize)
        }
        iterations = result.iterations
        // On a simplex of weights the gradient in θ is its Lagrange multiplier along 1 at the
        // maximum; the gradient that vanishes is the one in the coordinates.
        gradientNorm =
            model.layout.hasSimplex
            ? objective.evaluate(result.x, order: 1).gradient.map(abs).max()
            : objective.inner.evaluate(estimate, order: 1).gradient.map(abs).max()
        if result.status != .converged {
            throw FitError(
                .notConverged,
                FittingMessage.notConverged(
                    result.status, iterations: result.iterations, value: result.value, gradient: result.gradientNorm),
                help: FittingMessage.notConvergedHelp)
        }
        return estimate
    }
}
