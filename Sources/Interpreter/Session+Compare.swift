import Checker
import Diagnostics
import Fitting
import Inference
import Report

extension Session {
    /// `compare m0, m1, …`: the kept fits side by side — n, k, ℓ̂, AIC, AICc, BIC, ΔAIC and
    /// Akaike weights — and a likelihood-ratio test for each nested pair, the others with
    /// the reason they have none. Models fitted to different data are refused: then no
    /// comparison of their likelihoods means anything.
    func runCompare(_ compare: CheckedCompare, _ span: SourceSpan) throws {
        let records = try compare.models.map { name -> FitRecord in
            guard let fit = fits[name] else {
                throw Diagnostic.error(InterpreterMessage.modelNotFitted(name), at: span)
            }
            return fit
        }
        var pairs: [Comparison.Pair] = []
        for i in records.indices {
            for j in records.indices where j > i {
                let (a, b) = (records[i].outcome, records[j].outcome)
                let relation = Nesting.relation(a, b)
                if case .differentData(let why) = relation {
                    throw Diagnostic.error(
                        InterpreterMessage.compareDifferentData(compare.models[i], compare.models[j], why), at: span)
                }
                pairs.append(pair(a, b, relation, compare.models[i], compare.models[j]))
            }
        }
        let (deltas, weights) = Criteria.akaikeWeights(records.map(\.outcome.aic))
        let models = records.enumerated().map { k, r in
            let o = r.outcome
            return Comparison.Model(
                name: compare.models[k], description: o.model.description, observations: o.observations,
                parameters: o.parameterCount, logLikelihood: o.logLikelihood, aic: o.aic,
                aicc: Criteria.aicc(aic: o.aic, parameters: o.parameterCount, observations: o.observations),
                bic: o.bic, deltaAIC: deltas[k], weight: weights[k])
        }
        var notes = [InterpreterMessage.akaikeWeights]
        if records.contains(where: { $0.model.hasPriors }) { notes.append(InterpreterMessage.compareMAP) }
        output(.comparison(Comparison(models: models, pairs: pairs, notes: notes)))
    }

    /// The test for one pair, or why there is none.
    func pair(_ a: FitOutcome, _ b: FitOutcome, _ relation: Nesting.Relation, _ na: String, _ nb: String)
        -> Comparison.Pair
    {
        switch relation {
        case .nested(let restricted, let df, let boundary, let fixedAt):
            let (small, large) = restricted == 0 ? (a, b) : (b, a)
            let test = LikelihoodRatioTest(
                restricted: small.logLikelihood, full: large.logLikelihood, degreesOfFreedom: df,
                boundaryRestrictions: boundary)
            return Comparison.Pair(
                restricted: restricted == 0 ? na : nb, full: restricted == 0 ? nb : na,
                test: Comparison.Test(
                    statistic: test.statistic, degreesOfFreedom: df, boundary: test.boundaryRestrictions,
                    mixtureWeights: LikelihoodRatioTest.mixtureWeights(boundary: test.boundaryRestrictions),
                    p: test.p, fixedAt: fixedAt),
                refusal: nil)
        case .equivalent:
            return Comparison.Pair(restricted: na, full: nb, test: nil, refusal: InterpreterMessage.equivalent(na, nb))
        case .notNested(let why), .differentData(let why):
            return Comparison.Pair(restricted: na, full: nb, test: nil, refusal: why)
        }
    }
}
