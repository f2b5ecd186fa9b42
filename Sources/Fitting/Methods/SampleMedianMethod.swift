import LinearAlgebra
import Model
import Symbolic

/// The exact MLE of a family whose ℓ is piecewise linear in its location
/// (`Distribution.locationEstimate`, Laplace): μ̂ = the sample median, b̂ = the mean
/// absolute deviation from it. Newton's method does not apply (the score in μ is a
/// step function, its derivative 0 almost everywhere), so the standard errors come
/// from the expected information, n/b² for each of μ and b (uncorrelated).
///
/// Applies to one i.i.d. term `y ~ Family(μ, b)` whose location and scale are the
/// model's two params themselves, without weights, censoring, truncation or priors.
struct SampleMedianMethod: FitMethod {
    let title = FittingMessage.sampleMedianTitle

    func refusal(_ problem: FitProblem) -> String? {
        guard case .median(let l, let s)? = problem.model.terms.first?.family.locationEstimate,
            let slots = SampleMedianMethod.bareSlots(problem, [l, s])
        else { return FittingMessage.notApplicable }
        return slots.count == 2 ? nil : FittingMessage.notApplicable
    }

    /// The θ slots of the term's arguments at `indices` when the model is that one plain
    /// term and those arguments are distinct bare params covering the whole layout.
    static func bareSlots(_ problem: FitProblem, _ indices: [Int]) -> [Int]? {
        let model = problem.model
        guard model.terms.count == 1, let term = model.terms.first, !problem.withPrior, term.weight == nil,
            term.censored == nil, term.lower == nil, term.upper == nil, !term.response.dependsOnParameters
        else { return nil }
        var slots: [Int] = []
        for k in indices {
            guard k < term.arguments.count, case .parameter(let i)? = term.arguments[k].symbol else { return nil }
            slots.append(i)
        }
        guard Set(slots).count == slots.count, slots.count == model.layout.count else { return nil }
        return slots
    }

    func solve(_ problem: FitProblem) throws -> Solution {
        guard case .median(let l, let s)? = problem.model.terms.first?.family.locationEstimate,
            let slots = SampleMedianMethod.bareSlots(problem, [l, s])
        else { throw FitError.refused(FittingMessage.notApplicable) }
        let model = problem.model
        let y = (model.likelihood.perRow([model.terms[0].response], term: 0).first ?? []).sorted()
        guard !y.isEmpty else { throw FitError.refused(FittingMessage.notApplicable) }
        let n = y.count
        let median = n % 2 == 1 ? y[n / 2] : (y[n / 2 - 1] + y[n / 2]) / 2
        let deviation = Summation.mean(y.map { Swift.abs($0 - median) })
        guard deviation > 0 else {
            throw FitError(.unbounded, FittingMessage.allEqual(model.layout.slotName(slots[1])))
        }
        var theta = model.layout.start
        theta[slots[0]] = median
        theta[slots[1]] = deviation
        var solution = Solution(estimate: theta, method: title, reason: FittingMessage.sampleMedianReason)
        let (mu, b) = (model.layout.slotName(slots[0]), model.layout.slotName(slots[1]))
        solution.closedForms = [
            FittingMessage.closedForm(mu, FittingMessage.medianForm(n), median),
            FittingMessage.closedForm(b, FittingMessage.absoluteDeviationForm(mu), deviation),
        ]
        let variance = deviation * deviation / Double(n)
        var covariance = Matrix(rows: 2, columns: 2)
        covariance[0, 0] = variance
        covariance[1, 1] = variance
        solution.knownCovariance = (slots, covariance)
        solution.notes.append(FittingMessage.expectedInformation(mu, b))
        if n % 2 == 0 && y[n / 2 - 1] != y[n / 2] {
            solution.notes.append(FittingMessage.medianInterval(mu, y[n / 2 - 1], y[n / 2]))
        }
        return solution
    }
}
