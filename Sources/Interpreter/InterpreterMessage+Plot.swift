import Diagnostics

/// The words of plots: titles, axis and legend labels, notes, and the errors a plot
/// meets at run time.
extension InterpreterMessage {
    // MARK: Labels

    static func number(_ x: Double) -> String { NumberFormat.mathematical(x, digits: 4) }

    /// "ℓ(μ)", "ℓ(μ) + log π" for a MAP fit, "ℓ_p(μ)" for a profile.
    static func loglikLabel(_ param: String, prior: Bool, profile: Bool = false) -> String {
        let l = profile ? "ℓ_p(\(param))" : "ℓ(\(param))"
        return prior ? l + " + log π" : l
    }

    static func loglikTitle(_ params: [String], model: String, profile: Bool) -> String {
        let what = profile ? "profile log-likelihood" : "log-likelihood"
        return "\(what) over \(params.joined(separator: " and ")): \(shortened(model))"
    }

    /// What the params not plotted are: held at their estimates, or maximised (profile).
    static func others(_ names: [String], profile: Bool) -> String? {
        guard !names.isEmpty else { return nil }
        let which = names.count <= 3 ? names.joined(separator: ", ") : "the other \(names.count) params"
        return profile ? "\(which) maximised at each point" : "\(which) at the estimate"
    }

    static func simplexSliceNote(_ names: [String], plotted: String) -> String {
        let which = names.count <= 3 ? names.joined(separator: ", ") : "the rest of the row"
        let s = names.count == 1 ? "" : "s"
        return "\(which) rescaled at each point in proportion to the estimate\(s), so that the simplex row with "
            + "\(plotted) still sums to 1"
    }

    static func sliceNote(_ names: [String], plotted: String) -> String {
        let which = names.count <= 3 ? names.joined(separator: ", ") : "the other params"
        return "a slice of ℓ: \(which) held at the estimate; "
            + "'plot loglik over \(plotted) profile' maximises over \(names.count == 1 ? "it" : "them") instead"
    }

    static func estimateLabel(_ param: String, _ value: Double, map: Bool, fitted: Bool) -> String {
        let kind = !fitted ? "the estimate" : (map ? "MAP" : "MLE")
        return "\(param)̂ = \(number(value)) (\(kind))"
    }

    static func pointLabel(_ a: String, _ x: Double, _ b: String, _ y: Double, map: Bool) -> String {
        "(\(a)̂, \(b)̂) = (\(number(x)), \(number(y))) (\(map ? "MAP" : "MLE"))"
    }

    static let cutoffLabel = "ℓ̂ − χ²₁(0.95)/2"

    static func intervalLabel(_ lower: Double, _ upper: Double) -> String {
        "95% interval [\(number(lower)), \(number(upper))]"
    }
    static let regionLabel = "95% confidence region: ℓ̂ − χ²₂(0.95)/2"
    static let shadowLabel = "ℓ̂ − χ²₁(0.95)/2: its extent is each param's 95% interval"

    static func noDefaultRange(_ param: String) -> String {
        "'\(param)' has no default range on this axis (±4 standard errors around its estimate reach 0 or beyond)"
    }

    static func regionAtEdge(_ what: String) -> String {
        "the \(what) reaches the edge of the grid, so its extent there is not known (nan); give wider ranges"
    }

    static let loglikAxis = "ℓ"

    // MARK: Traces

    static let iterationAxis = "iteration"
    static let gradientAxis = "max |∇ℓ|"

    static func traceTitle(_ model: String, method: String, iterations: Int) -> String {
        "trace of \(shortened(model)): \(iterations) iteration\(iterations == 1 ? "" : "s") of \(method)"
    }

    static func traceThinned(kept: Int, of total: Int) -> String {
        "\(kept) of the \(total) iterations are drawn (evenly spaced, the first and last among them)"
    }

    static let gradientZero = "iterations with a gradient of exactly 0 are left out of the log-scaled gradient panel"

    // MARK: Curves of expressions

    static func curveTitle(_ expression: String, over variable: String) -> String {
        "\(shortened(expression)) over \(variable)"
    }

    static func rebindNote(_ variable: String, refitted: [String]) -> String {
        let models = refitted.map { $0.isEmpty ? "the unnamed model" : "'\($0)'" }.joined(separator: ", ")
        return
            "at each \(variable), \(refitted.count == 1 ? "the model \(models) was" : "the models \(models) were") re-fitted"
    }

    static func pointFailed(_ variable: String, at x: Double, _ message: String, count: Int) -> String {
        let others = count > 1 ? " (and at \(count - 1) more point\(count == 2 ? "" : "s"): left out of the curve)" : ""
        return "at \(variable) = \(number(x)): \(message)\(others)"
    }

    // MARK: Errors

    static func noFitEstimates(_ param: String) -> String {
        "no fit has estimated '\(param)' yet"
    }

    static func vectorParamNeedsComponent(_ name: String) -> String {
        "'\(name)' is a vector param; a plot goes over one component, such as \(name)[1]"
    }

    static func paramsFromDifferentFits(_ a: String, _ b: String) -> String {
        "'\(a)' and '\(b)' were estimated by different fits; a contour map is of one model's ℓ"
    }

    static func notInModel(_ param: String, model: String) -> String {
        "model '\(model)' has no param '\(param)'"
    }

    static func noRangeWithoutStandardError(_ param: String) -> String {
        "'\(param)' has no standard error (it is on the boundary of its domain), so there is no default range"
    }

    static func giveRange(_ param: String) -> String { "give one: 'over \(param) in (a, b)'" }

    static func rangeOutsideDomain(_ param: String, lower: Double?, upper: Double?) -> String {
        let domain = "(\(lower.map(number) ?? "−∞"), \(upper.map(number) ?? "∞"))"
        return "the range must lie in the domain of '\(param)', \(domain)"
    }

    static func noIterations(_ method: String) -> String {
        "the fit has no iterations to plot: its method, \(method), does not iterate"
    }

    static let iterateHelp = "fit with an iterative method to see its iterations: 'fit using newton'"

    static func cannotWritePlot(_ path: String, reason: String) -> String {
        "cannot write the plot to '\(path)': \(reason)"
    }

    static func plotPointsAllFailed(_ message: String) -> String {
        "no point of the plot could be computed; at the first: \(message)"
    }

    static let profileOfOtherModel = "a profile is of the fit's own model; draw loglik(m) without 'profile'"

    /// Long model descriptions are cut for titles.
    static func shortened(_ s: String, limit: Int = 60) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }
}

extension InterpreterMessage {
    /// How `print c` shows a named plot.
    static func plotValue(_ title: String, _ members: [String]) -> String {
        "plot: \(title) (data: \(members.joined(separator: ", ")))"
    }
}

extension InterpreterMessage {
    static func plotComponentsChange(_ text: String, at x: Double, from a: Int, to b: Int) -> String {
        "'\(text)' has \(a) component\(a == 1 ? "" : "s") at the first point but \(b) at \(number(x))"
    }
}

extension InterpreterMessage {
    // MARK: Profiles

    static func profileTitle(_ param: String, model: String) -> String {
        "signed-root profile of \(param): \(shortened(model))"
    }

    static let signedRootAxis = "signed root r"

    static let profileNeedsMaximum =
        "the fit stopped before the maximum, and a profile is measured from the maximum"
    static let profileNeedsMaximumHelp =
        "fit again until it converges (more steps, or 'using newton'); 'plot loglik over' without 'profile' draws a slice at the estimates"

    static func signedRootLabel(_ param: String) -> String {
        "r(\(param)) = sign(\(param) − \(param)̂)·√(2(ℓ̂ − ℓ_p))"
    }

    static func waldLineLabel(_ param: String) -> String { "Wald line (\(param) − \(param)̂)/se" }

    static func zLabel(_ z: Double) -> String { "r = ±\(number(z)) (95%)" }

    static func profileIntervalLabel(_ lower: Double, _ upper: Double) -> String {
        "95% profile interval [\(number(lower)), \(number(upper))]"
    }

    static func noWaldLine(_ param: String) -> String {
        "'\(param)' has no standard error, so there is no Wald line"
    }

    static func profilePointsFailed(_ count: Int) -> String {
        "the restricted fit failed at \(count) point\(count == 1 ? "" : "s"), left out of the curve"
    }

    static func profileEndAtBoundary(_ param: String, _ side: String, _ x: Double) -> String {
        "the \(side) end of \(param)'s interval is the boundary \(number(x)), where the estimate is"
    }

    static func profileEndOpen(_ param: String, _ side: String, _ x: Double) -> String {
        "ℓ_p stays above the cut-off on the \(side) side as far as \(number(x)): the interval is open there (nan)"
    }

    static func profileEndFailed(_ param: String, _ side: String, _ x: Double, _ reason: String) -> String {
        "the restricted fits failed beyond \(number(x)) on the \(side) side (\(reason)): that end is not known (nan)"
    }
}
