import Foundation
import Inference
import LinearAlgebra
import Model

/// A finished fit: the estimate with its uncertainty from the observed
/// information (−∇²ℓ at θ̂, in the params' own coordinates), ℓ̂ and the criteria,
/// the plan and the solution that produced it, and the notes a report carries.
public struct FitOutcome: @unchecked Sendable {
    public let model: StatisticalModel
    public let plan: Plan
    public let solution: Solution
    public var estimate: [Double] { solution.estimate }
    public let logLikelihood: Double
    /// With priors: ℓ + log π(θ) at the MAP estimate.
    public let logPosterior: Double?
    /// ∇²(ℓ + log π) at the estimate, over every slot; nil for a model too large for a dense
    /// Hessian (more than `Fitter.parameterLimit` slots), whose covariance comes in blocks.
    public let hessian: Matrix?
    /// The covariance over `free`; nil when no slot is free.
    public let covariance: Covariance?
    /// Slots not on the boundary of their domain (those have no standard error).
    public let free: [Int]
    /// Per slot, whether it is on the boundary (`boundary` holds the notes).
    public let onBoundary: [Bool]
    public internal(set) var notes: [String]
    /// Profile likelihoods (95%) by slot, for the slots profiled (Fitter.profiled).
    public internal(set) var profiles: [Int: Profile] = [:]
    /// Why some or all slots have no profile (too many parameters, not converged).
    public internal(set) var profileNote: String?

    public var boundary: [Int: String] { solution.boundary }
    public var warnings: [String] { solution.warnings }
    /// The free directions: every slot, less one per simplex row (AIC and BIC count these).
    public var parameterCount: Int { model.layout.freeCount }
    /// Every slot of the layout (a simplex row's components each have one).
    public var slotCount: Int { model.layout.count }
    /// The maximum of what the fit maximised: ℓ̂, or ℓ + log π at a MAP estimate.
    public var maximum: Double { logPosterior ?? logLikelihood }
    public var observations: Int { model.rowCount }
    public var aic: Double { Uncertainty.aic(logLikelihood: logLikelihood, parameters: parameterCount) }
    public var bic: Double {
        Uncertainty.bic(logLikelihood: logLikelihood, parameters: parameterCount, observations: observations)
    }

    init(_ problem: FitProblem, _ solution: Solution, _ plan: Plan) throws {
        let model = problem.model
        self.model = model
        self.plan = plan
        self.solution = solution
        let theta = solution.estimate
        var edge = [Bool](repeating: false, count: model.layout.count)
        for i in solution.boundary.keys { edge[i] = true }
        onBoundary = edge
        let free = (0..<model.layout.count).filter { !edge[$0] }
        self.free = free
        if model.layout.count <= Fitter.parameterLimit {
            let h = model.evaluate(theta, order: 2, withPrior: problem.withPrior).hessian
            hessian = h
            covariance = try FitOutcome.covariance(model, solution, h, free).map { Covariance(dense: $0, free: free) }
        } else {
            hessian = nil
            covariance =
                free.isEmpty ? nil : try BlockedInformation.covariance(model, theta, free, withPrior: problem.withPrior)
        }
        // At an edge ℓ is its limit there (0·log 0 = 0), not the NaN of −∞ + ∞.
        let edges = Array(solution.boundary.keys)
        logLikelihood = BoundaryCheck.edgeValue(model, theta, edges, withPrior: false)
        logPosterior = model.hasPriors ? BoundaryCheck.edgeValue(model, theta, edges, withPrior: true) : nil
        var notes = solution.notes + FitOutcome.boundaryNotes(model.layout, solution.boundary, edge)
        if model.hasPriors { notes.append(FittingMessage.posteriorMode(priors: model.priorNames)) }
        notes += FitOutcome.familyNotes(model, solution)
        self.notes = notes
    }

    /// What the families imply about this fit: ℓ of a transformed response is not ℓ of the
    /// data; Newton's method on a non-smooth ℓ; a likelihood that can have several maxima.
    static func familyNotes(_ model: StatisticalModel, _ solution: Solution) -> [String] {
        var notes: [String] = []
        for (t, term) in model.terms.enumerated() {
            let response = t < model.responseDescriptions.count ? model.responseDescriptions[t] : ""
            if term.response.symbol == nil, term.response.isRowLevel, !response.isEmpty {
                notes.append(FittingMessage.transformedResponse(response))
            }
            if term.family.locationEstimate != nil, solution.method != FittingMessage.sampleMedianTitle {
                notes.append(FittingMessage.nonSmoothLocation(term.family.name))
            }
            if term.family.mayBeMultimodal, solution.iterations != nil, solution.multiStart == nil {
                notes.append(FittingMessage.mayBeMultimodal(term.family.name))
            }
        }
        return Array(NSOrderedSet(array: notes).compactMap { $0 as? String })
    }

    /// A slot's standard error, or nil (on the boundary, or no free slots).
    public func standardError(slot: Int) -> Double? {
        covariance?.variance(slot).map { $0.squareRoot() }
    }

    /// The covariance over every slot, NaN in the rows and columns of boundary slots; nil when
    /// the model has too many parameters for a dense matrix.
    public var fullCovariance: Matrix? {
        let k = model.layout.count
        guard k <= Fitter.parameterLimit else { return nil }
        var c = Matrix(rows: k, columns: k, repeating: .nan)
        guard let covariance else { return c }
        for i in free { for j in free { c[i, j] = covariance.entry(i, j) ?? .nan } }
        return c
    }

    /// The observed information −∇²(ℓ + log π) at the estimate, over every slot (nil when too large).
    public var information: Matrix? { hessian.map { $0.map { -$0 } } }

    /// The boundary notes: one per slot, or, for a param with many slots on its boundary (a
    /// bigram never seen), one for all of them.
    static func boundaryNotes(_ layout: ParameterLayout, _ boundary: [Int: String], _ edge: [Bool]) -> [String] {
        var notes: [String] = []
        for entry in layout.entries {
            let slots = entry.slots.filter { edge[$0] }
            if slots.count > 3 {
                notes.append(
                    FittingMessage.manyOnBoundary(
                        entry.name, count: slots.count, of: entry.size, simplex: entry.isSimplex))
            } else {
                notes += slots.compactMap { boundary[$0] }
            }
        }
        return notes
    }

    /// Least squares' coefficient covariance σ̂²(XᵀX)⁻¹ from its QR factor, with the rest
    /// (σ) from the observed information (at the MLE the two blocks are uncorrelated);
    /// otherwise (−∇²ℓ)⁻¹. A singular Hessian is a separated logistic model or a model
    /// that is not identifiable.
    static func covariance(_ model: StatisticalModel, _ solution: Solution, _ hessian: Matrix, _ free: [Int]) throws
        -> Matrix?
    {
        guard !free.isEmpty else { return nil }
        guard let known = solution.knownCovariance else {
            switch IdentifiabilityCheck.covariance(model, hessian: hessian, free: free) {
            case .success(let c): return c
            case .failure(let error):
                if let separated = SeparationCheck.check(model, solution.estimate, quasi: true) { throw separated }
                throw error
            }
        }
        var c = Matrix(rows: free.count, columns: free.count)
        let others = free.filter { !known.slots.contains($0) }
        let position = Dictionary(uniqueKeysWithValues: free.enumerated().map { ($1, $0) })
        if !others.isEmpty {
            let sub = try IdentifiabilityCheck.covariance(model, hessian: hessian, free: others).get()
            for (a, i) in others.enumerated() {
                for (b, j) in others.enumerated() { c[position[i]!, position[j]!] = sub[a, b] }
            }
        }
        for (a, i) in known.slots.enumerated() {
            for (b, j) in known.slots.enumerated() {
                guard let p = position[i], let q = position[j] else { continue }
                c[p, q] = known.matrix[a, b]
            }
        }
        return c
    }
}
