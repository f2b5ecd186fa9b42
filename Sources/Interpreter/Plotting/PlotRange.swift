import Checker
import Diagnostics
import Foundation
import Report

/// The checks and adjustments of a plot's range, and the numbers read off a curve.
enum PlotRange {
    /// A range evaluated at run time: finite, in order, positive on a log axis.
    static func check(_ a: Double, _ b: Double, log: Bool, _ span: SourceSpan) throws {
        guard a.isFinite, b.isFinite, a < b else {
            throw Diagnostic.error(CheckerMessage.plotRangeOrder(lower: a, upper: b), at: span)
        }
        if log, !(a > 0) {
            throw Diagnostic.error(CheckerMessage.plotLogRange(a), at: span, help: CheckerMessage.plotLogRangeHelp)
        }
    }

    /// [a, b] moved just inside an open bound of the domain it touches (ℓ is often −∞ on
    /// the bound itself): by a thousandth of the range.
    static func inside(_ a: Double, _ b: Double, lower: Double?, upper: Double?) -> (Double, Double) {
        let step = (b - a) * 1e-3
        let a2 = lower.map { a <= $0 ? $0 + step : a } ?? a
        let b2 = upper.map { b >= $0 ? $0 - step : b } ?? b
        return (a2, b2)
    }
}

/// Where a curve g(x) (here ℓ − the cut-off) crosses 0 on each side of the estimate:
/// the grid brackets the first sign change walking out from the estimate, and bisection
/// on g itself narrows it to rounding (so the number is the curve's, not the grid's).
enum PlotCrossing {
    static func around(
        _ estimate: Double, xs: [Double], ys: [Double], _ g: (Double) -> Double
    ) -> (lower: Double, upper: Double) {
        guard let centre = xs.indices.min(by: { abs(xs[$0] - estimate) < abs(xs[$1] - estimate) }),
            ys[centre] >= 0
        else { return (.nan, .nan) }
        func side(_ step: Int) -> Double {
            var i = centre
            while i + step >= 0, i + step < xs.count {
                let next = i + step
                if ys[next].isNaN { return .nan }
                if ys[next] < 0 { return bisect(g, inside: xs[i], outside: xs[next]) }
                i = next
            }
            return .nan
        }
        return (side(-1), side(1))
    }

    /// The root of g between a point where g ≥ 0 and one where g < 0.
    static func bisect(_ g: (Double) -> Double, inside a: Double, outside b: Double) -> Double {
        var (inner, outer) = (a, b)
        for _ in 0..<200 {
            let mid = (inner + outer) / 2
            if mid == inner || mid == outer { break }
            let v = g(mid)
            if v >= 0 { inner = mid } else { outer = mid }
        }
        return (inner + outer) / 2
    }
}

/// The largest and smallest finite values of a curve, and where they are.
struct PlotExtremes {
    var argmax = Double.nan
    var max = Double.nan
    var argmin = Double.nan
    var min = Double.nan

    init(xs: [Double], ys: [Double]) {
        for (x, y) in zip(xs, ys) where y.isFinite {
            if !(y <= max) {
                max = y
                argmax = x
            }
            if !(y >= min) {
                min = y
                argmin = x
            }
        }
    }
}

extension PlotAxis {
    /// A y axis over the finite values, 5% of the span beyond each end (a decade's tenth
    /// on a log axis); [v − 1, v + 1] around a constant.
    static func spanning(_ values: [Double], label: String, scale: Scale = .linear) -> PlotAxis {
        let finite = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
        guard let lo = finite.min(), let hi = finite.max() else {
            return PlotAxis(label: label, lower: 0, upper: 1, scale: scale)
        }
        if scale == .log {
            let (a, b) = (Foundation.log10(lo), Foundation.log10(hi))
            let pad = Swift.max(0.05 * (b - a), 0.1)
            return PlotAxis(
                label: label, lower: Foundation.pow(10, a - pad), upper: Foundation.pow(10, b + pad), scale: .log)
        }
        guard hi > lo else {
            return PlotAxis(
                label: label, lower: lo - Swift.max(1, abs(lo) * 0.1), upper: hi + Swift.max(1, abs(hi) * 0.1))
        }
        let pad = 0.05 * (hi - lo)
        return PlotAxis(label: label, lower: lo - pad, upper: hi + pad)
    }

    /// A y axis for ℓ: from its top down to where the middle 80% of the curve goes, at
    /// least 4 cut-offs down, so a curve plunging to −∞ at a boundary (σ → 0) does not
    /// flatten the part worth reading; what falls below is cut at the frame.
    static func fitted(_ ys: [Double], top: Double, drop: Double, label: String) -> PlotAxis {
        let n = ys.count
        let middle = ys[(n / 10)..<Swift.max(n / 10 + 1, n - n / 10)].filter(\.isFinite)
        let deepest = middle.map { top - $0 }.max() ?? 0
        let floor = top - Swift.max(4 * drop, deepest)
        let clipped = ys.filter(\.isFinite).map { Swift.max($0, floor) } + [top]
        return spanning(clipped, label: label)
    }
}
