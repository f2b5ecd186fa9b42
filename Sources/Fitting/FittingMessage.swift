import Diagnostics
import Foundation
import Model
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
    static func tooManyForIterative(_ k: Int, _ reason: String) -> String {
        "this model has \(k) parameters and no closed form (\(reason)); Newton's method uses the exact \(k)×\(k) Hessian, which is too large (at most 4000 parameters)"
    }

    static func newtonBecause(_ reason: String) -> String { "no closed form: " + reason }
    static let newtonAskedFor = "Newton's method was asked for ('using newton')"
    static let gradientAskedFor = "plain gradient ascent was asked for: θ ← θ + lr·∇ℓ(θ), from the start values"

    /// The coordinates an iterative method works in, as a report names them: "log(σ)",
    /// "logit(p)", and for a simplex its log-ratios "log(p[k]/p[1])".
    static func coordinateNames(_ layout: ParameterLayout) -> [String] {
        layout.entries.flatMap { entry -> [String] in
            switch entry.shape {
            case .simplex(let rows, _):
                let first = rows == nil ? "\(entry.name)[1]" : "\(entry.name)[i, 1]"
                let other = rows == nil ? "\(entry.name)[k]" : "\(entry.name)[i, j]"
                return ["log(\(other)/\(first))"]
            default:
                // A long param names its components together: log(S[·]).
                let t = entry.transform
                if t.isIdentity { return [] }
                if entry.size > 4 { return [t.describe("\(entry.name)[·]")] }
                return entry.slots.map { t.describe(layout.slotName($0)) }
            }
        }
    }

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
    static let profilesOfMixtures =
        "no profile intervals for a mixture by default: a restricted fit can collapse a component onto one observation (ℓ → ∞); `fit … profile` asks for them"
    static let rowsInDatabase = "the rows stay in the database, and a QR factorisation needs them in memory"
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
    static func groupedClosedFormReason(simplex: Bool) -> String {
        "the log-likelihood factors into sums over each group of rows, and each group's score equations are solved symbolically"
            + (simplex ? " (a simplex's with a Lagrange multiplier for its sum 1)" : "")
            + ", then evaluated group by group"
    }
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

    // MARK: Params picked per row by data

    static func componentWithoutRows(_ name: String) -> String {
        "the model is not identifiable: no row picks \(name) (its group has no rows), so ℓ does not depend on it"
    }

    /// "P[the, ·]" from the name of the row's first component "P[the, a]".
    static func simplexRowName(_ first: String) -> String {
        guard let comma = first.lastIndex(of: ",") else { return first }
        return first[..<comma] + ", ·]"
    }

    static func componentWithoutRowsHelp(_ param: String) -> String {
        "drop the empty group from the data, declare '\(param)' with fewer components, or give it a prior"
    }

    static func sharedAcrossGroups(_ name: String) -> String {
        "\(name) is shared by every group, so the groups' score equations are coupled"
    }

    static func componentInSeveralCells(_ name: String) -> String {
        "\(name) is picked in several groups of rows (or by several terms), so its score sums over them and the groups' equations are coupled"
    }

    static func alsoUsedDirectly(_ name: String) -> String {
        "\(name) is picked per row by data and also named directly, so its score equations are coupled"
    }

    static func pickedPerRow(_ name: String) -> String {
        "'\(name)' is picked per row inside a part of ℓ that keeps its rows"
    }

    static func simplexNotProportional(_ name: String) -> String {
        "the score equations of the simplex '\(name)' do not give each component in proportion to a count"
    }

    /// "μ̂ₖ = Σ_{class=k} x/nₖ = 5.006, 5.936, 6.588 (k = 1…3)"; without values for many groups.
    static func groupForm(_ name: String, _ expression: String, _ values: [Double]) -> String {
        let shown = values.count <= 5 ? " = " + values.map { number($0) }.joined(separator: ", ") : ""
        return "\(name) = \(expression)\(shown)   (per group, \(values.count) group\(values.count == 1 ? "" : "s"))"
    }

    /// The total count of a simplex row: n for one simplex, nᵢ for the row i of a bigram table.
    static func rowTotal(_ letters: [String], outcome: String?) -> String {
        let rest = letters.filter { $0 != outcome }
        return "n" + rest.map(GroupedTerm.subscriptLetter).joined()
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

    static func unbounded(as edge: String, hint: String? = nil) -> String {
        "the likelihood is unbounded: it grows without limit as \(edge), so the maximum likelihood estimate does not exist"
            + (hint.map { " (\($0))" } ?? "")
    }

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

    static func intervalsLeaveDomain(_ name: String, count: Int) -> String {
        "the 95% Wald intervals of \(count) components of \(name) reach outside their domain: a Wald interval is symmetric on the parameter's own scale, so near a boundary (small counts) read it with care"
    }

    /// How simplex params were handled: fitted on the simplex, SEs from the information on it.
    static func simplexCoordinates(_ layout: ParameterLayout) -> String {
        let names = layout.entries.filter(\.isSimplex).map(\.name).joined(separator: ", ")
        return
            "\(names): each row's components are ≥ 0 and sum to 1 (one fewer free parameter per row, as AIC and BIC count); iterative methods work in log-ratio coordinates log(pₖ/p₁), and the standard errors come from the information on the simplex (delta method), so each row's covariance sums to 0"
    }

    static func baselineRow(_ names: [String], category: String) -> String {
        let which = category == "1" ? "category 1" : "category 1 (\(category))"
        return
            "\(names.joined(separator: " and ")) \(names.count == 1 ? "is" : "are") held at 0 and not estimated: \(which) is the baseline, as in R's nnet::multinom, so each other category's coefficients are its log-odds against \(which)"
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

    /// Many components of one param on the boundary (a bigram that never occurs has P̂ = 0).
    static func zerosNotListed(_ name: String, _ count: Int) -> String {
        "\(count) components of \(name) estimated at 0 (on the boundary: outcomes never seen in their row) are not listed; read any one as \(name)[i, j]"
    }

    static func rowsNotListed(_ count: Int) -> String {
        "\(count) more components are not listed; read each estimate by name (P[i, j]) and its standard error with se(P[i, j])"
    }

    static func blockTooLarge(_ size: Int, _ first: String) -> String {
        "the standard errors need the inverse of a block of \(size) parameters that covary (from \(first)); at most \(BlockedInformation.denseBlockLimit) are inverted together"
    }

    static func manyOnBoundary(_ name: String, count: Int, of total: Int, simplex: Bool) -> String {
        let why =
            simplex
            ? "their outcomes never occur in their rows' data, so ℓ rises as they go to 0 (a Dirichlet prior, 'prior \(name) ~ Dirichlet(2)', keeps them inside)"
            : "ℓ increases all the way to the edge"
        return
            "\(count) of the \(total) components of \(name) are on the boundary of their domain: \(why); they have no standard error"
    }

    static func posteriorMode(priors: [String]) -> String {
        "with priors \(priors.joined(separator: ", ")), this is the posterior mode (MAP); standard errors come from the curvature of the log-posterior"
    }
}
