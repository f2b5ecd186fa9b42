import Diagnostics
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
    static let meanIsLinear = "the mean is linear in its parameters (least squares' case)"
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

    static let heldFixed = "some parameters are held fixed (a profile or a restricted fit)"

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
    static let newtonTitle = "Newton's method (exact Hessian, trust region)"
    static let lbfgsTitle = "L-BFGS (limited-memory quasi-Newton, Moré–Thuente line search)"
    static let lbfgsAskedFor = "L-BFGS was asked for ('using lbfgs')"

    static func lbfgsBecause(_ reason: String, parameters k: Int, threshold: Int) -> String {
        "no closed form: \(reason); with \(k) parameters (more than \(threshold)) the exact k×k Hessian costs more per Newton step than it saves, so L-BFGS (ℓ and ∇ℓ only; the Hessian is formed once, at the estimate, for the standard errors)"
    }

    static func lbfgsNotConverged(_ status: SolverResult.Status, iterations: Int, value: Double, gradient: Double)
        -> String
    {
        "the fit did not converge: L-BFGS stopped after \(iterations) iterations (\(stopped(status))) "
            + "with ℓ = \(number(value)) and max |∇ℓ| = \(number(gradient, digits: 3))"
    }

    static let levenbergMarquardtTitle = "Levenberg–Marquardt (Gauss–Newton Hessian, Moré scaling)"
    static let levenbergMarquardtAskedFor = "Levenberg–Marquardt was asked for ('using lm')"

    static func levenbergMarquardtBecause(_ reason: String, _ names: [String]) -> String {
        "no closed form: \(reason); the Normal's mean is nonlinear in \(names.joined(separator: ", ")), so the MLE minimises the residual sum of squares: Levenberg–Marquardt on the residuals, each step a damped Gauss–Newton least-squares solve (QR, never JᵀJ)"
    }

    static func levenbergMarquardtScale(_ name: String, _ value: Double) -> String {
        "\(hat(name)) = √(RSS/n) = \(number(value)), at the minimum of the residual sum of squares"
    }

    static func notNonlinearLeastSquares(_ why: String) -> String {
        "Levenberg–Marquardt needs a single Normal term whose mean depends on the parameters and whose σ is a separate parameter or a constant, without priors: \(why)"
    }

    static let lmBoundary = "a constrained parameter of the mean ran to the edge of its domain"

    static func lmNotConverged(_ status: SolverResult.Status, iterations: Int, rss: Double) -> String {
        "the fit did not converge: Levenberg–Marquardt stopped after \(iterations) iterations (\(stopped(status))) with a residual sum of squares of \(number(rss))"
    }

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
        "\(name) → \(number(value))"
    }

    static func unbounded(as edge: String) -> String {
        "the likelihood is unbounded: it grows without limit as \(edge), so the maximum likelihood estimate does not exist (with a Normal, this happens when there is one observation or all values are equal)"
    }

    static func exactFit(scale name: String) -> String {
        "the mean fits every row exactly (the residual sum of squares is 0 to rounding): the likelihood grows without limit as \(name) → 0, so the maximum likelihood estimate of \(name) does not exist"
    }

    static let exactFitHelp =
        "the coefficients are determined exactly; fix the scale (e.g. Normal(mean, 1)) to fit them"

    static let unboundedHelp = "add data, fix the scale, or put a prior on the parameter that goes to the edge"

    // MARK: Newton's method

    static func notConverged(_ status: SolverResult.Status, iterations: Int, value: Double, gradient: Double) -> String
    {
        "the fit did not converge: Newton's method stopped after \(iterations) iterations (\(stopped(status))) "
            + "with ℓ = \(number(value)) and max |∇ℓ| = \(number(gradient, digits: 3))"
    }

    static func limitedPrecision(digits: Int) -> String {
        "Newton's method stopped where ℓ can no longer resolve its steps: the estimate is good to about \(max(0, digits)) significant digits (rescaling the data may recover more)"
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
        case .interrupted: return "interrupted"
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

    static let notApplicable = "the family does not call for it"
    static let sampleMedianTitle = "sample median"
    static let sampleMedianReason =
        "ℓ is piecewise linear in the location (|y − μ|), not differentiable at the data, so it is maximised exactly: the location at a sample median, the scale at the mean absolute deviation from it"
    static func medianForm(_ n: Int) -> String {
        n % 2 == 1 ? "median(y)" : "median(y), the midpoint of the two middle values"
    }
    static func absoluteDeviationForm(_ mu: String) -> String { "Σ|y − \(mu)̂|/n" }
    static func expectedInformation(_ mu: String, _ b: String) -> String {
        "ℓ has no second derivative in \(mu) at the median: the standard errors of \(mu) and \(b) are from the expected information n/\(b)² (each \(b)̂/√n)"
    }
    static func medianInterval(_ mu: String, _ low: Double, _ high: Double) -> String {
        "with an even number of rows every \(mu) between \(NumberFormat.significant(low)) and \(NumberFormat.significant(high)) maximises ℓ in \(mu) (the same ℓ); the midpoint is reported"
    }
    static func allEqual(_ b: String) -> String {
        "the likelihood is unbounded: every observation is equal, so ℓ grows without limit as \(b) → 0"
    }
    static let sampleRangeTitle = "sample range"
    static let sampleRangeReason =
        "ℓ = −n·log(b − a) grows as the support shrinks and is −∞ once it leaves out an observation, so the maximum is at the sample minimum and maximum"
    static let minimumForm = "min(y)"
    static let maximumForm = "max(y)"
    static func supportEdge(_ name: String, _ value: Double) -> String {
        "\(name) = \(NumberFormat.significant(value)) is on the edge of the support (ℓ is −∞ beyond it and not differentiable there): no Wald standard error, the estimator converges at rate 1/n"
    }
    static func transformedResponse(_ response: String) -> String {
        "ℓ is the log-likelihood of \(response), not of the untransformed data: compare its AIC and BIC only with models of \(response)"
    }
    static func nonSmoothLocation(_ family: String) -> String {
        "ℓ is not differentiable in \(family)'s location (it has a kink at each observation): Newton's method may stop at a kink, and standard errors from the Hessian there are unreliable"
    }
    static func startedAt(_ name: String, _ value: Double) -> String { "\(name) = \(NumberFormat.significant(value))" }
    static func startsFromData(_ family: String, _ starts: [String]) -> String {
        "Newton's method started from the data, at \(starts.joined(separator: ", ")) (\(family): the median and half the interquartile range)"
    }

    static func mayBeMultimodal(_ family: String) -> String {
        "a \(family) likelihood can have several local maxima: this is the one reached from the start values ('using newton(starts: 20)' looks for others)"
    }

    // MARK: Multi-start

    static func starts(_ k: Double) -> String {
        "starts must be a whole number from 1 to 10000, but it is \(number(k))"
    }

    static func seed(_ s: Double) -> String { "seed must be a whole number ≥ 0, but it is \(number(s))" }

    static func secondOptimumInside(_ other: Double, _ best: Double) -> String {
        "another optimum, ℓ = \(number(other)), is within χ²₁(0.95)/2 = 1.92 of the best (\(number(best))): the 95% likelihood region is not one interval around the estimate but includes a neighbourhood of that optimum too, which the profile intervals (computed around the best) do not show"
    }

    // MARK: Profiles

    static let profileNotFinite = "ℓ stopped being finite"

    static func profilesSkipped(parameters k: Int, limit: Int) -> String {
        "profile intervals are computed for up to \(limit) parameters and this model has \(k): ask for them with 'fit … profile', or one at a time with profile(name)"
    }

    static func profilesTooCostly(rows n: Int, parameters k: Int) -> String {
        "profile intervals are not computed by default for \(n) rows and \(k) parameters (each takes ~20 refits of the whole model): ask for them with 'fit … profile', or one at a time with profile(name)"
    }

    static let profilesNotConverged =
        "no profile intervals: the fit stopped before the maximum, and a profile is measured from the maximum"

    static func restarted(param: String, at value: Double, rise: Double, from old: Double, to new: Double) -> String {
        "the profile of \(param) met a higher log-likelihood at \(param) = \(number(value)) (ℓ higher by \(number(rise, digits: 3))), so the first estimate was not the maximum: the fit was restarted from there, and ℓ̂ rose from \(number(old)) to \(number(new))"
    }

    static let restartReason = "restarted from a higher point a profile likelihood met"

    static func profileFoundHigher(_ name: String, at value: Double) -> String {
        "the profile of \(name) met a higher log-likelihood at \(name) = \(number(value)) than the fit's maximum: the fit is not at the maximum; fit again (with starts near there, or using newton(starts: 20))"
    }

    static func posteriorMode(priors: [String]) -> String {
        "with priors \(priors.joined(separator: ", ")), this is the posterior mode (MAP); standard errors come from the curvature of the log-posterior"
    }
}
