import Checker
import Diagnostics
import Fitting
import Inference
import LinearAlgebra
import Model
import Symbolic
import Syntax

extension Session {
    /// se() of a per-row formula (a prediction, `sigmoid(b + w·te[x1, x2])`): for each row,
    /// √(∇gᵢᵀ Σ ∇gᵢ) with ∇gᵢ the gradient of row i's value in the params at the estimate
    /// (R's predict(se.fit = TRUE), on whichever scale the formula is written: link or
    /// response). The formula is lowered over its own rows (any data of that length), so it
    /// need not be the data the model was fitted to.
    func perRowDeltaMethod(_ e: ExpressionSyntax, _ fit: FitRecord, rows: Int, _ span: SourceSpan) throws -> Value {
        let layout = fit.model.layout
        let store = ExprStore()
        var lowering = Lowering(session: self, store: store, layout: layout)
        lowering.rows = rows
        let g = try lowering.lower(e)
        guard let c = fit.outcome.covariance else { throw Diagnostic.error(InterpreterMessage.noCovariance, at: span) }
        // ∂g/∂θₛ for every slot, ∂g/∂ηₚ for every linear predictor; then θ̂ and η̂ = X·ŵ put in.
        var derivatives = (0..<layout.count).map { g.derivative(withRespectTo: .parameter($0)) }
        derivatives += lowering.predictors.map { g.derivative(withRespectTo: $0.symbol) }
        var values: [Symbol: Expr] = [:]
        for (i, x) in fit.estimate.enumerated() { values[.parameter(i)] = store.constant(x) }
        var columns = lowering.columns
        var replacements: [Symbol: Expr] = [:]
        for p in lowering.predictors {
            let column = Symbol.column(4_000_000 + p.index)
            columns[column] = p.matrix * Array(fit.estimate[p.slots])
            replacements[p.symbol] = store.symbol(column)
        }
        let bound = derivatives.map { $0.substituting(values).substituting(replacements) }
        guard let perRow = RowValues.evaluate(bound, rows: rows, columns: columns) else {
            throw Diagnostic.internalError(InterpreterMessage.unchecked("per-row values of a prediction"), at: span)
        }
        var ses = [Double](repeating: 0, count: rows)
        for i in 0..<rows {
            var gradient = (0..<layout.count).map { perRow[$0][i] }
            for (q, p) in lowering.predictors.enumerated() {
                let d = perRow[layout.count + q][i]
                for j in 0..<p.length { gradient[p.offset + j] += d * p.matrix[i, j] }
            }
            for (slot, d) in gradient.enumerated() where d != 0 && fit.outcome.onBoundary[slot] {
                _ = try standardError(slot: slot, fit, e)
            }
            let nonzero = gradient.enumerated().filter { $0.element != 0 }.map { (slot: $0.offset, value: $0.element) }
            ses[i] = c.quadraticForm(nonzero).squareRoot()
        }
        return .vector(ses)
    }
}
