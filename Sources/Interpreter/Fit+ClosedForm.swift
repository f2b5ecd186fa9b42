import Diagnostics
import Inference
import LinearAlgebra
import Model
import Symbolic

extension Session {
    struct NoClosedForm: Error {
        let reason: String
        /// Set when the likelihood grows without bound towards a boundary (no MLE exists).
        var unbounded: String? = nil
    }

    /// Solves the score equations symbolically; accepts the root only inside the domain
    /// (or on its edge, reported) and where −∇²ℓ is positive definite.
    func closedForm(_ model: BuiltModel, _ span: SourceSpan) -> Result<Solution, NoClosedForm> {
        let likelihood = model.likelihood
        guard likelihood.isFullySummarised else {
            return .failure(NoClosedForm(reason: InterpreterMessage.perRowPart(perRowDescription(model))))
        }
        let withPrior = model.hasPriors
        let objective = withPrior ? likelihood.summary + model.logPrior : likelihood.summary
        let unknowns = (0..<model.layout.count).map { i -> ScoreSolver.Unknown in
            let entry = model.layout.owner(i)
            return ScoreSolver.Unknown(symbol: .parameter(i), positive: (entry?.lower ?? -1) >= 0)
        }
        let solutions: [(Symbol, Expr)]
        switch ScoreSolver.solve(objective, for: unknowns) {
        case .success(let s): solutions = s
        case .failure(let f): return .failure(NoClosedForm(reason: f.description))
        }
        var values = likelihood.statisticValues
        var theta = [Double](repeating: .nan, count: model.layout.count)
        for (symbol, expr) in solutions {
            guard case .parameter(let i) = symbol else { continue }
            theta[i] = expr.evaluate(values)
            values[symbol] = theta[i]
        }
        var solution = Solution(
            estimate: theta, solver: "closed form",
            reason:
                "the score equations are solved symbolically (each parameter appears linearly or as a single power in the numerator of its score)"
        )
        let display = Presentation(model: model).displayPilots
        for (symbol, expr) in solutions {
            guard case .parameter(let i) = symbol else { continue }
            let shown = expr.substituting(display).collectedByParameters()
            solution.closedForms.append(
                "\(hat(model.layout.slotName(i))) = \(shown.printed()) = \(Format.number(theta[i]))")
        }
        for i in 0..<model.layout.count {
            let transform = transformFor(model, i)
            switch transform.locate(theta[i]) {
            case .interior: continue
            case .boundary:
                solution.boundary[i] = boundaryNote(model, i, theta[i])
            case .outside:
                return .failure(
                    NoClosedForm(reason: InterpreterMessage.rootOutsideDomain(model.layout.slotName(i), theta[i])))
            }
        }
        if !solution.boundary.isEmpty, !(model.evaluate(theta, order: 0, withPrior: withPrior).value.isFinite) {
            let names = solution.boundary.keys.sorted().map {
                InterpreterMessage.edge(model.layout.slotName($0), theta[$0])
            }
            return .failure(NoClosedForm(reason: "unbounded", unbounded: names.joined(separator: ", ")))
        }
        let free = (0..<model.layout.count).filter { solution.boundary[$0] == nil }
        let hessian = model.evaluate(theta, order: 2, withPrior: withPrior).hessian
        if !free.isEmpty, case .failure = Uncertainty.covariance(hessian: hessian, free: free) {
            return .failure(NoClosedForm(reason: InterpreterMessage.stationaryPointNotMaximum))
        }
        return .success(solution)
    }

    /// p̂ for a one-letter name; "est. rate" for longer ones (a hat over the last letter misleads).
    func hat(_ name: String) -> String { name.count == 1 ? name + "\u{302}" : "est. \(name)" }

    func transformFor(_ model: BuiltModel, _ slot: Int) -> ParameterTransform {
        let entry = model.layout.owner(slot)
        return ParameterTransform(lower: entry?.lower, upper: entry?.upper)
    }

    func boundaryNote(_ model: BuiltModel, _ slot: Int, _ value: Double) -> String {
        let name = model.layout.slotName(slot)
        return InterpreterMessage.boundary(hat: hat(name), value: value, param: name)
    }

    func perRowDescription(_ model: BuiltModel) -> String {
        if !model.predictorDescriptions.isEmpty {
            return InterpreterMessage.linearPredictorInside(model.predictorDescriptions.values.sorted())
        }
        return InterpreterMessage.notPolynomialInData
    }
}
