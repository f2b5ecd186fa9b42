import Diagnostics
import Foundation
import Inference
import LinearAlgebra
import Model
import Symbolic
import Syntax

extension Session {
    /// `derive`: the lesson's steps for the model, as mathematics — model, likelihood,
    /// log-likelihood, score, the solution, the second-derivative check, the standard errors.
    /// It fits the model (as `fit` would) and keeps the fit.
    func derive(_ name: Name?, _ span: SourceSpan) throws {
        let model = try builtModel(try resolveModel(name, span), span)
        try checkSize(model, span)
        let solution = try automatic(model, nil, span)
        let record = try infer(model, solution, span)
        let show = Presentation(model: model)
        let posterior = Presentation(model: model, includePrior: true)
        var steps: [String] = []
        steps.append(
            "1. Model. " + show.modelStatement().replacingOccurrences(of: "\n", with: "; ")
                + ", independent rows.")
        let factors = model.terms.map { t in
            "Πᵢ f(\(t.response.printedPerRow()) | " + t.arguments.map { $0.printedPerRow() }.joined(separator: ", ")
                + ")"
        }
        steps.append(
            "2. Likelihood. L(θ) = " + factors.joined(separator: " · ")
                + " — a product, never formed: we work with its log.")
        var perRow: [String] = []
        for t in model.terms {
            let core = (try? t.core()) ?? model.store.zero
            perRow.append("log f = " + core.printedPerRow())
        }
        steps.append(
            "3. Log-likelihood. For one row, " + perRow.joined(separator: "; ") + ". Summed over rows:\n   "
                + show.logLikelihood().replacingOccurrences(of: "\n", with: "\n   "))
        if model.hasPriors {
            let prior = model.logPrior.collectedByParameters().printed()
            steps.append(
                "3′. Priors \(model.priorNames.joined(separator: ", ")): log π(θ) = \(prior); the MAP estimate maximises ℓ + log π(θ)."
            )
        }
        steps.append(
            "4. Score (set to zero at the maximum):\n   "
                + posterior.score().replacingOccurrences(of: "\n", with: "\n   "))
        var solve = "5. Solve. \(solution.solver): \(solution.reason)."
        for form in solution.closedForms { solve += "\n   " + form }
        if let iterations = solution.iterations {
            solve +=
                "\n   \(iterations) iterations; at the estimate max |∇ℓ| = \(Format.number(solution.gradientNorm ?? 0, digits: 3))"
        }
        steps.append(solve)
        steps.append(
            "6. Second-derivative check:\n   " + posterior.hessian().replacingOccurrences(of: "\n", with: "\n   ")
                + "\n   " + curvatureCheck(model, record))
        steps.append(
            "7. Standard errors from the observed information I = −∇²ℓ(θ̂): se = √diag(I⁻¹).\n   "
                + record.report.rows.map { r in
                    "se(\(r.name)) = " + (r.standardError.map { Format.number($0) } ?? "— (\(r.note ?? "none"))")
                }.joined(separator: ", "))
        output(.report("derive: " + modelDescription(model) + "\n" + steps.joined(separator: "\n")))
        remember(record)
    }

    /// The Hessian's values at the estimate and whether it is negative definite.
    func curvatureCheck(_ model: BuiltModel, _ record: FitRecord) -> String {
        let h = model.evaluate(record.estimate, order: 2, withPrior: model.hasPriors).hessian
        let free = record.free
        var sub = Matrix(rows: free.count, columns: free.count)
        for (a, i) in free.enumerated() { for (b, j) in free.enumerated() { sub[a, b] = h[i, j] } }
        let shown =
            free.count == 1
            ? Format.number(sub[0, 0]) : Format.matrix(sub).replacingOccurrences(of: "\n", with: "\n   ")
        guard let (values, _) = sub.symmetricEigen(), !free.isEmpty else {
            return "at the estimate: no interior parameters"
        }
        let verdict =
            (values.last ?? 0) < 0
            ? "negative definite (eigenvalues \(values.map { Format.number($0, digits: 4) }.joined(separator: ", "))): a maximum"
            : "not negative definite"
        return "At the estimate ∇²ℓ = \(shown), \(verdict)."
    }
}
