import Diagnostics
import Inference
import LinearAlgebra
import Model

/// Whether the observed information at the estimate can be inverted: a singular
/// Hessian means ℓ is flat in some direction (the params involved cannot be told
/// apart by the data); an indefinite one means the point is not a maximum.
enum IdentifiabilityCheck {
    /// The covariance (−∇²ℓ)⁻¹ over `free` (on the simplex for simplex rows: their components
    /// keep their sum), or the error naming the direction along which it fails.
    static func covariance(_ model: StatisticalModel, hessian: Matrix, free: [Int]) -> Result<Matrix, FitError> {
        switch Uncertainty.covariance(hessian: hessian, free: free, sumGroups: sumGroups(model.layout, free)) {
        case .success(let c): return .success(c)
        case .failure(let problem): return .failure(error(model, problem, free))
        }
    }

    /// The free slots of each simplex row (their components sum to 1).
    static func sumGroups(_ layout: ParameterLayout, _ free: [Int]) -> [[Int]] {
        guard layout.hasSimplex else { return [] }
        let isFree = Set(free)
        return layout.simplexRows.map { $0.filter(isFree.contains) }
    }

    static func error(_ model: StatisticalModel, _ problem: Uncertainty.Identifiability, _ free: [Int]) -> FitError {
        let largest = problem.direction.map(abs).max() ?? 0
        let involved = zip(free, problem.direction).filter { abs($0.1) > 0.2 * largest }
        let names = involved.map { model.layout.slotName($0.0) }
        var along = ""
        for (k, (slot, weight)) in involved.enumerated() {
            let term = "\(NumberFormat.significant(abs(weight), digits: 3))·\(model.layout.slotName(slot))"
            along += k == 0 ? (weight < 0 ? "−" : "") + term : (weight < 0 ? " − " : " + ") + term
        }
        if problem.isIndefinite {
            return FitError(
                .notIdentifiable, FittingMessage.notAMaximum(along: along, names), help: FittingMessage.notAMaximumHelp)
        }
        return FitError(
            .notIdentifiable, FittingMessage.flatLikelihood(along: along, names),
            help: FittingMessage.flatLikelihoodHelp)
    }
}
