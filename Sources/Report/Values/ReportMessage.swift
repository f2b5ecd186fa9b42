import Diagnostics

/// The wording the report adds about its own rows (the flags of the profile
/// intervals), in one place.
enum ReportMessage {
    static func exactInterval(_ name: String, _ e: (Double, Double), _ level: Double) -> String {
        "exact: the Clopper–Pearson \(NumberFormat.significant(100 * level))% interval for \(name), from the binomial distribution of the successes, is [\(NumberFormat.significant(e.0)), \(NumberFormat.significant(e.1))] (it guarantees at least \(NumberFormat.significant(100 * level))% coverage; the profile interval is the likelihood-ratio one)"
    }

    static let informationDiffers =
        "information: the standard errors above are from the observed information −∇²ℓ(θ̂); the expected (Fisher) information E[−∇²ℓ] at θ̂ gives others here:"

    static func asymmetric(_ ratios: [String]) -> String {
        "asymmetric: one side of the profile interval is at least 25% longer than the other ("
            + ratios.joined(separator: ", ")
            + "), so ℓ is far from quadratic there and the Wald interval misplaces its ends: report the profile interval"
    }

    static func oneSided(_ name: String, _ edge: Double) -> String {
        "one-sided: the estimate of \(name) is on the edge of its domain, so its profile interval ends there (at \(NumberFormat.significant(edge)))"
    }

    static func open(_ name: String, above: Bool, edge: Double, _ level: Double) -> String {
        "open \(above ? "above" : "below"): the profile of \(name) stays above ℓ̂ − χ²₁(\(NumberFormat.significant(level)))/2 all the way to \(NumberFormat.mathematical(edge)): the data do not bound \(name) \(above ? "above" : "below") at this level"
    }

    static func incomplete(_ name: String, _ why: String) -> String {
        "incomplete: the profile of \(name) stopped before reaching the cutoff (\(why)); its interval runs only as far as the profile got"
    }

    static let stoppingPoints =
        "(the runs did not converge: gradient ascent stops where its steps run out, so these are where they stopped, not optima)"

    static func declaredStartMissed(_ starts: Int) -> String {
        "from the declared start alone the fit stops at a lower optimum: the estimate is the best of \(starts) starts (a likelihood with several local maxima; check that the best is the one you want)"
    }
}
