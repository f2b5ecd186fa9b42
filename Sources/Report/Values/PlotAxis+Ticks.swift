import Diagnostics
import Foundation

extension PlotAxis {
    /// Tick values inside the axis: about `target` of them at 1, 2 or 5 times a power of
    /// ten on a linear axis (each computed as k·step, so 0.1·3 is not 0.30000000000000004
    /// in spirit: the label is rounded to the step's digits); on a log axis at the powers of
    /// ten, with 2 and 5 between them when the axis spans fewer than two decades.
    public func ticks(target: Int = 5) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return lower.isFinite ? [lower] : [] }
        switch scale {
        case .linear: return PlotAxis.linearTicks(lower, upper, target: target)
        case .log: return logTicks(target: target)
        }
    }

    /// The distance between linear ticks (for label precision); on a log axis, 0.
    public func tickStep(target: Int = 5) -> Double {
        guard scale == .linear, upper > lower else { return 0 }
        return PlotAxis.niceStep(lower, upper, target: target)
    }

    /// A tick's label, with as many digits as the step between ticks needs; U+2212 for the
    /// minus sign when `unicode`.
    public func label(_ value: Double, target: Int = 5, unicode: Bool = true) -> String {
        let step = tickStep(target: target)
        var digits = 10
        if step > 0 {
            let largest = max(abs(value), step)
            digits =
                Int(Foundation.floor(Foundation.log10(largest))) - Int(Foundation.floor(Foundation.log10(step))) + 1
            digits = min(10, max(1, digits))
        } else {
            digits = 6
        }
        let rounded = abs(value) < step * 1e-9 ? 0 : value
        return unicode
            ? NumberFormat.mathematical(rounded, digits: digits) : NumberFormat.significant(rounded, digits: digits)
    }

    /// 1, 2 or 5 times a power of ten: the one giving the number of ticks nearest to
    /// `target` (at least two where any gives two; the finer one on a tie).
    static func niceStep(_ lower: Double, _ upper: Double, target: Int) -> Double {
        let raw = (upper - lower) / Double(max(1, target))
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
        var best = magnitude
        var bestScore = Double.infinity
        for m in [0.5, 1.0, 2, 5, 10] {
            let step = m * magnitude
            let count = Foundation.floor(upper / step + 1e-9) - Foundation.ceil(lower / step - 1e-9) + 1
            let score = abs(count - Double(target)) + (count < 2 ? 100 : 0)
            if score < bestScore {
                best = step
                bestScore = score
            }
        }
        return best
    }

    static func linearTicks(_ lower: Double, _ upper: Double, target: Int) -> [Double] {
        let step = niceStep(lower, upper, target: target)
        let first = Foundation.ceil(lower / step - 1e-9)
        let last = Foundation.floor(upper / step + 1e-9)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { k in
            let v = k * step
            return v == 0 ? 0 : v
        }
    }

    /// Powers of ten (every k-th, so there are about `target`), with 2 and 5 between them
    /// when the axis spans fewer than two decades.
    func logTicks(target: Int) -> [Double] {
        guard lower > 0 else { return [] }
        let a = Foundation.log10(lower)
        let b = Foundation.log10(upper)
        let multiples: [Double] = b - a < 2 ? [1, 2, 5] : [1]
        let every = max(1, Int(Foundation.ceil((b - a) / Double(max(1, target)))))
        var ticks: [Double] = []
        for d in Int(Foundation.floor(a))...Int(Foundation.ceil(b)) where d % every == 0 {
            for m in multiples {
                let v = m * Foundation.pow(10, Double(d))
                if v >= lower * (1 - 1e-12), v <= upper * (1 + 1e-12) { ticks.append(v) }
            }
        }
        // A span inside one decade with no multiple of 1, 2 or 5 in it: linear ticks.
        if ticks.count < 2 { return PlotAxis.linearTicks(lower, upper, target: 4) }
        return ticks
    }
}
