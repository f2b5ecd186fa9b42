import Diagnostics
import Foundation
import Inference
import LinearAlgebra
import Model
import Symbolic

extension Session {
    /// Least squares by pivoted QR when a Normal's mean is linear in the parameters,
    /// then σ̂² = RSS/n; with Normal(m, τ) priors and σ known, ridge by augmented rows.
    /// Returns nil (with the reason added) when it does not apply.
    func leastSquares(_ model: BuiltModel, reasons: inout [String], _ span: SourceSpan) throws -> Solution? {
        let (normal, other) = normalPriors(model)
        let design: Analysis.LinearDesign
        switch Analysis.linearDesign(model.likelihood, normalPriors: normal, otherPriors: other) {
        case .success(let d): design = d
        case .failure(let why):
            reasons.append(InterpreterMessage.leastSquaresDoesNotApply(why.reason))
            return nil
        }
        var x = design.matrix
        var y = design.response
        if let w = design.weights {
            for i in 0..<x.rows {
                let s = w[i].squareRoot()
                for j in 0..<x.columns { x[i, j] *= s }
                y[i] *= s
            }
        }
        let rows = x.rows
        if case .known(let sigma) = design.scale, !design.ridge.isEmpty {
            var augmented = x.elements
            for prior in design.ridge {
                guard let j = design.slots.firstIndex(of: prior.slot) else { continue }
                var row = [Double](repeating: 0, count: x.columns)
                row[j] = sigma / prior.sd
                augmented += row
                y.append(sigma / prior.sd * prior.mean)
            }
            x = Matrix(rows: y.count, columns: x.columns, elements: augmented)
        }
        guard let fit = LeastSquares(x: x, y: y) else {
            throw Diagnostic.internalError(InterpreterMessage.qrFailed, at: span)
        }
        if fit.rank < x.columns {
            let names = fit.dependentColumns.map { model.layout.slotName(design.slots[$0]) }
            throw Diagnostic.error(
                InterpreterMessage.collinearColumns(names, rank: fit.rank, columns: x.columns),
                at: span, help: InterpreterMessage.dropRedundantColumn)
        }
        var theta = model.layout.start
        for (j, slot) in design.slots.enumerated() { theta[slot] = fit.coefficients[j] }
        let weightSum = design.weights.map(Arithmetic.sum) ?? Double(rows)
        let sigma2: Double
        var solution = Solution(
            estimate: theta, solver: "least squares (pivoted QR)",
            reason:
                "the Normal mean is linear in its parameters, so the MLE minimises the residual sum of squares; solved by a column-pivoted QR, never forming XᵀX"
        )
        let coefficientNames = design.slots.map { hat(model.layout.slotName($0)) }.joined(separator: ", ")
        solution.closedForms.append("\(coefficientNames) = argmin Σᵢ (yᵢ − μᵢ)², from X·P = Q·R: R·z = Qᵀy")
        switch design.scale {
        case .parameter(let s):
            sigma2 = fit.residualSumOfSquares / weightSum
            theta[s] = sigma2.squareRoot()
            solution.estimate = theta
            solution.closedForms.append("\(hat(model.layout.slotName(s))) = √(RSS/n) = \(Format.number(theta[s]))")
        case .known(let sigma):
            sigma2 = sigma * sigma
            if !design.ridge.isEmpty {
                solution.solver = "ridge least squares (pivoted QR)"
                solution.reason =
                    "Normal priors on the coefficients with σ known make the MAP a penalised least-squares problem: rows √(σ²/τ²)·eⱼ are appended to X"
            }
        }
        if let unscaled = fit.unscaledCovariance {
            solution.knownCovariance = (design.slots, unscaled.map { $0 * sigma2 })
        }
        return solution
    }

    /// Normal(m, τ) priors with constant arguments, per slot; and whether any other prior is present.
    func normalPriors(_ model: BuiltModel) -> ([Analysis.NormalPrior], Bool) {
        var normal: [Analysis.NormalPrior] = []
        var other = false
        for entry in model.layout.entries {
            guard let dist = priors[entry.name] else { continue }
            let args = dist.arguments.compactMap { try? evaluate($0.value) }
            guard dist.name.text == "Normal", args.count == 2, case .number(let m) = args[0],
                case .number(let tau) = args[1]
            else {
                other = true
                continue
            }
            for k in 0..<entry.size { normal.append(Analysis.NormalPrior(slot: entry.offset + k, mean: m, sd: tau)) }
        }
        return (normal, other)
    }
}
