import Foundation
import LinearAlgebra
import Symbolic

/// Which solver fits a model, and why (DESIGN.md "Solvers"): closed form by
/// solving the score equations; least squares when a Normal's mean is linear in
/// the parameters; otherwise an iterative method.
public enum Analysis {
    /// A Gaussian model whose mean is linear in its parameters: y = X·β + offset + ε.
    public struct LinearDesign {
        public let matrix: Matrix
        /// y − offset, per row.
        public let response: [Double]
        public let weights: [Double]?
        /// θ slot of each column.
        public let slots: [Int]
        public enum Scale { case parameter(Int), known(Double) }
        public let scale: Scale
        /// Rows appended for Normal(m, τ) priors (ridge): (slot, m, τ).
        public let ridge: [(slot: Int, mean: Double, sd: Double)]
    }

    /// A Normal(m, τ) prior with constant arguments on one θ slot.
    public struct NormalPrior {
        public let slot: Int
        public let mean: Double
        public let sd: Double
        public init(slot: Int, mean: Double, sd: Double) {
            self.slot = slot
            self.mean = mean
            self.sd = sd
        }
    }

    /// The linear design of a single Normal term, or why least squares does not apply.
    ///
    /// `otherPriors` are priors that are not Normal-with-constants on a mean parameter;
    /// any of them (or a prior with an unknown σ) rules least squares out.
    public static func linearDesign(_ likelihood: LogLikelihood, normalPriors: [NormalPrior], otherPriors: Bool)
        -> Result<LinearDesign, NotApplicable>
    {
        guard likelihood.terms.count == 1, let term = likelihood.terms.first, term.family.name == "Normal" else {
            return .failure(NotApplicable("not a single Normal term"))
        }
        guard term.censored == nil else { return .failure(NotApplicable("censored rows are not least squares")) }
        let (mu, sigma) = (term.arguments[0], term.arguments[1])
        let meanParameters = mu.symbols.filter { if case .parameter = $0 { return true } else { return false } }
            .sorted()
        let predictors = likelihood.predictors.filter { mu.depends(on: $0.symbol) }
        guard !meanParameters.isEmpty || !predictors.isEmpty else {
            return .failure(NotApplicable("the mean has no parameters"))
        }
        for s in meanParameters + predictors.map(\.symbol) where mu.derivative(withRespectTo: s).dependsOnParameters {
            return .failure(NotApplicable("the mean is not linear in its parameters"))
        }
        let scale: LinearDesign.Scale
        if let s = sigma.symbol, case .parameter(let i) = s, !mu.depends(on: s) {
            scale = .parameter(i)
        } else if !sigma.dependsOnParameters, !sigma.isRowLevel, let v = Optional(sigma.evaluate([:])), v > 0 {
            scale = .known(v)
        } else {
            return .failure(NotApplicable("σ is not a single parameter or a known constant"))
        }
        if otherPriors { return .failure(NotApplicable("a prior other than Normal(m, τ) on the mean's coefficients")) }
        if case .parameter = scale, !normalPriors.isEmpty {
            return .failure(
                NotApplicable("with a prior and σ unknown, the penalty's weight depends on σ (no closed form)"))
        }
        let slots = meanParameters.map(slot)
        var columnExpressions = meanParameters.map { mu.derivative(withRespectTo: $0) }
        let zero = Dictionary(uniqueKeysWithValues: (meanParameters + predictors.map(\.symbol)).map { ($0, 0.0) })
        let offset = mu.substituting(zero)
        let multipliers = predictors.map { mu.derivative(withRespectTo: $0.symbol) }
        columnExpressions += multipliers
        var needed = columnExpressions + [offset, term.response]
        if let w = term.weight { needed.append(w) }
        let values = likelihood.perRow(needed, term: 0)
        guard values.count == needed.count else { return .failure(NotApplicable("the data could not be evaluated")) }
        let n = term.rows
        let k = slots.count + predictors.reduce(0) { $0 + $1.length }
        var x = Matrix(rows: n, columns: k)
        for i in 0..<n {
            for j in slots.indices { x[i, j] = values[j][i] }
            var c = slots.count
            for (p, pred) in predictors.enumerated() {
                let m = values[slots.count + p][i]
                for j in 0..<pred.length { x[i, c + j] = m * pred.matrix[i, j] }
                c += pred.length
            }
        }
        let hasData = (0..<k).contains { j in (1..<n).contains { x[$0, j] != x[0, j] } }
        guard hasData else { return .failure(NotApplicable("the mean has no data in it")) }
        let offsetValues = values[columnExpressions.count]
        let y = values[columnExpressions.count + 1]
        let response = (0..<n).map { y[$0] - offsetValues[$0] }
        let allSlots = slots + predictors.flatMap { p in (0..<p.length).map { p.offset + $0 } }
        let ridge = normalPriors.filter { allSlots.contains($0.slot) }.map { (slot: $0.slot, mean: $0.mean, sd: $0.sd) }
        return .success(
            LinearDesign(
                matrix: x, response: response, weights: term.weight == nil ? nil : values.last,
                slots: allSlots, scale: scale, ridge: ridge))
    }

    /// Why a method does not apply, in words for the report.
    public struct NotApplicable: Error, Sendable {
        public let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    static func slot(_ s: Symbol) -> Int {
        if case .parameter(let i) = s { return i }
        return 0
    }
}
