import Inference
import Interrupt
import Model

/// The profile log-likelihood of two slots together, ℓ_p(a, b) = max over the other slots
/// of ℓ (+ log π for a MAP fit) with slot i held at a and slot j at b, for contour maps:
/// each restricted fit is Newton's method over the free slots (the profiler's), started
/// from a neighbouring point's maximiser, and again from the estimate if that fails.
public struct ProfileSurface {
    let profiler: Profiler
    public let slots: (Int, Int)
    /// θ̂, where the walk over a grid starts.
    public let estimate: [Double]

    public init(_ outcome: FitOutcome, slots: (Int, Int)) {
        profiler = Profiler(outcome)
        self.slots = slots
        estimate = outcome.estimate
    }

    /// ℓ_p(a, b) and the θ it is reached at, from `start`; nil when the restricted fit fails.
    public func value(_ a: Double, _ b: Double, from start: [Double]) -> (value: Double, theta: [Double])? {
        let (i, j) = slots
        if case .fitted(let theta, let value) = profiler.restrictedFit(i, a, from: start, held: [j: b]) {
            return (value, theta)
        }
        guard start != estimate,
            case .fitted(let theta, let value) = profiler.restrictedFit(i, a, from: estimate, held: [j: b])
        else { return nil }
        return (value, theta)
    }

    /// ℓ_p on the grid x × y (z[k][l] at (x[k], y[l])), NaN where a restricted fit fails,
    /// with the maximiser at each point. The walk starts at the grid point nearest the
    /// estimate and goes out along the estimate's row, then up and down each column from it,
    /// so every fit starts next to a point already fitted.
    public func grid(x: [Double], y: [Double]) throws -> (z: [[Double]], theta: [[[Double]]]) {
        var z = [[Double]](repeating: [Double](repeating: .nan, count: y.count), count: x.count)
        var theta = [[[Double]]](repeating: [[Double]](repeating: estimate, count: y.count), count: x.count)
        guard !x.isEmpty, !y.isEmpty else { return (z, theta) }
        let ci = ProfileSurface.nearest(x, estimate[slots.0])
        let cj = ProfileSurface.nearest(y, estimate[slots.1])
        for k in ProfileSurface.outward(from: ci, count: x.count) {
            let from = k == ci ? estimate : theta[k < ci ? k + 1 : k - 1][cj]
            for l in ProfileSurface.outward(from: cj, count: y.count) {
                try Interrupt.check()
                let start = l == cj ? from : theta[k][l < cj ? l + 1 : l - 1]
                if let (value, maximiser) = self.value(x[k], y[l], from: start) {
                    z[k][l] = value
                    theta[k][l] = maximiser
                } else {
                    theta[k][l] = start
                }
            }
        }
        return (z, theta)
    }

    static func nearest(_ values: [Double], _ v: Double) -> Int {
        values.indices.min { abs(values[$0] - v) < abs(values[$1] - v) } ?? 0
    }

    /// c, c + 1, …, the last, then c − 1, …, 0.
    static func outward(from c: Int, count: Int) -> [Int] { Array(c..<count) + Array((0..<c).reversed()) }
}

extension ProfileSurface {
    /// How far the region {ℓ ≥ ℓ̂ − drop} over the two slots reaches along one of them
    /// (`axis` 0 or 1), below and above the estimate: the roots of
    /// g(ψ) = max over the slots not held of ℓ with that slot at ψ, minus (ℓ̂ − drop), found
    /// by Brent's method to 10⁻¹⁰ of the bracket. (With nothing held this is the profile
    /// interval at the level whose χ²₁ quantile is 2·drop.) Each side starts from a bracket
    /// around where the drawn contour reaches, widened toward `limits` until g changes sign;
    /// nil for a side where it never does, or where a restricted fit fails.
    public func extent(
        axis: Int, drop: Double, maximum: Double, held: [Int: Double], near guess: (Double, Double),
        step: Double, limits: (Double, Double)
    ) -> (Double?, Double?) {
        let slot = axis == 0 ? slots.0 : slots.1
        let centre = estimate[slot]
        var warm = estimate
        let g = { (psi: Double) -> Double in
            guard case .fitted(let theta, let value) = profiler.restrictedFit(slot, psi, from: warm, held: held) else {
                return .nan
            }
            warm = theta
            return value - (maximum - drop)
        }
        func side(_ e: Double, _ direction: Double, _ limit: Double) -> Double? {
            guard e.isFinite, step > 0 else { return nil }
            var inside = e - direction * 2 * step
            if (inside - centre) * direction < 0 { inside = centre }
            var outside = e + direction * 2 * step
            warm = estimate
            let gin = g(inside)
            guard gin >= 0 else { return nil }
            var gout = g(outside)
            while gout >= 0, (limit - outside) * direction > 0 {
                let next = outside + direction * 4 * step
                outside = direction > 0 ? min(next, limit) : max(next, limit)
                gout = g(outside)
            }
            guard gout < 0 else { return nil }
            return RootFinding.brent(g, inside, outside, fa: gin, fb: gout, tolerance: 1e-10 * abs(outside - inside))
        }
        return (side(guess.0, -1, limits.0), side(guess.1, 1, limits.1))
    }
}
