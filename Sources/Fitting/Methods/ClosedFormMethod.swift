import Inference
import LinearAlgebra
import Model
import Symbolic

/// The score equations solved symbolically (ScoreSolver): accepted only when the
/// root lies in the domain (or on its edge, reported) and −∇²ℓ there is positive
/// definite; an edge where ℓ is infinite is an unbounded likelihood.
struct ClosedFormMethod: FitMethod {
    let title = FittingMessage.closedFormTitle

    func refusal(_ problem: FitProblem) -> String? {
        let model = problem.model
        guard model.likelihood.isFullySummarised else {
            return FittingMessage.perRowPart(ClosedFormMethod.perRowDescription(model))
        }
        return nil
    }

    static func perRowDescription(_ model: StatisticalModel) -> String {
        if !model.predictorDescriptions.isEmpty {
            return FittingMessage.linearPredictorInside(model.predictorDescriptions.values.sorted())
        }
        return FittingMessage.notPolynomialInData
    }

    func solve(_ problem: FitProblem) throws -> Solution {
        if let why = refusal(problem) { throw FitError.refused(why) }
        let model = problem.model
        let likelihood = model.likelihood
        let grouped = GroupedSolution.entries(model)
        // A parameter shared by every group (one σ for all classes) couples the groups' equations.
        if !grouped.isEmpty { try GroupedSolution.checkSeparable(model, grouped) }
        let objective = problem.withPrior ? likelihood.summary + ungroupedPrior(model, grouped) : likelihood.summary
        let unknowns = model.layout.entries.filter { !grouped.contains($0.name) }.flatMap(\.slots).map {
            i -> ScoreSolver.Unknown in
            ScoreSolver.Unknown(symbol: .parameter(i), positive: (model.layout.owner(i)?.lower ?? -1) >= 0)
        }
        let solutions: [(Symbol, Expr)]
        switch ScoreSolver.solve(objective, for: unknowns) {
        case .success(let s): solutions = s
        case .failure(let f): throw FitError.refused(f.description)
        }
        var values = likelihood.statisticValues
        var theta = [Double](repeating: .nan, count: model.layout.count)
        for (symbol, expr) in solutions {
            guard case .parameter(let i) = symbol else { continue }
            theta[i] = expr.evaluate(values)
            values[symbol] = theta[i]
        }
        var solution = Solution(
            estimate: theta, method: FittingMessage.closedFormTitle, reason: FittingMessage.closedFormReason)
        let display = likelihood.displayPilots
        for (symbol, expr) in solutions {
            guard case .parameter(let i) = symbol else { continue }
            let shown = expr.substituting(display).collectedByParameters().printed()
            solution.closedForms.append(FittingMessage.closedForm(model.layout.slotName(i), shown, theta[i]))
        }
        if !grouped.isEmpty {
            solution.closedForms += try GroupedSolution.solve(model, withPrior: problem.withPrior, into: &theta)
            solution.estimate = theta
            solution.reason = FittingMessage.groupedClosedFormReason(simplex: model.layout.hasSimplex)
        }
        solution.boundary = try BoundaryCheck.closedFormRoot(model, theta, withPrior: problem.withPrior)
        // A maximum: −∇²ℓ positive definite there (checked here for a model small enough for the
        // dense Hessian; a larger one is checked block by block when its covariance is formed).
        if model.layout.count <= Fitter.parameterLimit {
            let free = (0..<model.layout.count).filter { solution.boundary[$0] == nil }
            guard !free.isEmpty else { return solution }
            let hessian = model.evaluate(theta, order: 2, withPrior: problem.withPrior).hessian
            if case .failure = IdentifiabilityCheck.covariance(model, hessian: hessian, free: free) {
                throw FitError.refused(FittingMessage.stationaryPointNotMaximum)
            }
        }
        return solution
    }

    /// log π(θ) of the params solved symbolically here (not those picked per row by data).
    func ungroupedPrior(_ model: StatisticalModel, _ grouped: Set<String>) -> Expr {
        let store = model.store
        var pieces: [Expr] = []
        for prior in model.priors where !grouped.contains(prior.parameter) {
            for slot in prior.slots { pieces.append(prior.component(store.symbol(.parameter(slot)))) }
        }
        return store.add(pieces)
    }
}

/// `using closed`: least squares, else the closed form; an error naming why neither applies.
struct ExactSolution: FitMethod {
    let title = "closed form"
    static let methods: [any FitMethod] = [LeastSquaresMethod(), ClosedFormMethod()]

    func refusal(_ problem: FitProblem) -> String? { nil }

    func solve(_ problem: FitProblem) throws -> Solution {
        var reasons: [String] = []
        for method in ExactSolution.methods {
            if let why = method.refusal(problem) {
                reasons.append(why)
                continue
            }
            do {
                return try method.solve(problem)
            } catch let e as FitError where e.kind == .refused {
                reasons.append(e.message)
            }
        }
        throw FitError(.invalidRequest, FittingMessage.noClosedForm(reasons), help: FittingMessage.fitIteratively)
    }
}
