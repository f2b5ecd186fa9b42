import Foundation

/// Model-selection criteria beyond AIC and BIC (Uncertainty): the small-sample
/// AICc, Akaike weights, and McFadden's pseudo-R².
public enum Criteria {
    /// AICc = AIC + 2k(k + 1)/(n − k − 1) (Hurvich & Tsai 1989); nil when n ≤ k + 1, where
    /// the correction is undefined.
    public static func aicc(aic: Double, parameters k: Int, observations n: Int) -> Double? {
        guard n - k - 1 > 0 else { return nil }
        return aic + 2 * Double(k) * Double(k + 1) / Double(n - k - 1)
    }

    /// ΔAICᵢ = AICᵢ − min AIC, and the Akaike weights wᵢ = exp(−Δᵢ/2)/Σⱼ exp(−Δⱼ/2)
    /// (Burnham & Anderson): the relative likelihood of each model in the set. Computed
    /// from the Δs, so the exponentials never underflow for the best model.
    public static func akaikeWeights(_ aics: [Double]) -> (deltas: [Double], weights: [Double]) {
        guard let best = aics.min() else { return ([], []) }
        let deltas = aics.map { $0 - best }
        let relative = deltas.map { Foundation.exp(-$0 / 2) }
        let total = relative.reduce(0, +)
        return (deltas, relative.map { $0 / total })
    }

    /// McFadden's pseudo-R² = 1 − ℓ̂/ℓ̂₀, with ℓ̂₀ the null (intercept-only) model's
    /// maximum (statsmodels' `prsquared`).
    public static func mcFadden(logLikelihood l: Double, null l0: Double) -> Double { 1 - l / l0 }
}
