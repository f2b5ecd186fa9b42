/// Sums that keep their digits, shared by the interpreter's reductions and the
/// likelihood's sufficient statistics.
public enum Summation {
    /// Neumaier's compensated sum; an overflowing sum is returned as it is (±inf), not NaN.
    public static func sum(_ xs: [Double]) -> Double {
        var s = 0.0
        var c = 0.0
        for x in xs {
            let t = s + x
            c += abs(s) >= abs(x) ? (s - t) + x : (x - t) + s
            s = t
        }
        return s.isFinite ? s + c : s
    }

    /// The mean from the compensated sum: exact to rounding for data near 10⁷ and for
    /// values that cancel; term by term when the sum itself overflows.
    public static func mean(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        let s = sum(xs)
        return s.isFinite ? s / Double(xs.count) : xs.reduce(0) { $0 + $1 / Double(xs.count) }
    }
}
