import Diagnostics
import LinearAlgebra
import Model
import Solvers

/// Whether an iterative fit ended at a maximum or only where the solver gave up on a
/// likelihood that keeps rising towards infinity: a ray test on the fitted directions.
///
/// An MLE at infinity looks, to a solver, like convergence: along the direction d in
/// which ℓ keeps rising, its gradient and curvature vanish (Poisson(exp(b)) with every
/// y = 0 has ∂ℓ/∂b = −n·eᵇ, 10⁻¹⁷ at b = −40), so the solver stops at an arbitrary point
/// with an enormous standard error. The test walks from the estimate û along candidate
/// directions (the solver's own path û − u₀, and the flattest eigen-directions of the
/// information, in unconstrained coordinates), at t = t₀·4ᵐ with t₀ = 1/√(dᵀ·I·d) (one
/// standard error along d, so the test is blind to units), out to 10⁴·max(1, |û|∞):
///
/// - at a true maximum ℓ falls by about ½ at t₀ already: one evaluation settles it;
/// - if ℓ never falls below ℓ̂ − tol that far out on one side, and has levelled off there
///   (its last step gained ≤ tol), while it falls on the other side, the supremum lies at
///   infinity in direction d (tol = 10⁻⁶·max(1, |ℓ̂|), above ℓ's rounding far out). Flat on both
///   sides is identifiability's concern; still climbing is a solver stopped on a slope
///   (not converged) or ℓ → +∞ (BoundaryCheck's unbounded).
///
/// The direction names the parameters involved (components ≥ 0.2 of the largest) and
/// the edge of each one's domain it heads for (b → −∞, σ → 0, p → 1). If every edge is
/// finite (p → 1), the maximum is on the boundary; otherwise the MLE does not exist.
enum ExistenceCheck {
    /// A direction along which ℓ does not come back down.
    struct RunOff {
        /// Unit direction in unconstrained coordinates.
        let direction: [Double]
        /// Slots it moves (|dₐ| ≥ 0.2·max |d|), in coordinate order, with the coordinate and
        /// the edge each heads for.
        let edges: [(slot: Int, coordinate: Int, edge: Double)]
        /// The farthest point reached on the ray, and ℓ there.
        let farthest: [Double]
        let value: Double
        /// Whether every involved edge is finite (a boundary maximum, not a missing one).
        var onBoundary: Bool { edges.allSatisfy { $0.edge.isFinite } }
    }

    /// The walk goes at least this far, relative to max(1, |û|∞) (so a solver stopped on a
    /// steep slope, whose t₀ is tiny, is not mistaken for one at infinity), and takes at
    /// least `minimumSteps` and at most `maximumSteps` quadruplings.
    static let reach = 1e4
    /// How far below ℓ̂ (relative) a point must be to count as coming down, and how little
    /// the far end may change to count as level. Far out on a ray ℓ is computed with a
    /// rounding error that grows with the distance (y·η − N·softplus(η) at η ≈ 10⁶ loses
    /// ε·N·η ≈ 10⁻⁹), so the slack must exceed it; at a true maximum ℓ falls by ½ within one
    /// standard error and by t²/2 beyond, far more than the slack.
    static let slack = 1e-6
    static let minimumSteps = 3
    static let maximumSteps = 100
    /// Eigen-directions tried (the flattest ones), and the largest k they are computed for.
    static let eigenDirections = 4
    static let eigenLimit = 400

    /// The first direction from û = `result.x` along which ℓ keeps rising, if any. (Where ℓ is
    /// concave and `ConcaveExistence` proves the maximum exists, the fit does not ask.)
    static func runOff(
        _ objective: UnconstrainedObjective, start: [Double], result: SolverResult, excludingSlots: Set<Int> = []
    ) -> RunOff? {
        let u = result.x
        let map = objective.coordinates.coordinateEdges
        let excluding = Set(map.indices.filter { excludingSlots.contains(map[$0].slot) })
        let value = objective.evaluate(u, order: 0).value
        guard value.isFinite, !u.isEmpty else { return nil }
        let information = objective.evaluate(u, order: 2).hessian.map { -$0 }
        let tolerance = slack * max(1, abs(value))
        for d in candidates(u, start, information, excluding: excluding) {
            let curvature = quadratic(information, d)
            let t0 = curvature > 0 && curvature.isFinite ? 1 / curvature.squareRoot() : 1
            let forward = walk(objective, u, d, t0, value, tolerance)
            let backward = walk(objective, u, d.map { -$0 }, t0, value, tolerance)
            // Only a ray that has levelled off at its far end: one still climbing there is a
            // solver stopped on a slope (not converged) or ℓ → +∞ (BoundaryCheck's unbounded).
            switch (forward, backward) {
            case (.some(let end), nil) where end.levelledOff: return finding(objective, d, end)
            case (nil, .some(let end)) where end.levelledOff: return finding(objective, d.map { -$0 }, end)
            default: continue
            }
        }
        return nil
    }

    /// Where a ray ends when ℓ never fell below ℓ̂ − tol on it: the farthest point, ℓ there,
    /// and ℓ one step before (to tell still rising from levelled off).
    struct RayEnd {
        let point: [Double]
        let value: Double
        let previous: Double
        /// The largest ℓ met on the ray.
        let highest: Double

        /// ℓ at the far end is the ray's highest and its last step changed it by no more than
        /// the slack: the supremum along the ray is at its end.
        var levelledOff: Bool {
            let tolerance = ExistenceCheck.slack * max(1, abs(value))
            return value >= highest - tolerance && abs(value - previous) <= tolerance
        }
    }

    /// Walks u + t·d for t = t₀, 4t₀, 16t₀, …; nil as soon as ℓ falls below ℓ̂ − tol (or is
    /// −∞: ℓ comes down). ℓ = +∞ ends the ray as a run-off; NaN (ℓ no longer computable
    /// that far out) ends it as one only after two steps that did not come down.
    static func walk(
        _ objective: UnconstrainedObjective, _ u: [Double], _ d: [Double], _ t0: Double, _ value: Double,
        _ tolerance: Double
    ) -> RayEnd? {
        let far = reach * max(1, u.map(abs).max() ?? 0)
        // At a maximum ℓ falls by about ½(t/t₀)² at t, so the first point is put where that
        // fall is 4·tol (never nearer than t₀): there one evaluation per side settles it even
        // when the slack, which grows with |ℓ̂|, exceeds ½ (at 10⁶ rows it is about 0.6).
        // Where the curvature has vanished, one standard error can be 10⁷ or more: start
        // within reach, where ℓ is still computed to its digits.
        var t = min(t0 * max(1, (8 * tolerance).squareRoot()), far / 64)
        var last = RayEnd(point: u, value: value, previous: value, highest: value)
        for step in 0..<maximumSteps {
            if step >= minimumSteps && t > 4 * far { break }
            let point = zip(u, d).map { $0 + t * $1 }
            let v = objective.evaluate(point, order: 0).value
            if v.isNaN { return step >= 2 ? last : nil }
            if v < value - tolerance || v == .infinity { return nil }
            last = RayEnd(point: point, value: v, previous: last.value, highest: max(v, last.highest))
            t *= 4
        }
        return last
    }

    static func finding(_ objective: UnconstrainedObjective, _ d: [Double], _ end: RayEnd) -> RunOff {
        let largest = d.map(abs).max() ?? 0
        let map = objective.coordinates.coordinateEdges
        let edges = d.indices.filter { abs(d[$0]) >= 0.2 * largest }.map { a in
            (slot: map[a].slot, coordinate: a, edge: d[a] > 0 ? map[a].up : map[a].down)
        }
        return RunOff(direction: d, edges: edges, farthest: end.point, value: end.value)
    }

    /// Unit directions to try: the solver's path, then the flattest eigenvectors of the
    /// information scaled to unit diagonal (blind to units), mapped back to u.
    static func candidates(_ u: [Double], _ start: [Double], _ information: Matrix, excluding: Set<Int>) -> [[Double]] {
        var result: [[Double]] = []
        let path = zip(u, start).enumerated().map { excluding.contains($0.offset) ? 0 : $0.element.0 - $0.element.1 }
        if let d = normalised(path) { result.append(d) }
        let k = u.count
        let diagonal = (0..<k).map { information[$0, $0] }
        let scale = diagonal.map { $0 > 0 && $0.isFinite ? 1 / $0.squareRoot() : 1 }
        if k <= eigenLimit, information.elements.allSatisfy(\.isFinite) {
            var scaled = information
            for i in 0..<k { for j in 0..<k { scaled[i, j] *= scale[i] * scale[j] } }
            if let (_, vectors) = scaled.symmetricEigen() {
                for c in 0..<min(k, eigenDirections) {
                    let raw = (0..<k).map { excluding.contains($0) ? 0 : vectors[$0, c] * scale[$0] }
                    if let d = normalised(raw) { result.append(d) }
                }
            }
        } else {
            // Too many parameters for an eigen-decomposition: the coordinates with least information.
            let weight: [Double] = (0..<k).map { i in diagonal[i] * max(1, u[i] * u[i]) }
            let order = (0..<k).filter { !excluding.contains($0) }.sorted { weight[$0] < weight[$1] }
            for i in order.prefix(eigenDirections) {
                var d = [Double](repeating: 0, count: k)
                d[i] = 1
                result.append(d)
            }
        }
        return result
    }

    /// v scaled to unit length, with components below 0.2 of the largest set to 0: a ray
    /// out to 10¹⁴ standard errors must not drag a well-determined parameter along by a
    /// rounding-sized share of the direction.
    static func normalised(_ v: [Double]) -> [Double]? {
        let largest = v.map(abs).max() ?? 0
        guard largest > 0, largest.isFinite else { return nil }
        let w = v.map { abs($0) >= 0.2 * largest ? $0 / largest : 0 }
        let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return w.map { $0 / norm }
    }

    /// dᵀ·M·d.
    static func quadratic(_ m: Matrix, _ d: [Double]) -> Double {
        let md = m * d
        return zip(d, md).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

extension ExistenceCheck {
    /// Acts on a run-off found after an iterative fit: at finite edges only (p → 1) the
    /// maximum is on the boundary, and those slots are moved to the edge and noted; a
    /// likelihood still rising there is unbounded; any infinite edge means the MLE does
    /// not exist (a logistic separation is named as such).
    static func settle(
        _ runOff: RunOff, _ model: StatisticalModel, _ objective: UnconstrainedObjective, _ solution: inout Solution
    ) throws {
        let layout = model.layout
        let edges = runOff.edges.map { FittingMessage.edge(layout.slotName($0.slot), $0.edge) }
        if runOff.onBoundary {
            let far = objective.theta(runOff.farthest)
            for (slot, _, _) in runOff.edges {
                solution.estimate[slot] = far[slot]
                solution.boundary[slot] = BoundaryCheck.note(model, slot, far[slot])
            }
            return
        }
        if let separated = SeparationCheck.check(model, solution.estimate, quasi: true) { throw separated }
        var direction: [String] = []
        if runOff.edges.count > 1 {
            for (slot, coordinate, _) in runOff.edges {
                let weight = NumberFormat.significant(runOff.direction[coordinate], digits: 3)
                direction.append("\(layout.slotName(slot)) \(weight)")
            }
        }
        let stopped = runOff.edges.map {
            "\(layout.slotName($0.slot)) = \(NumberFormat.significant(solution.estimate[$0.slot], digits: 2))"
        }
        throw FitError(
            .unbounded,
            FittingMessage.mleAtInfinity(edges: edges, direction: direction, supremum: runOff.value, stopped: stopped),
            help: FittingMessage.mleAtInfinityHelp(
                slot: layout.slotName(runOff.edges[0].slot),
                param: layout.owner(runOff.edges[0].slot)?.name ?? layout.slotName(runOff.edges[0].slot)))
    }
}
