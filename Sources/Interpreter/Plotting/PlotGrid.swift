import Foundation

/// The values a plot evaluates at: `count` points spread evenly over [lower, upper]
/// (evenly in log10 on a log axis), with one more value (the estimate) put in its place
/// when given (or taking the place of a grid point within rounding of it), so the curve passes through the MLE exactly and its maximum there can be
/// checked.
enum PlotGrid {
    /// Points along a curve: enough for 2×80 braille dots and a smooth SVG line.
    static let curvePoints = 201
    /// Points along an expression's curve; each may re-fit models, so fewer.
    static let expressionPoints = 101
    /// Points along each side of a contour map (61 × 61 evaluations of ℓ).
    static let contourPoints = 61
    /// Points along each side of a profile's contour map: each is a fit of the other params.
    static let profileContourPoints = 41

    static func values(lower: Double, upper: Double, count: Int, log: Bool, including extra: Double? = nil) -> [Double]
    {
        let n = max(2, count)
        var xs: [Double]
        if log {
            let (a, b) = (Foundation.log10(lower), Foundation.log10(upper))
            xs = (0..<n).map { Foundation.pow(10, a + (b - a) * Double($0) / Double(n - 1)) }
        } else {
            xs = (0..<n).map { lower + (upper - lower) * Double($0) / Double(n - 1) }
        }
        // The ends exactly as given (the formula above can miss them by a rounding error).
        xs[0] = lower
        xs[n - 1] = upper
        guard let extra, extra > lower, extra < upper else { return xs }
        // A grid point within rounding of the value becomes the value itself (a range centred
        // on the estimate has it as its middle point); otherwise the value is added.
        let spacing = (xs[n - 1] - xs[0]) / Double(n - 1)
        if let near = xs.indices.min(by: { abs(xs[$0] - extra) < abs(xs[$1] - extra) }),
            abs(xs[near] - extra) <= 1e-9 * spacing
        {
            xs[near] = extra
        } else {
            xs.append(extra)
            xs.sort()
        }
        return xs
    }
}
