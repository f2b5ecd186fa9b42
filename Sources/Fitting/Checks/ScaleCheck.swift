import Foundation
import LinearAlgebra
import Model
import Symbolic

/// Data on a scale doubles cannot fit at: a fit needs squares of the data's scale
/// (a variance σ̂², the information −∂²ℓ/∂θ² ∝ 1/σ²), and beyond |x| ≈ 10¹⁵⁴ they
/// overflow to ∞, below ≈ 10⁻¹⁵⁴ they underflow to 0. Values near 10²⁰⁰ (or a column
/// whose every value is near 10⁻²⁰⁰) would give an infinite or zero variance, or a
/// Hessian called singular, though the data are perfectly good numbers; the fit says
/// so before starting, naming the data and how to rescale them.
enum ScaleCheck {
    /// The largest magnitude a column may reach, and the smallest its largest may be.
    static let largest = 1e150
    static let smallest = 1e-150

    /// The error for the first column (per-row data or a design matrix) outside the range, if any.
    static func check(_ model: StatisticalModel) -> FitError? {
        let store = model.store
        for (symbol, values) in model.likelihood.columns.sorted(by: { $0.key < $1.key }) {
            if let e = verdict(store.name(of: symbol), values) { return e }
        }
        for (symbol, description) in model.predictorDescriptions.sorted(by: { $0.key < $1.key }) {
            guard let p = model.likelihood.predictors.first(where: { $0.symbol == symbol }) else { continue }
            let name = description.split(separator: "·").last.map(String.init) ?? description
            if let e = verdict(name, p.matrix.elements) { return e }
        }
        return nil
    }

    static func verdict(_ name: String, _ values: [Double]) -> FitError? {
        let magnitude = Summation.largestFiniteMagnitude(values)
        guard magnitude > largest || (magnitude > 0 && magnitude < smallest) else { return nil }
        return FitError(
            .invalidRequest, FittingMessage.dataOutOfScale(name, magnitude: magnitude, tooLarge: magnitude > largest),
            help: FittingMessage.rescaleHelp(magnitude))
    }
}
