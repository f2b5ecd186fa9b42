import Interrupt
import Model
import Solvers

/// `fit using gradient(lr: a, steps: k)`: θ ← θ + a·∇ℓ(θ), exactly k times from the
/// start values, in θ's own coordinates (Grammar.md §5.3: on ℓ, the sum, not the mean).
/// For teaching: no line search, no convergence test; the report says how far from
/// the maximum it stopped.
struct GradientAscentMethod: FitMethod {
    let learningRate: Double
    let steps: Int
    var title: String { FittingMessage.gradientTitle(lr: learningRate, steps: steps) }

    init(options: [String: Double]) throws {
        guard let lr = options["lr"] else {
            throw FitError(.invalidRequest, FittingMessage.missingOption("lr", of: "gradient"))
        }
        guard let k = options["steps"] else {
            throw FitError(.invalidRequest, FittingMessage.missingOption("steps", of: "gradient"))
        }
        guard lr > 0, lr.isFinite else { throw FitError(.invalidRequest, FittingMessage.learningRate(lr)) }
        guard k >= 1, k == k.rounded(), k <= 10_000_000 else {
            throw FitError(.invalidRequest, FittingMessage.steps(k))
        }
        learningRate = lr
        steps = Int(k)
    }

    func refusal(_ problem: FitProblem) -> String? { nil }

    func solve(_ problem: FitProblem) throws -> Solution {
        let model = problem.model
        var ascent = GradientAscent(learningRate: learningRate, steps: steps)
        ascent.onIteration = problem.onIteration.map { sink in TraceFilter(total: steps, sink: sink).callAsFunction }
        let objective = ModelObjective(model: model, withPrior: problem.withPrior)
        let result = ascent.maximize(objective, from: model.layout.start)
        if result.status == .interrupted { throw Interrupted() }
        let transforms = model.layout.transforms
        if result.status == .notFinite || zip(transforms, result.x).contains(where: { $0.locate($1) != .interior }) {
            throw FitError(
                .leftDomain, FittingMessage.leftDomain(steps: result.iterations),
                help: FittingMessage.smallerLearningRate)
        }
        var solution = Solution(estimate: result.x, method: title, reason: FittingMessage.gradientAskedFor)
        solution.iterations = result.iterations
        solution.gradientNorm = result.gradientNorm
        solution.history = result.history
        if let separated = SeparationCheck.check(model, result.x, quasi: false) {
            solution.warnings.append(FittingMessage.separatedWhileAscending(separated.message))
        }
        let start = result.history.first?.value ?? result.value
        if result.value < start {
            solution.converged = false
            solution.warnings.append(FittingMessage.ascentMadeWorse(from: start, to: result.value, lr: learningRate))
        } else if result.gradientNorm > 1e-4 * max(1, abs(result.value)) {
            solution.converged = false
            solution.warnings.append(
                FittingMessage.ascentNotAtMaximum(steps: steps, gradientNorm: result.gradientNorm))
        }
        return solution
    }
}
