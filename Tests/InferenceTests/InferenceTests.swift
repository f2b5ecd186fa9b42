import Foundation
import LinearAlgebra
import Report
import Testing

@testable import Inference

struct InferenceTests {
    @Test("the 95% normal quantile is 1.959963984540054 (R: qnorm(0.975) = 1.9599639845400536)")
    func quantile() {
        #expect(abs(Uncertainty.normalQuantile() - 1.9599639845400536) < 1e-15)
    }

    @Test("covariance = (−H)⁻¹ for a negative definite Hessian, worked by hand")
    func covariance() throws {
        // −H = [[4, 2], [2, 3]], det 8, inverse [[3, −2], [−2, 4]]/8.
        let h = Matrix(rowVectors: [[-4, -2], [-2, -3]])
        let c = try Uncertainty.covariance(hessian: h, free: [0, 1]).get()
        #expect(abs(c[0, 0] - 0.375) < 1e-15 && abs(c[0, 1] + 0.25) < 1e-15 && abs(c[1, 1] - 0.5) < 1e-15)
        // The delta method for g = θ₁ + θ₂: ∇g = (1, 1), var = 0.375 − 0.5 + 0.5 = 0.375.
        #expect(abs(Uncertainty.deltaMethod(gradient: [1, 1], covariance: c) - 0.375.squareRoot()) < 1e-15)
    }

    @Test("a singular Hessian is reported with the flat direction; an indefinite one as indefinite")
    func identifiability() {
        // ℓ flat along (1, −1): −H = [[1, 1], [1, 1]].
        switch Uncertainty.covariance(hessian: Matrix(rowVectors: [[-1, -1], [-1, -1]]), free: [0, 1]) {
        case .success: Issue.record("expected a failure")
        case .failure(let p):
            #expect(!p.isIndefinite)
            #expect(abs(abs(p.direction[0]) - abs(p.direction[1])) < 1e-12 && p.direction[0] * p.direction[1] < 0)
        }
        switch Uncertainty.covariance(hessian: Matrix(rowVectors: [[-1, 0], [0, 2]]), free: [0, 1]) {
        case .success: Issue.record("expected a failure")
        case .failure(let p): #expect(p.isIndefinite)
        }
    }

    @Test("AIC and BIC by their definitions (coin: ℓ = 7 log 0.7 + 3 log 0.3, k = 1, n = 10)")
    func criteria() {
        let l = 7 * log(0.7) + 3 * log(0.3)
        #expect(abs(Uncertainty.aic(logLikelihood: l, parameters: 1) - (-2 * l + 2)) < 1e-14)
        #expect(abs(Uncertainty.bic(logLikelihood: l, parameters: 1, observations: 10) - (-2 * l + log(10))) < 1e-14)
        let (lo, hi) = Uncertainty.wald(0.7, 0.1)
        #expect(abs(lo - (0.7 - 0.19599639845400536)) < 1e-15 && abs(hi - (0.7 + 0.19599639845400536)) < 1e-15)
    }

    @Test("the report's text and JSON carry the same numbers")
    func report() {
        let r = FitReport(
            modelName: "", model: "flips ~ Bernoulli(p)", observations: 10, method: "closed form", reason: "why",
            refused: [], closedForms: ["p̂ = Σflips/n = 0.7"], iterations: nil, gradientNorm: nil, converged: true,
            rows: [
                .init(
                    name: "p", estimate: 0.7, standardError: 0.1449137674618944,
                    interval: (0.4159742349, 0.9840257651), note: nil)
            ],
            logLikelihood: -6.108643020548935, logPosterior: nil, aic: 14.21728604109787,
            bic: 14.51987115198779, parameterCount: 1, covariance: [[0.021]], notes: [])
        #expect(r.text.contains("p̂ = Σflips/n = 0.7"))
        #expect(r.text.contains("0.1449137675"))
        let json = r.json.serialized(indent: nil)
        #expect(json.contains("\"se\":0.1449137674618944"))
        #expect(json.contains("\"loglik\":-6.108643020548935"))
    }
}
