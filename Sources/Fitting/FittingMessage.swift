import Diagnostics
import Foundation
import Solvers

/// The wording of fitting — the choice of method, convergence, separation,
/// boundaries, standard errors and the notes a fit report carries — in one
/// place, so that the messages read alike: what was expected, what was found,
/// and the culprit named by its role.
public enum FittingMessage {
    static func number(_ x: Double, digits: Int = 10) -> String { NumberFormat.significant(x, digits: digits) }

    /// p̂ for a one-letter name; "est. rate" for longer ones (a hat over the last letter misleads).
    public static func hat(_ name: String) -> String { name.count == 1 ? name + "\u{302}" : "est. \(name)" }

    // MARK: Choosing a method

    static func noClosedForm(_ reasons: [String]) -> String {
        "there is no closed form for this model: " + reasons.joined(separator: "; ")
    }

    static let fitIteratively = "fit it iteratively: 'fit using newton'"

    static func tooManyParameters(_ k: Int) -> String {
        "this model has \(k) parameters; fitting and standard errors use the exact \(k)×\(k) Hessian, which is too large (at most 4000 parameters)"
    }

    static let nothingToFitTitle = "nothing to fit"
    static let nothingToFitReason = "the model has no parameters, so ℓ is evaluated at the data as they stand"

    static func newtonBecause(_ reason: String) -> String { "no closed form: " + reason }
    static let newtonAskedFor = "Newton's method was asked for ('using newton')"
    static let gradientAskedFor = "plain gradient ascent was asked for: θ ← θ + lr·∇ℓ(θ), from the start values"

    static func inUnconstrainedCoordinates(_ coordinates: [String]) -> String {
        coordinates.isEmpty ? "" : "; iterated in unconstrained coordinates " + coordinates.joined(separator: ", ")
    }

    // MARK: Why there is no exact solution

    static func leastSquaresDoesNotApply(_ why: String) -> String {
        "least squares does not apply (\(why))"
    }

    static let notASingleNormalTerm = "not a single Normal term"
    static let censoredNotLeastSquares = "censored rows are not least squares"
    static let meanHasNoParameters = "the mean has no parameters"
    static let meanNotLinear = "the mean is not linear in its parameters"
    static let scaleNotSimple = "σ is not a single parameter or a known constant"
    static let otherPriors = "a prior other than Normal(m, τ) on the mean's coefficients"
    static let priorWithUnknownScale = "with a prior and σ unknown, the penalty's weight depends on σ (no closed form)"
    static let dataNotEvaluated = "the data could not be evaluated"
    static let meanHasNoData = "the mean has no data in it"

    static func perRowPart(_ description: String) -> String {
        "ℓ keeps a per-row part (\(description)), so the score equations cannot be solved in closed form"
    }

    /// The per-row part is a linear predictor (`w·x`) inside a nonlinear function.
    static func linearPredictorInside(_ predictors: [String]) -> String {
        "the linear predictor " + predictors.joined(separator: ", ") + " inside a nonlinear function"
    }

    static let notPolynomialInData = "a term not polynomial in the data"

    static func rootOutsideDomain(_ name: String, _ value: Double) -> String {
        "the root \(name) = \(number(value)) is outside the parameter's domain"
    }

    static let stationaryPointNotMaximum = "the stationary point of the score equations is not a maximum"

    // MARK: Methods' descriptions

    static let leastSquaresTitle = "least squares (pivoted QR)"
    static let leastSquaresReason =
        "the Normal mean is linear in its parameters, so the MLE minimises the residual sum of squares; solved by a column-pivoted QR, never forming XᵀX"
    static let ridgeTitle = "ridge least squares (pivoted QR)"
    static let ridgeReason =
        "Normal priors on the coefficients with σ known make the MAP a penalised least-squares problem: rows √(σ²/τ²)·eⱼ are appended to X"
    static let closedFormTitle = "closed form"
    static let closedFormReason =
        "the score equations are solved symbolically (each parameter appears linearly or as a single power in the numerator of its score)"
    static let newtonTitle = "Newton's method (exact Hessian, line search)"

    static func gradientTitle(lr: Double, steps: Int) -> String {
        "gradient ascent (lr = \(number(lr)), \(steps) steps)"
    }

    static func leastSquaresForm(_ coefficients: String) -> String {
        "\(coefficients) = argmin Σᵢ (yᵢ − μᵢ)², from X·P = Q·R: R·z = Qᵀy"
    }

    static func scaleForm(_ name: String, _ value: Double) -> String {
        "\(hat(name)) = √(RSS/n) = \(number(value))"
    }

    static func closedForm(_ name: String, _ expression: String, _ value: Double) -> String {
        "\(hat(name)) = \(expression) = \(number(value))"
    }

    // MARK: Least squares

    static func collinearColumns(_ names: [String], rank: Int, columns: Int) -> String {
        "the model is not identifiable: the columns for \(names.joined(separator: ", ")) are linear combinations of the others (the design matrix has rank \(rank) of \(columns))"
    }

    static let dropRedundantColumn = "drop a redundant column or parameter"
    static let qrFailed = "the QR factorisation failed"

    // MARK: Unbounded likelihoods

    /// Where a parameter runs off to: "σ → 0".
    static func edge(_ name: String, _ value: Double) -> String {
        "\(name) → " + (value.isInfinite ? (value < 0 ? "−∞" : "∞") : number(value))
    }

    static func unbounded(as edge: String, hint: String?) -> String {
        "the likelihood is unbounded: it grows without limit as \(edge), so the maximum likelihood estimate does not exist"
            + (hint.map { " (\($0))" } ?? "")
    }

    static let exactFit =
        "the mean fits every observation exactly — every residual is 0 — so nothing is left to estimate the spread from"

    static let gaussianDegenerate = "with a Normal, this happens when there is one observation or all values are equal"

    /// Distinct data whose squared deviations underflow: σ̂ computes as 0 though the values differ.
    static func spreadUnderflows(edge: String, data: String, size: Double) -> String {
        "the values of \(data) are not all equal, but they are so small (about \(number(size, digits: 2))) that their squared deviations underflow to 0 in double precision, so the fit found \(edge) and ℓ = ∞; the estimate cannot be computed at this scale"
    }

    /// Data whose squares leave the doubles' range (ScaleCheck).
    static func dataOutOfScale(_ name: String, magnitude: Double, tooLarge: Bool) -> String {
        let size = number(magnitude, digits: 2)
        return tooLarge
            ? "the values of \(name) reach \(size): a fit needs their squares (a variance, the Hessian), and squares of numbers beyond about 1e154 overflow double precision"
            : "the values of \(name) are at most \(size) in size: a fit needs their squares (a variance, the Hessian), and squares of numbers below about 1e-154 underflow to 0 in double precision"
    }

    static func rescaleHelp(_ size: Double) -> String {
        "rescale the data, e.g. multiply by \(NumberFormat.significant(Foundation.pow(10, -Foundation.log10(size).rounded(.down)), digits: 1)), fit, and scale the estimates back"
    }

    /// ℓ keeps rising towards an infinite edge ("b → −∞"): no finite estimate maximises it.
    static func mleAtInfinity(edges: [String], direction: [String], supremum: Double, stopped: [String]) -> String {
        let along = direction.isEmpty ? "" : " along the direction (\(direction.joined(separator: ", ")))"
        return "the maximum likelihood estimate does not exist: ℓ keeps increasing\(along) as "
            + edges.joined(separator: " and ") + " towards ℓ = \(number(supremum)), which no finite estimate reaches"
            + "; the solver stopped at \(stopped.joined(separator: ", ")) only because ℓ no longer changes there, so that is not an estimate"
    }

    static func mleAtInfinityHelp(slot: String, param: String) -> String {
        "the data do not pin \(slot) down (often a group, level or range of a predictor whose responses are all 0, or all at their maximum): drop or merge it, or add a prior for a finite MAP estimate, e.g. 'prior \(param) ~ Normal(0, 10)'"
    }

    static let unboundedHelp = "add data, fix the scale, or put a prior on the parameter that goes to the edge"

    // MARK: Newton's method

    static func notConverged(_ status: SolverResult.Status, iterations: Int, value: Double, gradient: Double) -> String
    {
        "the fit did not converge: Newton's method stopped after \(iterations) iterations (\(stopped(status))) "
            + "with ℓ = \(number(value)) and max |∇ℓ| = \(number(gradient, digits: 3))"
    }

    static let notConvergedHelp =
        "give start values closer to the estimate (param x = …), rescale the data, or add a prior"

    /// Why a solver stopped, as a clause.
    static func stopped(_ status: SolverResult.Status) -> String {
        switch status {
        case .converged: return "converged"
        case .iterationLimit: return "the iteration limit was reached"
        case .stalled: return "no step along the Newton direction increased ℓ"
        case .notFinite: return "ℓ or its derivatives stopped being finite"
        case .completedSteps: return "all steps taken"
        }
    }

    // MARK: Gradient ascent

    static func learningRate(_ lr: Double) -> String {
        "lr must be > 0, but it is \(number(lr))"
    }

    static func steps(_ steps: Double) -> String {
        "steps must be a whole number ≥ 1, but it is \(number(steps))"
    }

    static func missingOption(_ name: String, of method: String) -> String {
        "'\(method)' needs the option '\(name):'"
    }

    static func leftDomain(steps: Int) -> String {
        "gradient ascent left the parameters' domain (or ℓ stopped being finite) after \(steps) steps"
    }

    static let smallerLearningRate = "use a smaller learning rate (lr)"

    /// A warning: separation found, which gradient ascent does not stop at.
    static func separatedWhileAscending(_ separation: String) -> String {
        separation + "; gradient ascent only stops where its steps run out"
    }

    static func ascentMadeWorse(from start: Double, to end: Double, lr: Double) -> String {
        "gradient ascent made ℓ worse (from \(number(start)) to \(number(end))): the learning rate \(number(lr)) is too large for this ℓ's curvature; try a smaller lr"
    }

    static func ascentNotAtMaximum(steps: Int, gradientNorm: Double) -> String {
        "gradient ascent stopped after \(steps) steps with max |∇ℓ| = \(number(gradientNorm, digits: 3)): not yet at the maximum, so the standard errors below describe the curvature at this point, not at the MLE; more steps (or a larger lr, if ℓ still rises steadily) would get closer"
    }

    // MARK: Separation

    /// Perfect separation along a direction ("w[1] 0.707, w[2] -0.707"); `complete` false for quasi-complete.
    static func separation(direction: [String], complete: Bool, upper: String) -> String {
        let what =
            if complete {
                "every row with y = \(upper) has a positive linear predictor and every row with y = 0 a negative one"
            } else {
                "every row is on its own side of the dividing line or on it (quasi-complete separation)"
            }
        return "perfect separation: the maximum likelihood estimate does not exist. "
            + "Along the direction (\(direction.joined(separator: ", "))) \(what), "
            + "so ℓ keeps increasing as the coefficients grow without bound"
    }

    static func separationHelp(param name: String) -> String {
        "add a prior to get a finite MAP estimate, e.g. 'prior \(name) ~ Normal(0, 10)'"
    }

    // MARK: Standard errors

    /// −∇²ℓ is not positive definite: ℓ curves upward along `along` ("0.707·a − 0.707·b").
    static func notAMaximum(along: String, _ names: [String]) -> String {
        "the Hessian at the estimate is not negative definite (it curves upward along \(along)): this point is not a maximum, so \(names.joined(separator: ", ")) cannot be estimated there"
    }

    static let notAMaximumHelp = "try other start values, or check that the model is identifiable"

    /// −∇²ℓ is singular: ℓ is flat along `along`.
    static func flatLikelihood(along: String, _ names: [String]) -> String {
        "the model is not identifiable: the Hessian is singular, so ℓ is flat along \(along) and \(names.joined(separator: " and ")) cannot be told apart by the data"
    }

    static let flatLikelihoodHelp = "remove a redundant parameter or column, or add a prior"

    // MARK: Fit report notes

    static func intervalLeavesDomain(_ name: String) -> String {
        "the 95% Wald interval for \(name) reaches outside its domain: a Wald interval is symmetric on \(name)'s own scale, so near a boundary read it with care"
    }

    /// The row note of an estimate on the boundary of its domain.
    public static let onTheBoundary = "on the boundary"

    /// Why a boundary estimate has no standard error.
    static func boundary(value: Double, param name: String) -> String {
        "\(hat(name)) = \(number(value)) is on the boundary of \(name)'s domain: ℓ increases all the way to the edge, so the maximum is there, not at a stationary point; a standard error (from the curvature at an interior maximum) does not apply"
    }

    static func posteriorMode(priors: [String]) -> String {
        "with priors \(priors.joined(separator: ", ")), this is the posterior mode (MAP); standard errors come from the curvature of the log-posterior"
    }
}
