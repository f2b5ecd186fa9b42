import Diagnostics

/// Where a long fit has got to: sent to `Session.onProgress` on each iteration the solver
/// reports (thinned like `fit … trace` for a long run), and `finished` when the fit ends,
/// whether it succeeded or not. A terminal front end shows it in place; nothing of it goes
/// into the results (text or JSON), which stay the same whether or not anyone listens.
public enum FitProgress: Sendable, Equatable {
    case iteration(model: String, number: Int, logLikelihood: Double, gradientNorm: Double)
    case finished

    /// "fitting m: iteration 7, ℓ = −553918.9780, max |∇ℓ| = 3.21e-05", in the words of `fit … trace`.
    public var line: String? {
        guard case .iteration(let model, let number, let value, let gradient) = self else { return nil }
        return InterpreterMessage.progress(
            model: model, iteration: number, logLikelihood: value, gradientNorm: gradient)
    }
}
