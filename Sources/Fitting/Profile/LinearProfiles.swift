import Foundation
import Inference
import Model

/// The profile likelihoods of a Normal model whose mean is linear in its coefficients
/// (least squares' case), in closed form: no refits, and none of the ill-conditioning
/// that a polynomial design (NIST Filip) brings to Newton's method.
///
/// With weights summing to W and RSS(β) the weighted residual sum of squares, ℓ =
/// −W·log σ − RSS(β)/(2σ²) + const. Fixing one coefficient βⱼ and maximising over the
/// others leaves RSS + (βⱼ − β̂ⱼ)²/cⱼⱼ, cⱼⱼ = [(XᵀWX)⁻¹]ⱼⱼ = seⱼ²/σ̂² (σ̂² = RSS/W); then
/// over σ, ℓ_p(βⱼ) = ℓ̂ − (W/2)·log(1 + (βⱼ − β̂ⱼ)²/(W·seⱼ²)), so the interval is
/// β̂ⱼ ± seⱼ·√(W·(exp(χ²₁/W) − 1)). For σ the coefficients stay at β̂ whatever σ is:
/// 2(ℓ̂ − ℓ_p(σ)) = W·(σ̂²/σ² − 1 − log(σ̂²/σ²)), whose two roots Brent's method finds in
/// log(σ/σ̂). With σ known, ℓ is exactly quadratic in β and the interval is Wald's.
enum LinearProfiles {
    /// Every slot's profile at `level`, or nil when the fit is not of that shape (priors, ridge,
    /// a boundary estimate, no covariance).
    static func of(_ outcome: FitOutcome, level: Double) -> [Int: Profile]? {
        let model = outcome.model
        guard !model.hasPriors, outcome.boundary.isEmpty, outcome.covariance != nil,
            case .success(let design) = LinearDesign.of(model), design.ridge.isEmpty
        else { return nil }
        let q = Profile.cutoff(level: level)
        var profiles: [Int: Profile] = [:]
        for slot in design.slots {
            guard let se = outcome.standardError(slot: slot) else { return nil }
            profiles[slot] = coefficient(outcome, slot, se: se, design: design, q: q, level: level)
        }
        if case .parameter(let s) = design.scale {
            guard let p = scale(outcome, s, weight: design.weightSum, q: q, level: level) else { return nil }
            profiles[s] = p
        }
        return profiles.count == model.layout.count ? profiles : nil
    }

    /// For a Normal whose mean is nonlinear in its coefficients and whose σ is a param of its
    /// own (nonlinear least squares), σ's profile in closed form: β̂ minimises the residual sum of
    /// squares whatever σ is, so ℓ_p(σ) = −W·log σ − RSS_min/(2σ²) + const, as in the linear case.
    static func nonlinearScale(_ outcome: FitOutcome, level: Double) -> (Int, Profile)? {
        guard !outcome.model.hasPriors, outcome.boundary.isEmpty,
            case .success(let design) = NonlinearDesign.of(outcome.model), case .parameter(let s) = design.scale,
            let p = scale(outcome, s, weight: design.weightSum, q: Profile.cutoff(level: level), level: level)
        else { return nil }
        return (s, p)
    }

    static func coefficient(
        _ outcome: FitOutcome, _ slot: Int, se: Double, design: LinearDesign, q: Double, level: Double
    ) -> Profile {
        let estimate = outcome.estimate[slot]
        let maximum = outcome.maximum
        // 2(ℓ̂ − ℓ_p) as a function of the distance d from the estimate.
        let drop: (Double) -> Double
        let half: Double
        switch design.scale {
        case .parameter:
            let w = design.weightSum
            drop = { d in w * Foundation.log1p(d * d / (w * se * se)) }
            half = se * (w * Foundation.expm1(q / w)).squareRoot()
        case .known:
            drop = { d in d * d / (se * se) }
            half = se * q.squareRoot()
        }
        let distances = [-1.5 * half, -half, -0.5 * half, 0, 0.5 * half, half, 1.5 * half]
        let points = distances.map { d in
            Profile.Point(
                value: estimate + d, logLikelihood: maximum - drop(d) / 2,
                signedRoot: d < 0 ? -drop(d).squareRoot() : drop(d).squareRoot())
        }
        return Profile(
            name: outcome.model.layout.slotName(slot), slot: slot, level: level, estimate: estimate, maximum: maximum,
            lower: .crossing(estimate - half), upper: .crossing(estimate + half), points: points)
    }

    static func scale(_ outcome: FitOutcome, _ slot: Int, weight w: Double, q: Double, level: Double) -> Profile? {
        let sigma = outcome.estimate[slot]
        guard sigma > 0 else { return nil }
        // In t = log(σ/σ̂): 2(ℓ̂ − ℓ_p) = W·(e^(−2t) − 1 + 2t), convex with its minimum 0 at t = 0.
        let drop = { (t: Double) in w * (Foundation.expm1(-2 * t) + 2 * t) }
        let f = { (t: Double) in drop(t) - q }
        var ends: [Double] = []
        for far in [-30.0, 30.0] {
            guard let t = RootFinding.brent(f, 0, far, fa: -q, fb: f(far), tolerance: 1e-13) else { return nil }
            ends.append(t)
        }
        let points = [ends[0] * 1.5, ends[0], 0, ends[1], ends[1] * 1.5].map { t in
            Profile.Point(
                value: sigma * Foundation.exp(t), logLikelihood: outcome.maximum - drop(t) / 2,
                signedRoot: t < 0 ? -drop(t).squareRoot() : drop(t).squareRoot())
        }
        return Profile(
            name: outcome.model.layout.slotName(slot), slot: slot, level: level, estimate: sigma,
            maximum: outcome.maximum, lower: .crossing(sigma * Foundation.exp(ends[0])),
            upper: .crossing(sigma * Foundation.exp(ends[1])), points: points)
    }
}
