import Foundation
import Testing

@testable import Symbolic

/// The sufficient statistics and closed forms of the four textbook models, found
/// by the engine from their per-row log-densities (nothing here is looked up).
struct StatisticsTests {
    let s = ExprStore()
    var x: Expr { s.symbol(.column(0), name: "x") }
    var mu: Expr { s.symbol(.parameter(0), name: "μ") }
    var sigma: Expr { s.symbol(.parameter(1), name: "σ") }
    var p: Expr { s.symbol(.parameter(0), name: "p") }

    static let gauss = [4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1]

    /// Numeric values of the statistics (centred at the pilots) for data in one column.
    func values(_ form: StatisticalForm, _ data: [Double]) -> [Symbol: Double] {
        var v: [Symbol: Double] = [.count(0): Double(data.count)]
        var pilotValues: [Double] = []
        for (k, pilot) in form.pilots.enumerated() {
            let atom = data.map { form.atoms[k].evaluate([:], rows: RowValues(count: 1, columns: [.column(0): [$0]])) }
            _ = atom
            let c = pilot == nil ? 0 : data.reduce(0, +) / Double(data.count)
            pilotValues.append(c)
            if let pilot { v[pilot] = c }
        }
        for stat in form.statistics where !stat.isConstantPart {
            v[stat.symbol] = data.map { y in
                stat.powers.reduce(1.0) { acc, p in acc * Foundation.pow(y - pilotValues[p.atom], Double(p.power)) }
            }.reduce(0, +)
        }
        return v
    }

    @Test("Gaussian: statistics n, Σx, Σx² and the closed forms μ̂ = Σx/n, σ̂² = Σx²/n − (Σx/n)²")
    func gaussian() throws {
        s.positive = [.parameter(1)]
        let core = -log(sigma) - 0.5 * Foundation.log(2 * Double.pi) - (x - mu).squared / (2 * sigma.squared)
        let form = SufficientStatistics.factor(core)
        #expect(form.remainder == nil)
        #expect(form.statistics.map { s.name(of: $0.symbol) } == ["Σx", "Σx²"])
        let v = values(form, Self.gauss)
        // ℓ at μ = 4, σ = σ̂: reference value from the issue (and R: sum(dnorm(x, 4, sqrt(mean((x-mean(x))^2)), log=TRUE)))
        var at = v
        at[.parameter(0)] = 4.0
        at[.parameter(1)] = 0.6315853069855251
        #expect(close(form.value.evaluate(at), -22.380575366438396, relative: 1e-13))
        let solutions = try ScoreSolver.solve(
            form.value,
            for: [
                .init(symbol: .parameter(0), positive: false), .init(symbol: .parameter(1), positive: true),
            ]
        ).get()
        let muHat = solutions.first { $0.0 == .parameter(0) }!.1
        let sigmaHat = solutions.first { $0.0 == .parameter(1) }!.1
        #expect(close(muHat.evaluate(v), 5.01, relative: 1e-14))
        #expect(close(sigmaHat.evaluate(v), 0.6315853069855251, relative: 1e-14))
        let shown = muHat.substituting(
            Dictionary(uniqueKeysWithValues: form.pilots.compactMap { $0 }.map { ($0, 0.0) }))
        #expect(shown.printed() == "Σx/n")
    }

    @Test("Gaussian near 10⁷: σ̂ keeps ten digits (centred statistics, no cancellation)")
    func gaussianStability() throws {
        s.positive = [.parameter(1)]
        let core = -log(sigma) - (x - mu).squared / (2 * sigma.squared)
        let form = SufficientStatistics.factor(core)
        let data = Self.gauss.map { $0 + 1e7 }
        let solutions = try ScoreSolver.solve(
            form.value,
            for: [
                .init(symbol: .parameter(0), positive: false), .init(symbol: .parameter(1), positive: true),
            ]
        ).get()
        let sigmaHat = solutions.first { $0.0 == .parameter(1) }!.1.evaluate(values(form, data))
        // Exact σ̂ of the float64 values (rational arithmetic, Scripts/data/reference REFERENCE.md §7): 0.63158530663811425
        #expect(close(sigmaHat, 0.63158530663811425, relative: 1e-10))
    }

    @Test("Bernoulli: ℓ = S·log p + (n − S)·log(1 − p), p̂ = Σx/n")
    func coin() throws {
        s.positive = []
        let core = x * log(p) + (1 - x) * log(1 - p)
        let form = SufficientStatistics.factor(core)
        #expect(form.remainder == nil)
        #expect(form.statistics.count == 1)
        let solution = try ScoreSolver.solve(form.value, for: [.init(symbol: .parameter(0), positive: false)]).get()
        #expect(solution[0].1.printed() == "Σx/n")
        let v: [Symbol: Double] = [.count(0): 10, form.statistics[0].symbol: 7]
        #expect(solution[0].1.evaluate(v) == 0.7)
    }

    @Test("Poisson and Exponential: λ̂ = Σx/n and λ̂ = n/Σx")
    func rates() throws {
        let lambda = s.symbol(.parameter(0), name: "λ")
        s.positive = [.parameter(0)]
        let poisson = SufficientStatistics.factor(x * log(lambda) - lambda - lgamma(x + 1))
        #expect(poisson.statistics.count == 2)  // Σx and the constant Σ log Γ(x + 1)
        let pSolution = try ScoreSolver.solve(poisson.value, for: [.init(symbol: .parameter(0), positive: true)]).get()
        #expect(pSolution[0].1.printed() == "Σx/n")
        let exponential = SufficientStatistics.factor(log(lambda) - lambda * x)
        let eSolution = try ScoreSolver.solve(exponential.value, for: [.init(symbol: .parameter(0), positive: true)])
            .get()
        #expect(eSolution[0].1.printed() == "n/Σx")
    }

    @Test("Gamma: log x and x are both atoms (one inside the other) — statistics n, Σx, Σ log x, no per-row part")
    func gammaAtoms() {
        let alpha = s.symbol(.parameter(0), name: "α")
        let beta = s.symbol(.parameter(1), name: "β")
        let core = alpha * log(beta) - lgamma(alpha) + (alpha - 1) * log(x) - beta * x
        let form = SufficientStatistics.factor(core)
        #expect(form.remainder == nil)
        #expect(Set(form.statistics.map { s.name(of: $0.symbol) }) == ["Σx", "Σ log x"])
    }
}
