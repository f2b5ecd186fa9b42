import Foundation
import LinearAlgebra
import SeededRandom
import Testing

@testable import Model

/// The unconstrained coordinates: θ(u(θ)) = θ, a simplex row stays on the simplex, and
/// the chain rule (∇ᵤ = Jᵀ∇θ, ∇²ᵤ = Jᵀ∇²θJ + Σₖ gₖ∇²θₖ) against central differences of
/// f(θ(u)) for an f with a known gradient and Hessian.
struct ParameterCoordinatesTests {
    /// σ > 0, p : simplex[3], q ∈ (0, 2), P : simplex[2, 2]: 1 + 3 + 1 + 4 = 9 slots, 1 + 2 + 1 + 2 = 6 coordinates.
    let layout = ParameterLayout(entries: [
        .init(name: "σ", offset: 0, length: nil, lower: 0, upper: nil, start: [1]),
        .init(
            name: "p", offset: 1, length: 3, lower: 0, upper: 1, start: [0.2, 0.3, 0.5],
            shape: .simplex(rows: nil, outcomes: 3)),
        .init(name: "q", offset: 4, length: nil, lower: 0, upper: 2, start: [1]),
        .init(
            name: "P", offset: 5, length: 4, lower: 0, upper: 1, start: [0.5, 0.5, 0.5, 0.5],
            shape: .simplex(rows: 2, outcomes: 2)),
    ])

    /// f(θ) = Σ aᵢθᵢ + Σ bᵢθᵢ² + θ₁θ₃θ₈, with its exact gradient and Hessian.
    func f(_ t: [Double]) -> (Double, [Double], Matrix) {
        let a = [0.7, -1.1, 2.0, 0.4, -0.6, 1.5, 0.3, -0.9, 0.2]
        let b = [-0.5, 0.8, -1.2, 0.3, -0.7, 0.6, -0.4, 0.9, -0.2]
        var value = 0.0
        var g = [Double](repeating: 0, count: 9)
        var h = Matrix(rows: 9, columns: 9)
        for i in 0..<9 {
            value += a[i] * t[i] + b[i] * t[i] * t[i]
            g[i] = a[i] + 2 * b[i] * t[i]
            h[i, i] = 2 * b[i]
        }
        value += t[1] * t[3] * t[8]
        g[1] += t[3] * t[8]
        g[3] += t[1] * t[8]
        g[8] += t[1] * t[3]
        for (i, j, k) in [(1, 3, 8), (1, 8, 3), (3, 8, 1)] {
            h[i, j] += t[k]
            h[j, i] += t[k]
        }
        return (value, g, h)
    }

    /// ∇ᵤ and ∇²ᵤ of f(θ(u)) at u by the chain rule against central differences of f(θ(u)).
    /// With h = 1e-5 and f ~ 1: the gradient's truncation ~1e-10 and rounding ~1e-11; the second
    /// differences' rounding ~ε·f/h² ≈ 1e-6, hence 1e-5 for the Hessian.
    func expectChainRule(_ c: ParameterCoordinates, at u: [Double]) {
        let (_, g, h) = f(c.theta(u))
        let gu = c.gradient(u, g)
        let hu = c.hessian(u, g, h)
        let fu = { (v: [Double]) in self.f(c.theta(v)).0 }
        let step = 1e-5
        for a in u.indices {
            var (up, down) = (u, u)
            up[a] += step
            down[a] -= step
            #expect(abs(gu[a] - (fu(up) - fu(down)) / (2 * step)) < 1e-8, "∂f/∂u\(a)")
            for b in u.indices {
                var (pp, pm, mp, mm) = (u, u, u, u)
                pp[a] += step
                pp[b] += step
                pm[a] += step
                pm[b] -= step
                mp[a] -= step
                mp[b] += step
                mm[a] -= step
                mm[b] -= step
                let second = (fu(pp) - fu(pm) - fu(mp) + fu(mm)) / (4 * step * step)
                #expect(abs(hu[a, b] - second) < 1e-5, "∂²f/∂u\(a)∂u\(b): \(hu[a, b]) vs \(second)")
            }
        }
    }

    @Test func simplexRowsStayOnTheSimplexAndRoundTrip() {
        let c = layout.coordinates
        #expect(c.dimension == 6 && c.slotCount == 9 && !c.isPerSlot)
        var rng = SplitMix64(seed: 3)
        for _ in 0..<20 {
            let u = (0..<6).map { _ in 3 * rng.normal() }
            let theta = c.theta(u)
            #expect(abs(theta[1] + theta[2] + theta[3] - 1) < 1e-15)
            #expect(abs(theta[5] + theta[6] - 1) < 1e-15 && abs(theta[7] + theta[8] - 1) < 1e-15)
            #expect(theta.allSatisfy { $0 > 0 })
            let back = c.u(theta)
            // Log-ratios of components near 1e-4 keep ~12 digits.
            for k in 0..<6 { #expect(abs(back[k] - u[k]) < 1e-11 * max(1, abs(u[k]))) }
        }
    }

    @Test func theChainRuleMatchesFiniteDifferences() {
        let c = layout.coordinates
        let u = [0.3, -0.4, 0.9, 0.2, -1.1, 0.6]
        expectChainRule(c, at: u)
    }

    /// Held slots (a profile): σ held has no coordinate; p[2] held at 0.3 leaves p[1] and p[3]
    /// on 0.7·softmax (one coordinate); the held values are in every θ, and the chain rule
    /// still matches central differences of f(θ(u)).
    @Test func heldSlotsHaveNoCoordinateAndASimplexRowKeepsWhatTheyLeave() {
        let c = ParameterCoordinates(layout, holding: [0: 1.7, 2: 0.3])
        #expect(c.dimension == 4 && !c.isPerSlot)
        let u = [0.8, 0.9, 0.2, -1.1]
        let theta = c.theta(u)
        #expect(theta[0] == 1.7 && theta[2] == 0.3)
        #expect(abs(theta[1] + theta[2] + theta[3] - 1) < 1e-15)
        // p[3]/p[1] = e^u₀.
        #expect(abs(theta[3] / theta[1] - exp(0.8)) < 1e-14)
        let back = c.u(theta)
        for k in 0..<4 { #expect(abs(back[k] - u[k]) < 1e-13 * max(1, abs(u[k]))) }
        expectChainRule(c, at: u)
    }

    /// Without simplexes the coordinates are per slot, exactly the old per-slot transforms.
    @Test func scalarCoordinatesAreTheSlotTransforms() {
        let plain = ParameterLayout(entries: [
            .init(name: "μ", offset: 0, length: nil, lower: nil, upper: nil, start: [0]),
            .init(name: "σ", offset: 1, length: nil, lower: 0, upper: nil, start: [1]),
        ])
        let c = plain.coordinates
        #expect(c.isPerSlot && c.dimension == 2)
        let u = [0.4, -0.3]
        #expect(c.theta(u) == [0.4, exp(-0.3)])
        let h = Matrix(rowVectors: [[-2, 0.5], [0.5, -3]])
        let hu = c.hessian(u, [1, 2], h)
        let s = exp(-0.3)
        #expect(hu[0, 0] == -2 && hu[0, 1] == 0.5 * s && hu[1, 1] == s * -3 * s + 2 * s)
    }
}
