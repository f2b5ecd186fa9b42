import LinearAlgebra
import Model
import Symbolic

/// Least squares by a column-pivoted QR when a single Gaussian term's mean is
/// linear in the parameters (then σ̂² = RSS/n); with Gaussian priors on the
/// coefficients and σ known, ridge by augmented rows. Never forms XᵀX.
struct LeastSquaresMethod: FitMethod {
    let title = FittingMessage.leastSquaresTitle

    func refusal(_ problem: FitProblem) -> String? {
        if !problem.fixed.isEmpty { return FittingMessage.leastSquaresDoesNotApply(FittingMessage.heldFixed) }
        if case .failure(let why) = LinearDesign.of(problem.model) {
            return FittingMessage.leastSquaresDoesNotApply(why.reason)
        }
        return nil
    }

    func solve(_ problem: FitProblem) throws -> Solution {
        if let why = refusal(problem) { throw FitError.refused(why) }
        let model = problem.model
        let design: LinearDesign
        switch LinearDesign.of(model) {
        case .success(let d): design = d
        case .failure(let why): throw FitError.refused(FittingMessage.leastSquaresDoesNotApply(why.reason))
        }
        let (x, y) = design.weightedSystem()
        let (system, fit, centred) = try LeastSquaresMethod.solveConditioned(
            x, y, rows: design.matrix.rows, intercept: ConditionedSystem.interceptColumn(design.matrix))
        if let collinear = IdentifiabilityCheck.collinear(model, centred.fit, slots: design.slots) { throw collinear }
        let coefficients = system.coefficients(fit.coefficients)
        var theta = model.layout.start
        for (j, slot) in design.slots.enumerated() { theta[slot] = coefficients[j] }
        var solution = Solution(
            estimate: theta, method: FittingMessage.leastSquaresTitle, reason: FittingMessage.leastSquaresReason)
        let names = design.slots.map { FittingMessage.hat(model.layout.slotName($0)) }.joined(separator: ", ")
        solution.closedForms.append(FittingMessage.leastSquaresForm(names))
        let sigma2: Double
        switch design.scale {
        case .parameter(let s):
            // σ̂ = s·√(RSS_z/W), with RSS_z the residual sum of squares of y/s (which neither
            // underflows nor overflows). Residuals all at rounding level (|rᵢ| ≲ 16ε·max|y|):
            // the mean fits every point exactly, and ℓ → ∞ as σ → 0.
            let epsilon = Double.ulpOfOne
            let rss = fit.residualSumOfSquares
            guard rss > Double(x.rows) * (16 * epsilon) * (16 * epsilon) else {
                throw BoundaryCheck.exactFit(model, s)
            }
            theta[s] = system.responseScale * (rss / design.weightSum).squareRoot()
            sigma2 = theta[s] * theta[s]
            solution.estimate = theta
            solution.closedForms.append(FittingMessage.scaleForm(model.layout.slotName(s), theta[s]))
        case .known(let sigma):
            sigma2 = sigma * sigma
            if !design.ridge.isEmpty {
                solution.method = FittingMessage.ridgeTitle
                solution.reason = FittingMessage.ridgeReason
            }
        }
        if let unscaled = centred.fit.unscaledCovariance {
            solution.knownCovariance = (design.slots, centred.system.unscaledCovariance(unscaled).map { $0 * sigma2 })
        }
        return solution
    }
}

extension LeastSquaresMethod {
    /// Two conditionings of one system, each used where it keeps the most digits:
    ///
    /// - centred on the intercept (ConditionedSystem step 2), for the rank decision and
    ///   (XᵀX)⁻¹: centring takes x ≈ 10⁸ + t from condition number 10¹⁷ to ≈ 1, and the
    ///   covariance from the uncentred R would keep only 9 − 17 + 16 ≈ 8 digits;
    /// - only scaled by powers of two (exact), for the coefficients: LeastSquares' iterative
    ///   refinement recovers the digits of an exactly represented X (NIST Wampler4/5, whose
    ///   centred powers of x would be rounded), unless that system looks rank-deficient.
    ///
    /// Without an intercept the two are one system.
    static func solveConditioned(_ x: Matrix, _ y: [Double], rows: Int, intercept: Int?) throws -> (
        system: ConditionedSystem, fit: LeastSquares, centred: (system: ConditionedSystem, fit: LeastSquares)
    ) {
        let plain = ConditionedSystem(x: x, y: y, rows: rows, intercept: nil)
        guard let plainFit = LeastSquares(x: plain.matrix, y: plain.response) else {
            throw FitError(.internal, FittingMessage.qrFailed)
        }
        guard intercept != nil else { return (plain, plainFit, (plain, plainFit)) }
        let centred = ConditionedSystem(x: x, y: y, rows: rows, intercept: intercept)
        guard let centredFit = LeastSquares(x: centred.matrix, y: centred.response) else {
            throw FitError(.internal, FittingMessage.qrFailed)
        }
        if plainFit.rank < x.columns { return (centred, centredFit, (centred, centredFit)) }
        return (plain, plainFit, (centred, centredFit))
    }

    /// Whether the residuals are zero to rounding: RSS ≤ n·(4ε·max|yᵢ|)², the size rounding
    /// the responses alone leaves (then σ̂ = 0 and ℓ is unbounded).
    static func fitsExactly(_ rss: Double, _ y: [Double]) -> Bool {
        let scale = 4 * Double.ulpOfOne * (y.map(abs).max() ?? 0)
        return rss <= Double(y.count) * scale * scale
    }
}

/// A Gaussian model whose mean is linear in its parameters: y = X·β + offset + ε,
/// found from the symbolic mean (its derivatives in each coefficient are the
/// columns of X), with the ridge rows of Gaussian priors.
struct LinearDesign {
    let matrix: Matrix
    /// y − offset, per row.
    let response: [Double]
    let weights: [Double]?
    /// θ slot of each column.
    let slots: [Int]
    enum Scale { case parameter(Int), known(Double) }
    let scale: Scale
    /// Rows appended for Normal(m, τ) priors (ridge): (slot, m, τ).
    let ridge: [(slot: Int, mean: Double, sd: Double)]

    var weightSum: Double { weights.map(Summation.sum) ?? Double(matrix.rows) }

    struct NotApplicable: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// √w-scaled rows, with the ridge rows √(σ²/τ²)·eⱼ (and targets √(σ²/τ²)·m) appended.
    func weightedSystem() -> (Matrix, [Double]) {
        var x = matrix
        var y = response
        if let w = weights {
            for i in 0..<x.rows {
                let s = w[i].squareRoot()
                for j in 0..<x.columns { x[i, j] *= s }
                y[i] *= s
            }
        }
        guard case .known(let sigma) = scale, !ridge.isEmpty else { return (x, y) }
        var augmented = x.elements
        for prior in ridge {
            guard let j = slots.firstIndex(of: prior.slot) else { continue }
            var row = [Double](repeating: 0, count: x.columns)
            row[j] = sigma / prior.sd
            augmented += row
            y.append(sigma / prior.sd * prior.mean)
        }
        return (Matrix(rows: y.count, columns: x.columns, elements: augmented), y)
    }

    /// The design of a model with one Gaussian term, or why least squares does not apply.
    static func of(_ model: StatisticalModel) -> Result<LinearDesign, NotApplicable> {
        let likelihood = model.likelihood
        guard likelihood.terms.count == 1, let term = likelihood.terms.first,
            let gaussian = term.family.gaussianArguments
        else { return .failure(NotApplicable(FittingMessage.notASingleNormalTerm)) }
        guard term.censored == nil else { return .failure(NotApplicable(FittingMessage.censoredNotLeastSquares)) }
        guard likelihood.rowsInMemory else { return .failure(NotApplicable(FittingMessage.rowsInDatabase)) }
        let (mu, sigma) = (term.arguments[gaussian.mean], term.arguments[gaussian.standardDeviation])
        let meanParameters = mu.symbols.filter { if case .parameter = $0 { return true } else { return false } }
            .sorted()
        let predictors = likelihood.predictors.filter { mu.depends(on: $0.symbol) }
        guard !meanParameters.isEmpty || !predictors.isEmpty else {
            return .failure(NotApplicable(FittingMessage.meanHasNoParameters))
        }
        for s in meanParameters + predictors.map(\.symbol) where mu.derivative(withRespectTo: s).dependsOnParameters {
            return .failure(NotApplicable(FittingMessage.meanNotLinear))
        }
        let scale: Scale
        if let s = sigma.symbol, case .parameter(let i) = s, !mu.depends(on: s) {
            scale = .parameter(i)
        } else if !sigma.dependsOnParameters, !sigma.isRowLevel, case let v = sigma.evaluate([:]), v > 0 {
            scale = .known(v)
        } else {
            return .failure(NotApplicable(FittingMessage.scaleNotSimple))
        }
        let (ridge, other) = ridgePriors(model)
        if other { return .failure(NotApplicable(FittingMessage.otherPriors)) }
        if case .parameter = scale, !ridge.isEmpty {
            return .failure(NotApplicable(FittingMessage.priorWithUnknownScale))
        }
        let slots = meanParameters.map(slot)
        var columnExpressions = meanParameters.map { mu.derivative(withRespectTo: $0) }
        let zero = Dictionary(uniqueKeysWithValues: (meanParameters + predictors.map(\.symbol)).map { ($0, 0.0) })
        let offset = mu.substituting(zero)
        columnExpressions += predictors.map { mu.derivative(withRespectTo: $0.symbol) }
        // Columns that do not vary by row (μ alone: its column is 1) carry no data; known without
        // evaluating them over the rows (that pass, and an n-row design, would be thrown away).
        if predictors.isEmpty, !columnExpressions.contains(where: \.isRowLevel) {
            return .failure(NotApplicable(FittingMessage.meanHasNoData))
        }
        var needed = columnExpressions + [offset, term.response]
        if let w = term.weight { needed.append(w) }
        let values = likelihood.perRow(needed, term: 0)
        guard values.count == needed.count else { return .failure(NotApplicable(FittingMessage.dataNotEvaluated)) }
        let n = term.rows
        let k = slots.count + predictors.reduce(0) { $0 + $1.length }
        var x = Matrix(rows: n, columns: k)
        for i in 0..<n {
            for j in slots.indices { x[i, j] = values[j][i] }
            var c = slots.count
            for (p, pred) in predictors.enumerated() {
                let m = values[slots.count + p][i]
                for j in 0..<pred.length { x[i, c + j] = m * pred.matrix[i, j] }
                c += pred.length
            }
        }
        let hasData = (0..<k).contains { j in (1..<n).contains { x[$0, j] != x[0, j] } }
        guard hasData else { return .failure(NotApplicable(FittingMessage.meanHasNoData)) }
        let offsetValues = values[columnExpressions.count]
        let y = values[columnExpressions.count + 1]
        let allSlots = slots + predictors.flatMap { p in (0..<p.length).map { p.offset + $0 } }
        return .success(
            LinearDesign(
                matrix: x, response: (0..<n).map { y[$0] - offsetValues[$0] },
                weights: term.weight == nil ? nil : values.last, slots: allSlots, scale: scale,
                ridge: ridge.filter { allSlots.contains($0.slot) }))
    }

    /// Gaussian priors with constant arguments, per slot; and whether any other prior is present.
    static func ridgePriors(_ model: StatisticalModel) -> ([(slot: Int, mean: Double, sd: Double)], Bool) {
        var ridge: [(slot: Int, mean: Double, sd: Double)] = []
        var other = false
        for prior in model.priors {
            guard let g = prior.family.gaussianArguments else {
                other = true
                continue
            }
            for slot in prior.slots {
                ridge.append((slot, prior.arguments[g.mean], prior.arguments[g.standardDeviation]))
            }
        }
        return (ridge, other)
    }

    static func slot(_ s: Symbol) -> Int {
        if case .parameter(let i) = s { return i }
        return 0
    }
}
