import Foundation
import Inference
import LinearAlgebra
import Model
import Solvers

/// Computes profile likelihoods: ℓ_p(ψ) = max over the other slots of ℓ (+ log π
/// for a MAP fit) with one slot fixed at ψ, found by Newton's method over the free
/// slots (FitProblem.fixed), each restricted fit started where the previous one
/// ended.
///
/// Each end of the interval is a root of r(ψ)² = χ²₁(level), where r is the signed
/// root (Profile): stepping out from ψ̂ (the first step to the Wald end, then
/// extrapolating r, which is near-linear in ψ) until r passes the cutoff, then
/// Brent's method on the bracket to 10⁻¹⁰ of the parameter's standard error. Where r is
/// near-linear, one Newton step on r (`newtonStep`) is tried first, and a point within
/// rounding of the cutoff is the end itself (at 10⁶ rows, from the Wald end). The
/// steps are taken in the slot's unconstrained coordinate u (log σ, logit p), so
/// they never leave the domain; the interval is reported on the parameter's own
/// scale, where it is the same set (the profile is invariant to reparametrisation).
struct Profiler {
    let problem: FitProblem
    /// θ̂ and the maximum of the objective there.
    let estimate: [Double]
    let maximum: Double
    /// Standard errors per slot, where known (they size the first step).
    let standardErrors: [Double?]
    /// Slots whose estimate is on the edge of their domain.
    let boundary: Set<Int>
    /// ∇²ℓ at the estimate (the fit's own), where the first step of each side starts: its
    /// path to the next restricted fit needs no pass over the rows. nil: evaluated there.
    var estimateHessian: Matrix? = nil

    /// A profile, or the discovery that ℓ_p rises above ℓ̂: θ̂ is not the maximum.
    enum Result {
        case profile(Profile)
        case betterOptimum(theta: [Double], value: Double, slot: Int, at: Double)
    }

    /// The most steps out on one side before the profile is declared open there.
    static let maximumSteps = 60
    /// How far in u from the estimate a transformed slot is at the edge of its domain for a
    /// profile: e²⁵ ≈ 7·10¹⁰ times the estimate, past which ℓ is often only rounding (a
    /// Student-t's lgamma terms at ν ~ 10¹³).
    static let edge = 25.0
    /// How far in u from the estimate a coordinate still climbing towards the edge is taken to be
    /// going there.
    static let runaway = 10.0
    /// Where a runaway coordinate is held: e¹⁸ ≈ 7·10⁷ times the estimate, where ℓ is within ~n·10⁻⁸
    /// of its limit (a Student-t against the Normal) while terms such as lgamma(ν/2) − lgamma((ν+1)/2)
    /// still keep their digits (at ν ~ 10¹¹ they are rounding to 10⁻³).
    static let held = 18.0

    /// A rise of ℓ_p above ℓ̂ larger than rounding: 10⁻⁸ relative (Newton converges ℓ to
    /// ~10⁻¹⁴ relative, so anything above this is a genuinely higher point).
    var riseTolerance: Double { 1e-8 * max(1, abs(maximum)) }

    func profile(slot j: Int, level: Double) -> Result {
        let cutoff = Profile.cutoff(level: level)
        var points = [Profile.Point(value: estimate[j], logLikelihood: maximum, signedRoot: 0)]
        var ends: [Profile.End] = []
        for side in [-1.0, 1.0] {
            switch end(j, side: side, target: cutoff.squareRoot(), &points) {
            case .end(let e): ends.append(e)
            case .better(let theta, let value, let psi):
                return .betterOptimum(theta: theta, value: value, slot: j, at: psi)
            }
        }
        return .profile(
            Profile(
                name: problem.layout.slotName(j), slot: j, level: level, estimate: estimate[j], maximum: maximum,
                lower: ends[0], upper: ends[1], points: points))
    }

    enum SideResult {
        case end(Profile.End)
        case better([Double], Double, Double)
    }

    /// A restricted fit at ψ: the free slots' maximum with slot j fixed, from `start`.
    enum Restricted {
        case fitted(theta: [Double], value: Double)
        case failed(String)
    }

    /// The restricted fit from `start` (the previous point of the profile), or, if that fails,
    /// from the estimate itself.
    func restricted(_ j: Int, _ psi: Double, from start: [Double]) -> Restricted {
        let first = restrictedFit(j, psi, from: predicted(j, psi, from: start))
        if case .failed = first, start != estimate {
            if case .fitted(let theta, let value) = restrictedFit(j, psi, from: estimate) {
                return .fitted(theta: theta, value: value)
            }
        }
        return first
    }

    /// The start for the restricted fit at ψ, one step along the profile's path from the last
    /// point: the other slots' maximum moves with ψ as dθ_f/dψ = (−H_ff)⁻¹·H_fj (differentiate
    /// the stationarity ∇_f ℓ(θ_f(ψ), ψ) = 0), so a step Δψ along it leaves the fit a Newton
    /// step or two to go instead of a dozen. Slots the step would take out of their domain stay.
    func predicted(_ j: Int, _ psi: Double, from start: [Double]) -> [Double] {
        let free = (0..<start.count).filter { $0 != j }
        guard !free.isEmpty, start[j].isFinite else { return start }
        let h = start == estimate ? estimateHessian ?? hessian(at: start) : hessian(at: start)
        guard let slope = Profiler.solveFree(h, without: j, [free.map { h[$0, j] }])?.first else { return start }
        let delta = psi - start[j]
        var next = start
        let transforms = problem.layout.transforms
        for (a, slot) in free.enumerated() {
            let moved = start[slot] + delta * slope[a]
            if moved.isFinite, transforms[slot].locate(moved) == .interior { next[slot] = moved }
        }
        return next
    }

    func hessian(at theta: [Double]) -> Matrix {
        problem.model.evaluate(theta, order: 2, withPrior: problem.withPrior).hessian
    }

    /// x with (−H_ff)·x = b for each b, f being every slot but j (Cholesky); nil where −H_ff is
    /// not positive definite.
    static func solveFree(_ h: Matrix, without j: Int, _ rightSides: [[Double]]) -> [[Double]]? {
        let free = (0..<h.rows).filter { $0 != j }
        var negative = Matrix(rows: free.count, columns: free.count)
        for (a, r) in free.enumerated() { for (b, c) in free.enumerated() { negative[a, b] = -h[r, c] } }
        var solutions: [[Double]] = []
        for b in rightSides {
            guard let x = negative.solveSPD(b) else { return nil }
            solutions.append(x)
        }
        return solutions
    }

    func restrictedFit(_ j: Int, _ psi: Double, from start: [Double], held: [Int: Double] = [:]) -> Restricted {
        var sub = FitProblem(model: problem.model)
        sub.fixed = held.merging([j: psi]) { _, b in b }
        sub.start = start
        let objective = sub.unconstrainedObjective
        let coordinates = objective.coordinates
        let theta = sub.startTheta
        guard coordinates.dimension > 0 else { return value(theta) }
        var u = coordinates.u(theta)
        for a in u.indices {
            if let (slot, t) = coordinates.slot(ofCoordinate: a) { u[a] = clamp(u[a], t, anchor(slot)) }
        }
        var newton = TrustRegionNewton()
        newton.polishes = false
        let result = newton.maximize(objective, from: u.map { $0.isFinite ? $0 : 0 })
        // A restricted fit that stalls with a vanishing gradient is at its maximum to within what
        // ℓ can resolve (far out on a profile the problem is often ill-conditioned).
        let nearMaximum = result.gradientNorm <= 1e-7 * max(1, abs(result.value))
        if result.status == .converged { return value(objective.theta(result.x)) }
        // A coordinate running off towards the edge of its domain, ℓ still rising that way (a
        // Student-t's ν → ∞ when the restricted fit wants a Normal, where ℓ's derivatives in ν are
        // mostly rounding and Newton stalls), is held near the edge, where ℓ has all but reached its
        // limit, and the others are fitted again.
        let reached = objective.theta(result.x)
        var edges = held
        for (i, ui) in result.x.enumerated() {
            guard let (slot, transform) = coordinates.slot(ofCoordinate: i), !transform.isIdentity else { continue }
            let a = anchor(slot)
            guard abs(ui - a) > Profiler.runaway, (ui - a) * result.gradient[i] >= 0 else { continue }
            edges[slot] = transform.theta(a + (ui > a ? Profiler.held : -Profiler.held))
        }
        if edges.count > held.count { return restrictedFit(j, psi, from: reached, held: edges) }
        if result.status == .stalled && nearMaximum { return value(reached) }
        return .failed(
            FittingMessage.notConverged(
                result.status, iterations: result.iterations, value: result.value, gradient: result.gradientNorm))
    }

    func value(_ theta: [Double]) -> Restricted {
        let value = problem.model.evaluate(theta, order: 0, withPrior: problem.withPrior).value
        guard value.isFinite else { return .failed(FittingMessage.profileNotFinite) }
        return .fitted(theta: theta, value: value)
    }

    /// One end of the interval: step out from ψ̂ along `side` until r passes the cutoff, then Brent.
    func end(_ j: Int, side: Double, target: Double, _ points: inout [Profile.Point]) -> SideResult {
        let transform = problem.layout.transforms[j]
        let uHat = transform.u(estimate[j])
        let a = anchor(j)
        if boundary.contains(j) || !uHat.isFinite {
            let outward: Double = uHat > 0 ? 1 : -1
            if side == outward { return .end(.boundary(estimate[j])) }
        }
        var previous = (u: clamp(uHat, transform, a), r: 0.0, theta: estimate)
        var step = firstStep(j, transform, target: target)
        // Where r was expected to land: at the cutoff for the first step (to the Wald end).
        var expected = target
        var last = estimate[j]
        var previousValue = maximum
        // Whether the step was Newton's, aimed at the cutoff itself (`newtonStep`, `waldAim`).
        var aimed = false
        // The first step aims past the Wald end, at the cutoff, with its restricted fit's start.
        var given: [Double]?
        let wald = previous.u + side * step
        if !boundary.contains(j), uHat.isFinite, beyondDomain(wald, transform, a) == nil,
            let aim = waldAim(j, transform, side, u: wald, target: target),
            side * (aim.u - previous.u) > 0, beyondDomain(aim.u, transform, a) == nil
        {
            (step, given, aimed) = (side * (aim.u - previous.u), aim.theta, true)
        }
        for _ in 0..<Profiler.maximumSteps {
            var u = previous.u + side * step
            // Past the edge of the domain: try the edge itself; if ℓ_p is still above the cutoff there, it is open.
            let atEdge = beyondDomain(u, transform, a)
            if atEdge != nil { u = edgeCoordinate(transform, a, side) }
            if atEdge != nil, side * (u - previous.u) <= 0 { return .end(.open(atEdge ?? u)) }
            let psi = transform.theta(u)
            let startAt = given
            given = nil
            switch probe(j, psi, side, from: previous.theta, at: startAt, &points) {
            case .failed(let why): return .end(.failed(last, reason: why))
            case .better(let theta, let value): return .better(theta, value, psi)
            case .point(let theta, let value, let r):
                // Newton's step landed on the cutoff to within what r can resolve: the end, without
                // a bracket and Brent's fits in it.
                if aimed, abs(r - target) <= signedRootPrecision(target: target) { return .end(.crossing(psi)) }
                let linear = abs(r - expected) <= 0.01 * abs(r - previous.r)
                let newton = linear ? newtonStep(j, transform, side, u: u, r: r, theta: theta, target: target) : nil
                if r >= target {
                    return closing(j, transform, side, target, from: previous, to: (u, r, theta), newton, &points)
                }
                if let edge = atEdge { return .end(.open(edge)) }
                // ℓ_p levelling off short of the cutoff over a long step towards the edge of the domain
                // (ν → ∞ for a Student-t fit to light-tailed data): it will not reach it, and further out
                // only rounding changes it. (Stepping in from an estimate on the edge, ℓ_p is flat at
                // first and then falls: that is not levelling off.)
                if step >= 1, abs(u - a) > abs(previous.u - a),
                    abs(value - previousValue) <= 1e-7 * max(1, abs(maximum))
                {
                    return .end(.open(transform.theta(side > 0 ? .infinity : -.infinity)))
                }
                (step, expected) = nextStep(step, from: previous.r, to: r, target: target, linear: linear)
                // Aimed once: a Newton step that landed short of the cutoff by more than r resolves
                // (ψ's own spacing can be coarser: 10⁶ + 0.2 with a standard error of 0.003) is
                // followed by the secant's overshoot, which brackets the root.
                let retry = !aimed
                aimed = false
                if retry, let aim = newton, aim > 0, aim < step { (step, expected, aimed) = (aim, target, true) }
                previous = (u, r, theta)
                previousValue = value
                last = psi
            }
        }
        return .end(.open(transform.theta(previous.u)))
    }

    /// The first step in u: to where the Wald interval would end (z·se, through dθ/du).
    func firstStep(_ j: Int, _ transform: ParameterTransform, target: Double) -> Double {
        let u = clamp(transform.u(estimate[j]), transform, anchor(j))
        let jacobian = abs(transform.derivatives(u).first)
        if let se = standardErrors[j], se > 0, se.isFinite, jacobian > 0, jacobian.isFinite {
            return target * se / jacobian
        }
        return 1
    }

    /// A point of the profile: the restricted fit at ψ, its r, and the point kept.
    enum Probe {
        case point(theta: [Double], value: Double, r: Double)
        case better([Double], Double)
        case failed(String)
    }

    /// The restricted fit starts at `given` when there is one (without the path's prediction),
    /// else as `restricted` does from `start`.
    func probe(
        _ j: Int, _ psi: Double, _ side: Double, from start: [Double], at given: [Double]? = nil,
        _ points: inout [Profile.Point]
    ) -> Probe {
        var fit: Restricted?
        if let given, case .fitted(let theta, let value) = restrictedFit(j, psi, from: given) {
            fit = .fitted(theta: theta, value: value)
        }
        switch fit ?? restricted(j, psi, from: start) {
        case .failed(let why): return .failed(why)
        case .fitted(let theta, let value):
            if value > maximum + riseTolerance { return .better(theta, value) }
            let r = abs(Profile.signedRoot(value: psi, estimate: estimate[j], profile: value, maximum: maximum))
            points.append(Profile.Point(value: psi, logLikelihood: value, signedRoot: side * r))
            return .point(theta: theta, value: value, r: r)
        }
    }

    /// The step in u (along `side`, negative back towards the estimate) that takes r to the
    /// target by Newton's method from (u, r), where r is near-linear: dr/du = −(dℓ_p/du)/r, and
    /// dℓ_p/dψ = ∂ℓ/∂θⱼ at the restricted maximum θ (the free slots' derivatives vanish there),
    /// read from the evaluation the restricted fit left behind. nil where r does not rise along
    /// the side. From the Wald end, where r is off by ~10⁻⁴ at 10⁶ rows, the step lands within
    /// rounding of the cutoff: one restricted fit instead of a bracket and Brent's fits in it.
    func newtonStep(
        _ j: Int, _ transform: ParameterTransform, _ side: Double, u: Double, r: Double, theta: [Double],
        target: Double
    ) -> Double? {
        guard r > 0 else { return nil }
        let gradient = problem.model.evaluate(theta, order: 1, withPrior: problem.withPrior).gradient[j]
        let slope = -side * gradient * transform.derivatives(u).first / r
        guard slope > 0, slope.isFinite else { return nil }
        let step = (target - r) / slope
        return step.isFinite ? step : nil
    }

    /// The first step of a side, aimed at the cutoff instead of at the Wald end ψ₁ (coordinate u),
    /// and the start of its restricted fit. One evaluation at the path's prediction θ(ψ₁) gives ℓ,
    /// g and H there, and with them the restricted maximum at ψ₁ to second order: Δθ_f =
    /// (−H_ff)⁻¹g_f, ℓ_p(ψ₁) ≈ ℓ + ½g_fᵀΔθ_f and dℓ_p/dψ ≈ g_j + H_jf·Δθ_f; then Newton's step on r,
    /// the free slots following the path (−H_ff)⁻¹H_fj. At 10⁶ rows the point lands within
    /// rounding of the cutoff and its restricted fit is converged where it starts: two passes
    /// over the rows an end, where the fit at the Wald end and Newton's step from it took three.
    /// nil where the model gives no such step: H_ff not negative definite, r not rising, r at the
    /// Wald end more than 1% from the cutoff (not near-linear), or a free slot taken out of its
    /// domain.
    func waldAim(_ j: Int, _ transform: ParameterTransform, _ side: Double, u: Double, target: Double)
        -> (u: Double, theta: [Double])?
    {
        let psi = transform.theta(u)
        // The path's prediction moves the free slots; slot j is set here (a restricted fit holds it).
        var start = predicted(j, psi, from: estimate)
        start[j] = psi
        let e = problem.model.evaluate(start, order: 2, withPrior: problem.withPrior)
        guard e.value.isFinite, e.gradient.allSatisfy(\.isFinite), e.hessian.elements.allSatisfy(\.isFinite) else {
            return nil
        }
        let free = (0..<start.count).filter { $0 != j }
        var (delta, path) = ([Double](), [Double]())
        if !free.isEmpty {
            guard
                let solved = Profiler.solveFree(
                    e.hessian, without: j, [free.map { e.gradient[$0] }, free.map { e.hessian[$0, j] }])
            else { return nil }
            (delta, path) = (solved[0], solved[1])
        }
        let value = e.value + zip(free, delta).reduce(0) { $0 + e.gradient[$1.0] * $1.1 } / 2
        guard value.isFinite, value < maximum else { return nil }
        let r = (2 * (maximum - value)).squareRoot()
        let derivative = e.gradient[j] + zip(free, delta).reduce(0) { $0 + e.hessian[j, $1.0] * $1.1 }
        let slope = -side * derivative * transform.derivatives(u).first / r
        guard slope > 0, slope.isFinite else { return nil }
        // Only where r is near-linear: the Wald end within 1% of the cutoff, as `nextStep` judges
        // a step that landed where it was aimed (with few rows r bends more, and the profile's
        // points from the Wald end out, which the JSON report lists, stay as they were).
        guard abs(r - target) <= 0.01 * target else { return nil }
        let du = (target - r) / slope
        guard du.isFinite else { return nil }
        let aimed = u + side * du
        let psiAimed = transform.theta(aimed)
        var theta = start
        theta[j] = psiAimed
        let transforms = problem.layout.transforms
        for (a, slot) in free.enumerated() {
            let moved = start[slot] + delta[a] + path[a] * (psiAimed - psi)
            guard moved.isFinite, transforms[slot].locate(moved) == .interior else { return nil }
            theta[slot] = moved
        }
        return (aimed, theta)
    }

    /// The end between a point below the cutoff and one above it: Newton's step back from the one
    /// above (`newton`, when it stays inside the bracket), its point the end if it lands within
    /// rounding of the cutoff; else Brent on the bracket, narrowed by that point.
    func closing(
        _ j: Int, _ transform: ParameterTransform, _ side: Double, _ target: Double,
        from a: (u: Double, r: Double, theta: [Double]), to b: (u: Double, r: Double, theta: [Double]),
        _ newton: Double?, _ points: inout [Profile.Point]
    ) -> SideResult {
        var (below, above) = (a, b)
        if let aim = newton, aim < 0, -aim < side * (b.u - a.u) {
            let u = b.u + side * aim
            let psi = transform.theta(u)
            switch probe(j, psi, side, from: b.theta, &points) {
            case .better(let theta, let value): return .better(theta, value, psi)
            case .point(let theta, _, let r):
                if abs(r - target) <= signedRootPrecision(target: target) { return .end(.crossing(psi)) }
                if r >= target { above = (u, r, theta) } else { below = (u, r, theta) }
            case .failed: break
            }
        }
        return crossing(j, transform, side, target, from: below, to: above, &points)
    }

    /// r is near-linear in u: aim the next step at the cutoff by the secant, 10% past it so
    /// the next point brackets the root, at most four times the last step and at least half of
    /// it, or 1/1024 of it when the last step landed within 1% of where it was aimed (`linear`).
    /// With n large the first step, to the Wald end, stops short by ~10⁻⁴ of itself, and half a
    /// step would overshoot by thousands of times what remains (and cost Brent a fit); where r
    /// bends, the floor of half a step is what brackets the root. Returns the step and where
    /// the secant expects r after it.
    func nextStep(
        _ step: Double, from r0: Double, to r1: Double, target: Double, linear: Bool
    ) -> (step: Double, expected: Double) {
        let slope = (r1 - r0) / step
        let next =
            slope > 0 && slope.isFinite
            ? min(4 * step, max(linear ? step / 1024 : step / 2, 1.1 * (target - r1) / slope)) : 2 * step
        return (next, r1 + next * slope)
    }

    /// The unconstrained coordinate of a slot's estimate, which its edges are measured from (a
    /// scale of 10⁻¹⁴ has log σ̂ = −32 and is no nearer its edge for that); 0 for an estimate on
    /// the boundary (u = ±∞).
    func anchor(_ slot: Int) -> Double {
        let u = problem.layout.transforms[slot].u(estimate[slot])
        return u.isFinite ? u : 0
    }

    /// Where u has gone past the domain: the edge the interval is open at; nil inside.
    func beyondDomain(_ u: Double, _ transform: ParameterTransform, _ anchor: Double) -> Double? {
        if transform.isIdentity {
            guard abs(u) > 1e15 * max(1, abs(anchor)) else { return nil }
            return u > 0 ? .infinity : -.infinity
        }
        guard abs(u - anchor) > Profiler.edge else { return nil }
        return transform.theta(u > anchor ? .infinity : -.infinity)
    }

    /// The furthest point tried on a side: `edge` from the estimate for a transformed slot, 10¹⁵
    /// times the estimate's size for an unbounded one.
    func edgeCoordinate(_ transform: ParameterTransform, _ anchor: Double, _ side: Double) -> Double {
        transform.isIdentity ? side * 1e15 * max(1, abs(anchor)) : anchor + side * Profiler.edge
    }

    /// u kept within `edge` of the anchor (a transformed slot), and a NaN replaced by the anchor.
    func clamp(_ u: Double, _ transform: ParameterTransform, _ anchor: Double) -> Double {
        if u.isNaN { return anchor }
        if transform.isIdentity { return u }
        return min(anchor + Profiler.edge, max(anchor - Profiler.edge, u))
    }

    /// How closely r is known at the cutoff: 10⁻¹² of it, or what rounding leaves of it when ℓ is
    /// large. ℓ̂ and ℓ_p are each good to a few ulps of |ℓ̂| (16ε·|ℓ̂| for the drop between them),
    /// and r·δr = δ(drop), so δr = 16ε·|ℓ̂|/r. Near the root, r moves by about one per standard
    /// error, so the end is placed to within δr standard errors (at 10⁶ rows, |ℓ̂| ~ 10⁶:
    /// 2·10⁻⁹ of one); asking for more only spends restricted fits on rounding.
    func signedRootPrecision(target: Double) -> Double {
        max(1e-12 * target, 16 * Double.ulpOfOne * max(1, abs(maximum)) / target)
    }

    /// Brent's method on |r(u)| − target between the last point below the cutoff and the first above it.
    func crossing(
        _ j: Int, _ transform: ParameterTransform, _ side: Double, _ target: Double,
        from a: (u: Double, r: Double, theta: [Double]), to b: (u: Double, r: Double, theta: [Double]),
        _ points: inout [Profile.Point]
    ) -> SideResult {
        var warm = b.theta
        var failure: String?
        var better: (theta: [Double], value: Double, psi: Double)?
        var found: [Profile.Point] = []
        let f = { (u: Double) -> Double in
            let psi = transform.theta(u)
            switch restricted(j, psi, from: warm) {
            case .failed(let why):
                failure = why
                return .nan
            case .fitted(let theta, let value):
                if value > maximum + riseTolerance {
                    better = (theta, value, psi)
                    return .nan
                }
                warm = theta
                let r = abs(Profile.signedRoot(value: psi, estimate: estimate[j], profile: value, maximum: maximum))
                found.append(Profile.Point(value: psi, logLikelihood: value, signedRoot: side * r))
                return r - target
            }
        }
        let tolerance = 1e-10 * max(abs(b.u - a.u), 1e-300)
        let root = RootFinding.brent(
            f, a.u, b.u, fa: a.r - target, fb: b.r - target, tolerance: tolerance,
            valueTolerance: signedRootPrecision(target: target))
        if let better { return .better(better.theta, better.value, better.psi) }
        guard let root else {
            return .end(.failed(transform.theta(a.u), reason: failure ?? FittingMessage.profileNotFinite))
        }
        // The points kept are the steps out and the crossing itself, not Brent's iterates (which
        // crowd around the root and whose number depends on the last bits of ℓ_p).
        let psi = transform.theta(root)
        if let atRoot = found.min(by: { abs($0.value - psi) < abs($1.value - psi) }) { points.append(atRoot) }
        return .end(.crossing(psi))
    }
}
