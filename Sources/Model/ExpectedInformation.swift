import Foundation
import LinearAlgebra
import Symbolic

extension StatisticalModel {
    /// The expected (Fisher) information of ℓ at θ, I(θ) = E_θ[−∇²ℓ(θ)]: over the rows of
    /// every term, Jᵢᵀ·I_F(aᵢ)·Jᵢ (times the row's weight), where aᵢ are the row's distribution
    /// arguments, Jᵢ = ∂aᵢ/∂θ their Jacobian and I_F the family's information in its own
    /// arguments. (The other part of −∇²ℓ, −Σⱼ ∂log p/∂aⱼ·∇²aⱼ, has expectation 0.) It differs
    /// from the observed information where the arguments are not linear in θ through a
    /// canonical link: a nonlinear mean, a probit or log link on a Bernoulli.
    ///
    /// nil when a family does not give its information, or a term is censored (the
    /// expectation then depends on how the censoring arose).
    public func expectedInformation(at theta: [Double]) -> Matrix? {
        let k = layout.count
        var information = Matrix(rows: k, columns: k)
        for t in terms.indices {
            guard let part = termInformation(t, theta) else { return nil }
            for i in 0..<(k * k) { information.elements[i] += part.elements[i] }
        }
        return information
    }

    func termInformation(_ t: Int, _ theta: [Double]) -> Matrix? {
        let term = terms[t]
        guard term.censored == nil, let fisher = term.family.fisherInformation(term.arguments) else { return nil }
        let k = layout.count
        let m = term.arguments.count
        let scalars = (0..<k).map { Symbol.parameter($0) }
        let used = likelihood.predictors.filter { p in term.arguments.contains { $0.depends(on: p.symbol) } }
        // Per row: the information entries, the weight, then ∂aⱼ/∂θₛ and ∂aⱼ/∂ηₚ for each argument.
        var expressions: [Expr] = []
        for j in 0..<m { for l in 0..<m { expressions.append(fisher[j][l]) } }
        expressions.append(term.weight ?? store.one)
        for a in term.arguments {
            expressions += scalars.map { a.derivative(withRespectTo: $0) }
            expressions += used.map { a.derivative(withRespectTo: $0.symbol) }
        }
        guard likelihood.sums.indices.contains(t), likelihood.sums[t].rowsInMemory else { return nil }
        // The expressions run block by block on every core (nothing per row is kept): each block
        // sums its rows into its own k × k, and the blocks' sums are added in row order, so the
        // result does not depend on the number of cores.
        let evaluator = likelihood.rowEvaluator(expressions, term: t)
        let size = RowEvaluator.blockSize
        let blocks = (term.rows + size - 1) / size
        var partial = [Double](repeating: 0, count: blocks * k * k)
        let stride = k + used.count
        partial.withUnsafeMutableBufferPointer { partial in
            nonisolated(unsafe) let partial = partial
            evaluator.forEachBlock(theta) { block in
                let sums = partial.baseAddress! + block.start / size * k * k
                let out = expressions.indices.map { block.output($0) }
                // One row's Jacobian, in a buffer reused for every row of the block.
                var jacobian = [Double](repeating: 0, count: m * k)
                jacobian.withUnsafeMutableBufferPointer { jacobian in
                    for r in 0..<block.count {
                        let i = block.start + r
                        // Jᵢ (m × k): row i's ∂aⱼ/∂θ, the linear predictors' parts spread over their slots by Xᵢ.
                        for j in 0..<m {
                            let base = m * m + 1 + j * stride
                            for s in 0..<k { jacobian[j * k + s] = out[base + s][r] }
                            for (q, p) in used.enumerated() {
                                let d = out[base + k + q][r]
                                guard d != 0 else { continue }
                                for c in 0..<p.length { jacobian[j * k + p.offset + c] += d * p.matrix[i, c] }
                            }
                        }
                        // I += w·Jᵢᵀ·I_F·Jᵢ.
                        let w = out[m * m][r]
                        for j in 0..<m {
                            for l in 0..<m {
                                let f = w * out[j * m + l][r]
                                guard f != 0 else { continue }
                                for s in 0..<k where jacobian[j * k + s] != 0 {
                                    let fs = f * jacobian[j * k + s]
                                    for c in 0..<k { sums[s * k + c] += fs * jacobian[l * k + c] }
                                }
                            }
                        }
                    }
                }
            }
        }
        var sums = [Double](repeating: 0, count: k * k)
        for b in 0..<blocks { for e in 0..<(k * k) { sums[e] += partial[b * k * k + e] } }
        let information = Matrix(rows: k, columns: k, elements: sums)
        return information.elements.allSatisfy(\.isFinite) ? information : nil
    }
}
