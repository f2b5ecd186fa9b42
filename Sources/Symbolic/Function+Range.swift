/// What can be said of a function's value from what is known of its argument:
/// used by the simplifier to apply log rules only where they are valid.
extension Function {
    /// Whether f is analytic wherever it is defined (abs, sign, floor, round and the step are
    /// not: a Taylor series of them in the data is not exact, so they stay per row).
    public var isAnalytic: Bool {
        switch self {
        case .abs, .sign, .floor, .round, .logStep: return false
        default: return true
        }
    }

    /// Whether f(x) > 0 whenever x is in f's domain (and, for some, when x > 0).
    func isPositive(argumentPositive: Bool) -> Bool {
        switch self {
        case .exp, .sigmoid, .softplus, .normalMills: return true
        case .abs: return argumentPositive
        case .expm1, .log1p: return argumentPositive
        default: return false
        }
    }
}
