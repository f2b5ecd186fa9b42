import Interrupt
import Model
import Solvers
import Symbolic

/// `fit` of a mixture, and `fit using em(tol: t, steps: k)`: EM derived from the
/// components (CompleteData: E-step responsibilities from their log-densities, in log
/// space; MStep: their weighted fits, in closed form where the score equations allow),
/// run until ℓ changes by less than `tol` per observation; the components put in order
/// of their location (label switching); then Newton's method on the marginal ℓ polishes
/// the optimum (EM converges only linearly) and the observed information of the
/// marginal likelihood gives the standard errors. A collapsing or empty component is
/// named (MixtureCheck) instead of returned as an estimate.
struct EMMethod: FitMethod {
    let title = FittingMessage.emTitle
    /// Stop when ℓ rises by less than tol·n in one iteration (scikit-learn's convention: the
    /// change of the mean log-likelihood; n = Σ weights). EM only needs to bring θ into the
    /// basin where Newton's method converges quadratically, so the default 10⁻⁸ is far looser
    /// than the final precision, which the polish provides: EM crawls where components overlap
    /// (thousands of iterations for London's deaths), Newton takes a few steps from there.
    let tolerance: Double
    let steps: Int
    /// How many runs of EM (the first from the declared start), and the random starts' seed.
    let starts: Int
    let seed: Int
    let askedFor: Bool

    static let options = ["tol", "steps", "starts", "seed"]

    init(options: [String: Double] = [:], askedFor: Bool = false) throws {
        let tol = options["tol"] ?? 1e-8
        guard tol > 0, tol.isFinite else { throw FitError(.invalidRequest, FittingMessage.emTolerance(tol)) }
        let k = options["steps"] ?? 10_000
        guard k >= 1, k == k.rounded(), k <= 10_000_000 else {
            throw FitError(.invalidRequest, FittingMessage.emSteps(k))
        }
        let runs = options["starts"] ?? 1
        guard runs >= 1, runs == runs.rounded(), runs <= 10_000 else {
            throw FitError(.invalidRequest, FittingMessage.emStarts(runs))
        }
        let seed = options["seed"] ?? 1
        guard seed >= 0, seed == seed.rounded(), seed < 1e15 else {
            throw FitError(.invalidRequest, FittingMessage.emSeed(seed))
        }
        tolerance = tol
        steps = Int(k)
        starts = Int(runs)
        self.seed = Int(seed)
        self.askedFor = askedFor
    }

    func refusal(_ problem: FitProblem) -> String? {
        CompleteData.inapplicability(problem.model).map(EMMethod.describe)
    }

    static func describe(_ why: CompleteData.Inapplicable) -> String {
        switch why {
        case .notAMixture(let t, let family): return FittingMessage.emNotAMixture(t, family)
        case .censoringUnsupported(let family): return FittingMessage.emCensoringUnsupported(family)
        case .truncated: return FittingMessage.emTruncated
        }
    }

    func solve(_ problem: FitProblem) throws -> Solution {
        let model = problem.model
        let data: CompleteData
        do { data = try CompleteData(model: model, withPrior: problem.withPrior) } catch {
            throw FitError.refused(EMMethod.describe(error))
        }
        let mStep = MStep(data, model.layout)
        if starts > 1 { return try EMStarts(method: self, problem: problem, data: data, mStep: mStep).solve() }
        return try fit(problem, data, mStep, from: nil)
    }

    /// One run of EM and its polish, from `start` (nil: the declared start values, or a split
    /// of the rows when they make the components identical).
    func fit(_ problem: FitProblem, _ data: CompleteData, _ mStep: MStep, from start: [Double]?) throws -> Solution {
        var run = EMRun(problem: problem, data: data, mStep: mStep, tolerance: tolerance, steps: steps)
        if let start { run.theta = start } else { try run.start() }
        try run.iterate()
        let (ordered, reordered) = run.ordered()
        var polish = Polish(problem: problem, first: run.history.count)
        let polished = try polish.run(from: ordered, check: run.check, sizes: run.last?.sizes ?? [])
        let (theta, reorderedAgain) = run.ordered(polished)
        let reason = askedFor ? FittingMessage.emAskedFor : FittingMessage.emReason(mStep.mStepDescription)
        var solution = Solution(estimate: theta, method: title, reason: reason)
        solution.closedForms = EMDerivation.lines(data, mStep)
        solution.iterations = run.history.count - 1 + polish.iterations
        solution.gradientNorm = polish.gradientNorm
        solution.history = run.history + polish.history
        solution.notes = run.notes + (reordered || reorderedAgain ? [run.reorderNote] : [])
        solution.notes.append(FittingMessage.emIterations(run.history.count - 1, newton: polish.iterations))
        if !run.converged { solution.notes.append(FittingMessage.emStoppedAtLimit(steps)) }
        solution.warnings += run.check.spurious(data.expectation(theta), theta)
        return solution
    }
}

extension MStep {
    var mStepDescription: String { isClosedForm ? FittingMessage.mStepClosedForm : FittingMessage.mStepNewton }
}

/// The E- and M-steps found for a model, as the report, `show em` and `derive` print them.
public enum EMDerivation {
    /// nil when EM does not apply to the model.
    public static func lines(_ model: StatisticalModel) -> [String]? {
        guard let data = try? CompleteData(model: model, withPrior: model.hasPriors) else { return nil }
        return lines(data, MStep(data, model.layout))
    }

    /// ℓ's score through the responsibilities (Fisher's identity, ∇ℓ(θ) = ∇Q(θ | θ)):
    /// ∂ℓ/∂θⱼ = Σᵢ wᵢ Σₖ rᵢₖ·∂aᵢₖ/∂θⱼ, with rᵢₖ at the same θ — the E-step's weights in the
    /// components' own scores. nil when EM does not apply.
    public static func score(_ model: StatisticalModel) -> [String]? {
        guard let data = try? CompleteData(model: model, withPrior: false) else { return nil }
        let store = model.store
        var lines = [FittingMessage.scoreThroughResponsibilities]
        for i in 0..<model.layout.count {
            var pieces: [Expr] = []
            for (t, parts) in data.components.enumerated() {
                var core = store.add(
                    parts.map { store.symbol($0.column) * $0.logJoint.derivative(withRespectTo: .parameter(i)) })
                if let w = model.terms[t].weight { core = w * core }
                pieces.append(core)
            }
            let name = model.layout.slotName(i)
            lines.append("∂ℓ/∂\(name) = " + pieces.map { $0.printedAsRowSum() }.joined(separator: " + "))
        }
        return lines
    }

    static func lines(_ data: CompleteData, _ mStep: MStep) -> [String] {
        var lines: [String] = []
        for (t, parts) in data.components.enumerated() {
            let y = data.model.terms[t].response.printedPerRow()
            lines.append(FittingMessage.eStep(parts.count, y))
            for part in parts {
                lines.append(FittingMessage.logJoint(part.index + 1, y, part.logJoint.printedPerRow()))
            }
        }
        return lines + mStep.formulas()
    }
}
