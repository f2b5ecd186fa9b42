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
        guard let values = perRowAt(theta, expressions, term: t, predictors: used) else { return nil }
        // One row's Jacobian and the sums, in flat buffers reused for every row (a row's
        // arrays allocated afresh cost more than its arithmetic).
        var jacobian = [Double](repeating: 0, count: m * k)
        var sums = [Double](repeating: 0, count: k * k)
        let stride = k + used.count
        jacobian.withUnsafeMutableBufferPointer { jacobian in
            sums.withUnsafeMutableBufferPointer { sums in
                for i in 0..<term.rows {
                    // Jᵢ (m × k): row i's ∂aⱼ/∂θ, the linear predictors' parts spread over their slots by Xᵢ.
                    for j in 0..<m {
                        let base = m * m + 1 + j * stride
                        for s in 0..<k { jacobian[j * k + s] = values[base + s][i] }
                        for (q, p) in used.enumerated() {
                            let d = values[base + k + q][i]
                            guard d != 0 else { continue }
                            for c in 0..<p.length { jacobian[j * k + p.offset + c] += d * p.matrix[i, c] }
                        }
                    }
                    // I += w·Jᵢᵀ·I_F·Jᵢ.
                    let w = values[m * m][i]
                    for j in 0..<m {
                        for l in 0..<m {
                            let f = w * values[j * m + l][i]
                            guard f != 0 else { continue }
                            for s in 0..<k where jacobian[j * k + s] != 0 {
                                let fs = f * jacobian[j * k + s]
                                for r in 0..<k { sums[s * k + r] += fs * jacobian[l * k + r] }
                            }
                        }
                    }
                }
            }
        }
        let information = Matrix(rows: k, columns: k, elements: sums)
        return information.elements.allSatisfy(\.isFinite) ? information : nil
    }

    /// Per-row values of expressions in θ, the data and the linear predictors, at θ.
    func perRowAt(_ theta: [Double], _ expressions: [Expr], term t: Int, predictors: [LinearPredictor]) -> [[Double]]? {
        var values: [Symbol: Expr] = [:]
        for (i, x) in theta.enumerated() { values[.parameter(i)] = store.constant(x) }
        var extra: [Symbol: [Double]] = [:]
        var replacements: [Symbol: Expr] = [:]
        for p in predictors {
            let column = Symbol.column(3_000_000 + p.index)
            extra[column] = p.matrix * Array(theta[p.slots])
            replacements[p.symbol] = store.symbol(column)
        }
        let bound = expressions.map { $0.substituting(values).substituting(replacements) }
        let per = likelihood.perRow(bound, term: t, extraColumns: extra)
        return per.count == bound.count ? per : nil
    }
}
