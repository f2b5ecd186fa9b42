import Fitting
import Model

/// The two measurements the whole-fit benchmarks (glm, nls) take on a built model: one fused
/// pass of ℓ, ∇ℓ and ∇²ℓ over the rows, and the automatic fit from a clean evaluation cache
/// with its evaluation counters.
enum FitTiming {
    /// The best of 5 passes (ℓ, ∇ℓ, ∇²ℓ) at θ, each reading the rows afresh, after one pass that
    /// compiles the tape and warms the caches.
    static func pass(_ likelihood: LogLikelihood, at theta: [Double], order: Int = 2) -> Double {
        _ = likelihood.evaluate(theta, order: order)
        return best(5) {
            likelihood.forgetEvaluations()
            _ = likelihood.evaluate(theta, order: order)
        }
    }

    /// The automatic fit, timed once with the cache emptied and the counters zeroed first: its
    /// outcome, seconds and what it asked of ℓ; nil (having printed why) when it failed.
    static func fit(_ model: StatisticalModel) -> (
        outcome: FitOutcome, seconds: Double, counts: EvaluationCounters.Snapshot
    )? {
        let likelihood = model.likelihood
        likelihood.forgetEvaluations()
        likelihood.counters.reset()
        var outcome: FitOutcome?
        var failure = ""
        let fit = seconds {
            do { outcome = try Fitter.fit(FitProblem(model: model)) } catch { failure = "\(error)" }
        }
        guard let outcome else {
            print("fit failed: \(failure)")
            return nil
        }
        return (outcome, fit, likelihood.counters.snapshot)
    }
}
