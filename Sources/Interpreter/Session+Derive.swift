import Diagnostics
import Fitting
import LinearAlgebra
import Model
import Report
import Symbolic

extension Session {
    /// `derive`: the lesson's steps for the model, as mathematics — model, likelihood,
    /// log-likelihood, score, the solution, the second-derivative check, the standard
    /// errors. It fits the model (as `fit` would) and keeps the fit.
    func derive(_ name: String, _ span: SourceSpan) throws {
        let model = try builtModel(name, span)
        let record = try fitted(FitProblem(model: model), at: span, span)
        output(.derivation(Derivation(model: model.description, steps: steps(model, record), fit: record.report)))
        remember(record)
    }

    func steps(_ model: StatisticalModel, _ record: FitRecord) -> [Derivation.Step] {
        let show = Presentation(model: model)
        let posterior = Presentation(model: model, includePrior: true)
        let solution = record.outcome.solution
        var steps: [Derivation.Step] = []
        steps.append(
            .init(
                number: "1", title: "Model",
                lines: [
                    show.modelStatement().replacingOccurrences(of: "\n", with: "; ")
                        + ", independent rows."
                ]))
        let factors = model.terms.map { t in
            "Πᵢ f(\(t.response.printedPerRow()) | " + t.arguments.map { $0.printedPerRow() }.joined(separator: ", ")
                + ")"
        }
        steps.append(
            .init(
                number: "2", title: "Likelihood",
                lines: [
                    "L(θ) = " + factors.joined(separator: " · ") + " — a product, never formed: we work with its log."
                ]))
        let perRow = model.terms.map { "log f = " + ((try? $0.core()) ?? model.store.zero).printedPerRow() }
        steps.append(
            .init(
                number: "3", title: "Log-likelihood",
                lines: ["for one row, " + perRow.joined(separator: "; ") + "; summed over rows:"]
                    + show.logLikelihood().components(separatedBy: "\n")))
        if model.hasPriors {
            let prior = model.logPrior.collectedByParameters().printed()
            steps.append(
                .init(
                    number: "3′", title: "Priors",
                    lines: [
                        "\(model.priorNames.joined(separator: ", ")): log π(θ) = \(prior); the MAP estimate maximises ℓ + log π(θ)."
                    ]))
        }
        let mixtureScore = EMDerivation.score(model)
        steps.append(
            .init(
                number: "4", title: "Score (set to zero at the maximum)",
                lines: [""] + (mixtureScore ?? posterior.score().components(separatedBy: "\n"))))
        var solve = ["\(solution.method): \(solution.reason)."] + solution.closedForms
        if let iterations = solution.iterations {
            solve.append(
                "\(iterations) iterations; at the estimate max |∇ℓ| \(relation(solution.gradientNorm ?? 0))")
        }
        steps.append(.init(number: "5", title: "Solve", lines: solve))
        // A mixture's second derivatives written out run to pages; its check is the matrix's values.
        let hessian =
            mixtureScore == nil ? posterior.hessian().components(separatedBy: "\n") : [DeriveMessage.mixtureHessian]
        steps.append(
            .init(
                number: "6", title: "Second-derivative check",
                lines: [""] + hessian + curvatureCheck(record)))
        let errors = record.report.rows.map { r in
            "se(\(r.name)) = " + (r.standardError.map { NumberFormat.significant($0) } ?? "— (\(r.note ?? "none"))")
        }
        steps.append(
            .init(
                number: "7", title: "Standard errors",
                lines: ["from the observed information I = −∇²ℓ(θ̂): se = √diag(I⁻¹).", errors.joined(separator: ", ")]))
        return steps
    }

    /// "= 3.5e-5" or "< 1e-8" (a converged gradient's last bits depend on the machine).
    func relation(_ gradient: Double) -> String {
        let text = NumberFormat.magnitude(gradient)
        return text.hasPrefix("<") ? text : "= " + text
    }

    /// The Hessian's values at the estimate and whether it is negative definite.
    func curvatureCheck(_ record: FitRecord) -> [String] {
        guard let h = record.outcome.hessian else { return [InterpreterMessage.curvatureInBlocks] }
        let free = record.outcome.free
        var sub = Matrix(rows: free.count, columns: free.count)
        for (a, i) in free.enumerated() { for (b, j) in free.enumerated() { sub[a, b] = h[i, j] } }
        guard !free.isEmpty, let (values, _) = sub.symmetricEigen() else {
            return ["at the estimate: no interior parameters"]
        }
        // An entry below 1e-12 of its row's and column's curvature is zero to rounding (a cross
        // term that vanishes at the MLE, like ∂²ℓ/∂μ∂σ): shown as 0, not as noise like 2.5e-15.
        let rows = (0..<sub.rows).map { i in
            (0..<sub.columns).map { j in
                abs(sub[i, j]) < 1e-12 * (abs(sub[i, i]) * abs(sub[j, j])).squareRoot() ? 0 : sub[i, j]
            }
        }
        let shown = PrintedValue.matrix(rows).text.components(separatedBy: "\n")
        let eigen = values.map { NumberFormat.significant($0, digits: 4) }.joined(separator: ", ")
        let verdict =
            (values.last ?? 0) < 0 ? "negative definite (eigenvalues \(eigen)): a maximum" : "not negative definite"
        if free.count == 1 { return ["At the estimate ∇²ℓ = \(NumberFormat.significant(sub[0, 0])), \(verdict)."] }
        return ["At the estimate ∇²ℓ ="] + shown + [verdict + "."]
    }
}
