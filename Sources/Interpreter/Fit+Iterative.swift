import Diagnostics
import Foundation
import Inference
import Interrupt
import LinearAlgebra
import Model
import Solvers
import Symbolic
import Syntax

extension Session {
    /// Newton with the exact Hessian, in unconstrained coordinates, from the start values.
    func newton(_ model: BuiltModel, reason: String, _ trace: ((Iteration) -> Void)?, _ span: SourceSpan) throws
        -> Solution
    {
        let transforms = (0..<model.layout.count).map { transformFor(model, $0) }
        let objective = UnconstrainedObjective(
            inner: ModelObjective(model: model, withPrior: model.hasPriors), transforms: transforms)
        let start = zip(transforms, model.layout.start).map { $0.u($1) }
        var newton = Newton()
        newton.onIteration = trace
        let result = newton.maximize(objective, from: start)
        if result.status == .interrupted { throw Interrupted() }
        let theta = objective.theta(result.x)
        try checkSeparation(model, theta, span)
        let coordinates = transforms.enumerated().filter { !$0.element.isIdentity }
            .map { $0.element.describe(model.layout.slotName($0.offset)) }
        var solution = Solution(
            estimate: theta, solver: "Newton's method (exact Hessian, line search)",
            reason: reason
                + (coordinates.isEmpty
                    ? "" : "; iterated in unconstrained coordinates " + coordinates.joined(separator: ", ")))
        solution.iterations = result.iterations
        solution.gradientNorm = ModelObjective(model: model, withPrior: model.hasPriors).evaluate(theta, order: 1)
            .gradient.map(abs).max()
        for (i, u) in result.x.enumerated() where !transforms[i].isIdentity && abs(u) > 30 {
            // At the edge: does ℓ level off there (a boundary maximum, like p̂ = 1) or keep
            // growing (an unbounded likelihood, like σ → 0 on one observation)?
            var back = result.x
            back[i] = u - 5 * (u > 0 ? 1 : -1)
            let rise = result.value - objective.evaluate(back, order: 0).value
            if !result.value.isFinite || rise > 1 {
                let edge = transforms[i].theta(u > 0 ? .infinity : -.infinity)
                throw unboundedLikelihood(InterpreterMessage.edge(model.layout.slotName(i), edge), span)
            }
            solution.boundary[i] = boundaryNote(model, i, theta[i])
        }
        if result.status != .converged && solution.boundary.isEmpty {
            throw Diagnostic.error(
                InterpreterMessage.notConverged(
                    result.status, iterations: result.iterations, value: result.value,
                    gradient: result.gradientNorm),
                at: span, help: InterpreterMessage.notConvergedHelp)
        }
        return solution
    }

    /// fit using gradient(lr: a, steps: k): θ ← θ + a·∇ℓ(θ), k times, in θ's own coordinates.
    func gradientAscent(_ model: BuiltModel, _ options: [Argument], _ trace: ((Iteration) -> Void)?, _ span: SourceSpan)
        throws -> Solution
    {
        func option(_ name: String) throws -> Double {
            guard let arg = options.first(where: { $0.label?.text == name }) else {
                throw Diagnostic.error(InterpreterMessage.gradientNeedsOption(name), at: span)
            }
            return try number(numeric(evaluate(arg.value), arg.value.span), arg.value)
        }
        let lr = try option("lr")
        let steps = try option("steps")
        guard lr > 0, lr.isFinite else { throw Diagnostic.error(InterpreterMessage.learningRate(lr), at: span) }
        guard steps >= 1, steps == steps.rounded(), steps <= 10_000_000 else {
            throw Diagnostic.error(InterpreterMessage.steps(steps), at: span)
        }
        var solution0Warning: String?
        var ascent = GradientAscent(learningRate: lr, steps: Int(steps))
        ascent.onIteration = trace
        let objective = ModelObjective(model: model, withPrior: model.hasPriors)
        let result = ascent.maximize(objective, from: model.layout.start)
        if result.status == .interrupted { throw Interrupted() }
        if result.status == .notFinite
            || (0..<model.layout.count).contains(where: { transformFor(model, $0).locate(result.x[$0]) != .interior })
        {
            throw Diagnostic.error(
                InterpreterMessage.leftDomain(steps: result.iterations), at: span,
                help: InterpreterMessage.smallerLearningRate)
        }
        if let separated = separation(model, result.x, span, quasi: false) {
            solution0Warning = InterpreterMessage.separatedWhileAscending(separated.message)
        }
        var solution = Solution(
            estimate: result.x, solver: "gradient ascent (lr = \(Format.number(lr)), \(Int(steps)) steps)",
            reason: "plain gradient ascent was asked for: θ ← θ + lr·∇ℓ(θ), from the start values")
        solution.iterations = result.iterations
        solution.gradientNorm = result.gradientNorm
        if let w = solution0Warning { solution.warnings.append(w) }
        let start = result.history.first?.value ?? result.value
        if result.value < start {
            solution.warnings.append(InterpreterMessage.ascentMadeWorse(from: start, to: result.value, lr: lr))
        } else if result.gradientNorm > 1e-4 * max(1, abs(result.value)) {
            solution.warnings.append(
                InterpreterMessage.ascentNotAtMaximum(steps: Int(steps), gradientNorm: result.gradientNorm))
        }
        return solution
    }

    /// Perfect separation in a logistic model: if some coefficients put every row on its own
    /// side (y = 1 where t > 0, y = 0 where t < 0), the likelihood rises towards 1 without
    /// bound along them and the MLE does not exist.
    func checkSeparation(_ model: BuiltModel, _ theta: [Double], _ span: SourceSpan) throws {
        if let d = separation(model, theta, span, quasi: false) { throw d }
    }

    /// Perfect separation in a logistic model, or nil. Complete: some coefficients put every
    /// row on its own side (y = 1 where the linear predictor t > 0, y = 0 where t < 0), so ℓ
    /// rises towards 0 without bound along them. Quasi-complete (asked for when the Hessian
    /// turned out singular): every row is on its side or on the dividing line (|t| small),
    /// some far from it. Either way the MLE does not exist.
    func separation(_ model: BuiltModel, _ theta: [Double], _ span: SourceSpan, quasi: Bool) -> Diagnostic? {
        for (t, term) in model.terms.enumerated() where term.family.name == "Bernoulli" && term.weight == nil {
            guard let (f, args) = term.arguments[0].application, f == .sigmoid else { continue }
            let linear = args[0]
            var values: [Symbol: Expr] = [:]
            for (i, x) in theta.enumerated() { values[.parameter(i)] = model.store.constant(x) }
            var bound = linear.substituting(values)
            var extra: [Symbol: [Double]] = [:]
            for p in model.likelihood.predictors where linear.depends(on: p.symbol) {
                let column = Symbol.column(100_000 + p.symbol.predictorIndex)
                extra[column] = p.matrix * Array(theta[p.offset..<(p.offset + p.length)])
                bound = bound.substituting([p.symbol: model.store.symbol(column)])
            }
            let per = model.likelihood.perRow([bound, term.response], term: t, extraColumns: extra)
            guard per.count == 2 else { continue }
            let margins = zip(per[0], per[1]).map { (eta, y) in (2 * y - 1) * eta }
            let complete = margins.allSatisfy { $0 > 0 }
            let onTheLine = zip(margins, per[0]).allSatisfy { $0.0 > 0 || abs($0.1) < 3 }
            guard complete || (quasi && onTheLine && margins.contains { $0 > 8 }) else { continue }
            let slots =
                linear.symbols.compactMap { s -> Int? in if case .parameter(let i) = s { return i } else { return nil }
                }
                + model.likelihood.predictors.filter { linear.depends(on: $0.symbol) }.flatMap { p in
                    (0..<p.length).map { p.offset + $0 }
                }
            let norm = slots.map { theta[$0] * theta[$0] }.reduce(0, +).squareRoot()
            let direction = slots.sorted().map {
                "\(model.layout.slotName($0)) \(Format.number(theta[$0] / norm, digits: 3))"
            }
            return .error(
                InterpreterMessage.separation(direction: direction, complete: complete), at: span,
                help: InterpreterMessage.separationHelp(param: model.layout.entries.last?.name ?? "w"))
        }
        return nil
    }

}

extension Symbol {
    var predictorIndex: Int {
        if case .predictor(let k) = self { return k }
        return 0
    }
}
