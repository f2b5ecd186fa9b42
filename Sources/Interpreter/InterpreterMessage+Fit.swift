import Checker
import Model
import Solvers

/// The wording of fitting: the choice of solver, convergence, separation, standard errors.
extension InterpreterMessage {
    static func intervalLeavesDomain(_ name: String) -> String {
        "the 95% Wald interval for \(name) reaches outside its domain: a Wald interval is symmetric on \(name)'s own scale, so near a boundary read it with care"
    }

    // MARK: Choosing and running a fit

    static func noClosedForm(_ reasons: [String]) -> String {
        "there is no closed form for this model: " + reasons.joined(separator: "; ")
    }

    static let fitIteratively = "fit it iteratively: 'fit using newton'"

    static func unknownMethod(_ name: String) -> String {
        "unknown fitting method '\(name)'"
    }

    static func tooManyParameters(_ k: Int) -> String {
        "this model has \(k) parameters; fitting and standard errors use the exact \(k)×\(k) Hessian, which is too large (at most 4000 parameters)"
    }

    /// Where a parameter runs off to: "σ → 0".
    static func edge(_ name: String, _ value: Double) -> String {
        "\(name) → \(Format.number(value))"
    }

    static func unbounded(as edge: String) -> String {
        "the likelihood is unbounded: it grows without limit as \(edge), so the maximum likelihood estimate does not exist (with a Normal, this happens when there is one observation or all values are equal)"
    }

    static let unboundedHelp = "add data, fix the scale, or put a prior on the parameter that goes to the edge"

    // MARK: Why there is no exact solution

    static func leastSquaresDoesNotApply(_ why: String) -> String {
        "least squares does not apply (\(why))"
    }

    static func perRowPart(_ description: String) -> String {
        "ℓ keeps a per-row part (\(description)), so the score equations cannot be solved in closed form"
    }

    /// The per-row part is a linear predictor (`w·x`) inside a nonlinear function.
    static func linearPredictorInside(_ predictors: [String]) -> String {
        "the linear predictor " + predictors.joined(separator: ", ") + " inside a nonlinear function"
    }

    static let notPolynomialInData = "a term not polynomial in the data"

    static func rootOutsideDomain(_ name: String, _ value: Double) -> String {
        "the root \(name) = \(Format.number(value)) is outside the parameter's domain"
    }

    static let stationaryPointNotMaximum = "the stationary point of the score equations is not a maximum"

    // MARK: Least squares

    static func collinearColumns(_ names: [String], rank: Int, columns: Int) -> String {
        "the model is not identifiable: the columns for \(names.joined(separator: ", ")) are linear combinations of the others (the design matrix has rank \(rank) of \(columns))"
    }

    static let dropRedundantColumn = "drop a redundant column or parameter"

    // MARK: Newton's method

    static func notConverged(
        _ status: SolverResult.Status, iterations: Int, value: Double, gradient: Double
    ) -> String {
        "the fit did not converge: Newton's method stopped after \(iterations) iterations (\(stopped(status))) "
            + "with ℓ = \(Format.number(value)) and max |∇ℓ| = \(Format.number(gradient, digits: 3))"
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

    static func gradientNeedsOption(_ name: String) -> String {
        "gradient ascent needs '\(name):'"
    }

    static func learningRate(_ lr: Double) -> String {
        "lr must be > 0, but it is \(Format.number(lr))"
    }

    static func steps(_ steps: Double) -> String {
        "steps must be a whole number ≥ 1, but it is \(Format.number(steps))"
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
        "gradient ascent made ℓ worse (from \(Format.number(start)) to \(Format.number(end))): the learning rate \(Format.number(lr)) is too large for this ℓ's curvature; try a smaller lr"
    }

    static func ascentNotAtMaximum(steps: Int, gradientNorm: Double) -> String {
        "gradient ascent stopped after \(steps) steps with max |∇ℓ| = \(Format.number(gradientNorm, digits: 3)): not yet at the maximum, so the standard errors below describe the curvature at this point, not at the MLE; more steps (or a larger lr, if ℓ still rises steadily) would get closer"
    }

    // MARK: Separation

    /// Perfect separation along a direction ("w[1] 0.707, w[2] -0.707"); `complete` false for quasi-complete.
    static func separation(direction: [String], complete: Bool) -> String {
        let what =
            if complete {
                "every row with y = 1 has a positive linear predictor and every row with y = 0 a negative one"
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

    static let seOnlyAfterFit = "se() has a value only after 'fit'"

    /// A slot with no standard error, and why when known (it is on the boundary).
    static func noStandardError(_ name: String, reason: String?) -> String {
        "\(name) has no standard error" + (reason.map { ": \($0)" } ?? "")
    }

    static let seNeedsParamFormula = "se() takes a formula in params (and numbers), not per-row data"

    static let noCovariance = "there is no covariance for this fit"

    // MARK: Fit report notes

    /// The row note of an estimate on the boundary of its domain.
    static let onTheBoundary = "on the boundary"

    /// Why a boundary estimate has no standard error; `hat` is the estimate's name (p̂).
    static func boundary(hat: String, value: Double, param name: String) -> String {
        "\(hat) = \(Format.number(value)) is on the boundary of \(name)'s domain: ℓ increases all the way to the edge, so the maximum is there, not at a stationary point; a standard error (from the curvature at an interior maximum) does not apply"
    }

    static func posteriorMode(priors: [String]) -> String {
        "with priors \(priors.joined(separator: ", ")), this is the posterior mode (MAP); standard errors come from the curvature of the log-posterior"
    }
}
