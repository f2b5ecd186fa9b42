import Foundation
import LinearAlgebra
import Model
import Solvers
import Symbolic

/// A proof that the maximum exists, which spares the ray test (`ExistenceCheck`) its passes
/// over the data, for a log-likelihood that is concave by construction: every term's family
/// has a canonical link (`Distribution.concaveLink`: Bernoulli or Binomial with p = σ(t),
/// Poisson with λ = exp(t)), t is affine in the params, neither the response nor the weight
/// nor another argument holds a param, every param is unconstrained, and there is no prior,
/// censoring or truncation. Anything else, and any case the proof below
/// does not settle, takes the ray test as before.
///
/// Write ℓ(θ̂ + h) for the free params, I = −∇²ℓ(θ̂), g = ∇ℓ(θ̂), and xᵢ = ∂tᵢ/∂θ (a row of the
/// design: constant, since t is affine). Then −∇²ℓ = Σᵢ wᵢ(tᵢ)·xᵢxᵢᵀ, and each curvature wᵢ
/// changes by at most the factor e^|Δtᵢ|, so wherever every |xᵢᵀh| ≤ δ, −∇²ℓ ⪰ e^−δ·I.
/// On the ellipsoid hᵀIh = 1 (one standard error in every direction), with D = diag(I) and
/// S = D^−½·I·D^−½, |xᵢᵀh| ≤ ‖D^−½xᵢ‖/√λmin(S) = δ, so by Taylor's theorem and Cauchy–Schwarz
///
///     ℓ(θ̂ + h) ≤ ℓ(θ̂) + gᵀh − ½e^−δ ≤ ℓ(θ̂) + √(gᵀI⁻¹g) − ½e^−δ,
///
/// which is below ℓ(θ̂) when √(gᵀI⁻¹g) < ½e^−δ. A concave ℓ that is lower all around an
/// ellipsoid than at its centre is lower everywhere outside it: the maximum exists, within
/// one standard error of θ̂. At a converged fit on a well-determined model, δ is a few
/// hundredths and √(gᵀI⁻¹g) about 10⁻⁶, so the proof holds with room to spare; where the
/// MLE is at infinity the solver stops where I has all but vanished, δ is huge, and the
/// ray test runs. Finding δ costs one pass over the design (no log or exp), against the
/// ray test's ten evaluations of ℓ.
enum ConcaveExistence {
    /// Whether the maximum of `objective` is proved to exist near `result.x`.
    static func proves(_ objective: UnconstrainedObjective, _ result: SolverResult) -> Bool {
        let model = objective.inner.model
        let likelihood = model.likelihood
        guard result.status == .converged, objective.coordinates.isIdentity,
            !(objective.inner.withPrior && model.hasPriors), likelihood.groups.isEmpty, !result.x.isEmpty
        else { return false }
        var designs: [TermDesign] = []
        for term in model.terms {
            guard let design = TermDesign(term, likelihood) else { return false }
            designs.append(design)
        }
        let k = objective.dimension
        guard k <= ExistenceCheck.eigenLimit else { return false }
        // Coordinate a moves slot slots[a] (the coordinates are the free slots themselves).
        var coordinateOfSlot = [Int?](repeating: nil, count: model.layout.count)
        for a in 0..<k {
            guard let (slot, _) = objective.coordinates.slot(ofCoordinate: a) else { return false }
            coordinateOfSlot[slot] = a
        }
        // S = D^−½·I·D^−½ with D = diag(I), and gᵀI⁻¹g, from the trust region's scaled model.
        let hessian = objective.evaluate(result.x, order: 2).hessian
        let diagonal = (0..<k).map { -hessian[$0, $0] }
        guard diagonal.allSatisfy({ $0 > 0 && $0.isFinite }), hessian.elements.allSatisfy(\.isFinite),
            let scaled = ScaledModel(result.gradient, hessian, diagonal), let smallest = scaled.values.first,
            smallest > minimumEigenvalue, let decrement = scaled.decrement
        else { return false }
        let root = scaled.root
        // Each slot's weight 1/√Dⱼⱼ (0 for a held slot, which h does not move).
        let weight = coordinateOfSlot.map { a in a.map { 1 / root[$0] } ?? 0 }
        var largest = 0.0
        for design in designs {
            guard let norm = design.largestScaledNorm(weight, likelihood) else { return false }
            largest = max(largest, norm)
        }
        // The eigenvalue is computed to about k·ε of S's norm (≤ k): 1% covers it many times over.
        let delta = largest / (0.99 * smallest).squareRoot()
        return delta <= 1 && decrement.squareRoot() < 0.5 * Foundation.exp(-delta)
    }

    /// S's smallest eigenvalue must exceed this: below it the information is too near singular
    /// for the bound to say anything (the identifiability check has its say), and the ray test runs.
    static let minimumEigenvalue = 1e-6

    /// One term's linear predictor t = Σₛ cₛ·s + (data) over its variables s (scalar params and
    /// linear predictors), each cₛ = ∂t/∂s free of params.
    struct TermDesign {
        let rows: Int
        /// (slot, ∂t/∂θ_slot) for the scalar params in t.
        let scalars: [(slot: Int, coefficient: Expr)]
        /// (predictor, ∂t/∂η) for the linear predictors in t.
        let predictors: [(predictor: LinearPredictor, coefficient: Expr)]

        /// The design of `term`, or nil unless ℓ is concave in its params through the family's link.
        init?(_ term: LikelihoodTerm, _ likelihood: LogLikelihood) {
            guard let link = term.family.concaveLink, term.censored == nil, term.lower == nil, term.upper == nil,
                !term.response.dependsOnParameters, term.weight?.dependsOnParameters != true,
                term.arguments.indices.contains(link.argument),
                term.arguments.indices.allSatisfy({ $0 == link.argument || !term.arguments[$0].dependsOnParameters }),
                let (function, inner) = term.arguments[link.argument].application, function == link.function,
                inner.count == 1
            else { return nil }
            let t = inner[0]
            var variables: [Symbol] = []
            for symbol in t.symbols.sorted() {
                switch symbol {
                case .parameter, .predictor: variables.append(symbol)
                case .selected: return nil
                default: continue
                }
            }
            var scalars: [(slot: Int, coefficient: Expr)] = []
            var predictors: [(predictor: LinearPredictor, coefficient: Expr)] = []
            for s in variables {
                let coefficient = t.derivative(withRespectTo: s)
                // Affine: no coefficient changes with any variable.
                for r in variables where coefficient.derivative(withRespectTo: r).constantValue != 0 { return nil }
                switch s {
                case .parameter(let slot): scalars.append((slot, coefficient))
                case .predictor:
                    guard let p = likelihood.predictors.first(where: { $0.symbol == s }), p.matrix.rows == term.rows
                    else { return nil }
                    predictors.append((p, coefficient))
                default: return nil
                }
            }
            self.rows = term.rows
            self.scalars = scalars
            self.predictors = predictors
        }

        /// maxᵢ ‖D^−½xᵢ‖ over the rows, bounded by the triangle inequality over the scalar part
        /// and each predictor's block: √(Σₛ (cₛ·weightₛ)²) + Σₖ |c_ηₖ|·‖weight ∘ Xₖ,ᵢ‖. nil when a
        /// coefficient's columns are not in memory. The rows are read a segment at a time on every core.
        func largestScaledNorm(_ weight: [Double], _ likelihood: LogLikelihood) -> Double? {
            guard rows > 0 else { return 0 }
            let coefficients = scalars.map(\.coefficient) + predictors.map(\.coefficient)
            let varying = coefficients.filter { $0.constantValue == nil }
            guard let values = RowValues.evaluate(varying, rows: rows, columns: likelihood.columns) else { return nil }
            // Each coefficient's constant (0 for one that varies by row, read from `values`).
            let constants = coefficients.map { $0.constantValue ?? 0 }
            let scalarWeights = scalars.map { weight[$0.slot] }
            let blockWeights = predictors.map { Array(weight[$0.predictor.slots]) }
            let lengths = predictors.map(\.predictor.length)
            let scalarCount = scalars.count
            // The rows are read through pointers: arrays shared by the threads would pay an atomic
            // reference count on each access.
            let arrays = values + predictors.map(\.predictor.matrix.elements) + blockWeights
            let parts = ArrayPointers.with(arrays) { pointers -> [Double] in
                var next = pointers[0..<values.count].makeIterator()
                let columns = coefficients.map { $0.constantValue == nil ? next.next() : nil }
                nonisolated(unsafe) let c = columns
                nonisolated(unsafe) let m = Array(pointers[values.count..<(values.count + lengths.count)])
                nonisolated(unsafe) let w = Array(pointers[(values.count + lengths.count)...])
                return RowSegments.map(rows) { range in
                    var top = 0.0
                    for i in range {
                        var scalar = 0.0
                        for index in 0..<scalarCount {
                            let v = (c[index]?[i] ?? constants[index]) * scalarWeights[index]
                            scalar += v * v
                        }
                        var norm = scalar.squareRoot()
                        for block in 0..<lengths.count {
                            let factor = Swift.abs(c[scalarCount + block]?[i] ?? constants[scalarCount + block])
                            guard factor != 0 else { continue }
                            norm += factor * ConcaveExistence.weightedNorm(m[block] + i * lengths[block], w[block], lengths[block])
                        }
                        guard norm.isFinite else { return .nan }
                        top = max(top, norm)
                    }
                    return top
                }
            }
            guard parts.allSatisfy(\.isFinite) else { return nil }
            return parts.max() ?? 0
        }
    }

    /// ‖w ∘ x‖ over `count` entries, with four running sums so that the adds do not wait on each other.
    @inline(__always)
    static func weightedNorm(_ x: UnsafePointer<Double>, _ w: UnsafePointer<Double>, _ count: Int) -> Double {
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var j = 0
        while j + 4 <= count {
            let (v0, v1, v2, v3) = (x[j] * w[j], x[j + 1] * w[j + 1], x[j + 2] * w[j + 2], x[j + 3] * w[j + 3])
            (s0, s1, s2, s3) = (s0 + v0 * v0, s1 + v1 * v1, s2 + v2 * v2, s3 + v3 * v3)
            j += 4
        }
        while j < count {
            let v = x[j] * w[j]
            s0 += v * v
            j += 1
        }
        return ((s0 + s1) + (s2 + s3)).squareRoot()
    }
}
