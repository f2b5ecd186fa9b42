import Foundation
import Testing

@testable import Model
@testable import Symbolic

/// Each family's Fisher information in its own arguments against −E[∂² log f] computed
/// independently by quadrature or summation of central second differences of scipy's log
/// densities (Scripts/data/reference/scripts/inference.py, keys fisher.*; those are good to
/// ~1e-7, so the tolerance is 1e-6 relative to the largest entry).
struct FisherInformationTests {
    func check(_ family: any Distribution, _ arguments: [Double], _ reference: [Double], only: [Int]? = nil) {
        let store = ExprStore()
        guard let info = family.fisherInformation(arguments.map { store.constant($0) }) else {
            Issue.record("\(family.name) has no Fisher information")
            return
        }
        let indices = only ?? Array(arguments.indices)
        let values = indices.flatMap { j in indices.map { k in info[j][k].evaluate([:]) } }
        let scale = reference.map(abs).max() ?? 1
        for (v, r) in zip(values, reference) {
            #expect(abs(v - r) <= 1e-6 * scale, "\(family.name): \(values) vs \(reference)")
        }
    }

    @Test("the families' Fisher information against quadrature")
    func families() {
        check(Normal(), [1, 2], [0.25000000010471823, 0, 0, 0.5000000101633089])
        check(Bernoulli(), [0.3], [4.761905559313995])
        check(Poisson(), [2.5], [0.4000000047012884])
        check(Exponential(), [1.7], [0.34602076372192175])
        check(
            BetaDistribution(), [2, 3],
            [0.4236110921721049, -0.2213229710659086, -0.2213229710659086, 0.1736111040032021])
        check(
            GammaDistribution(), [2.5, 1.5],
            [0.49035775505227047, -0.6666666666673681, -0.6666666666673681, 1.1111111219569665])
        check(Binomial(), [7, 0.3], [33.33333891185801], only: [1])
    }
}
