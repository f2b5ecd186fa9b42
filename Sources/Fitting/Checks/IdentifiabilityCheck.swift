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

    /// Least squares' verdict: the conditioned design (ConditionedSystem: columns in unit
    /// scale, centred on the intercept) has numerical rank below its column count when its
    /// pivoted QR has |Rᵢᵢ| ≤ 10⁻¹²·|R₁₁| — a direction in which the columns are dependent
    /// to 12 digits, whatever their units or offsets. nil when the columns are independent.
    static func collinear(_ model: StatisticalModel, _ fit: LeastSquares, slots: [Int]) -> FitError? {
        guard fit.rank < slots.count else { return nil }
        let names = fit.dependentColumns.map { model.layout.slotName(slots[$0]) }
        return FitError(
            .notIdentifiable, FittingMessage.collinearColumns(names, rank: fit.rank, columns: slots.count),
            help: FittingMessage.dropRedundantColumn)
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
