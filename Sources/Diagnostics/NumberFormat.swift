import Foundation

/// The one way numbers are written for people: reports, messages, printed
/// values and the symbolic printer all call it, so a number reads the same
/// wherever it appears.
public enum NumberFormat {
    /// `digits` significant digits (10 by default: enough to compare with R's
    /// `print(digits = 10)`, and two fewer than a double holds, so the last
    /// printed digit is not noise); whole numbers below 10¹⁵ without a decimal
    /// point; trailing zeros dropped; −0 as 0; `nan`, `inf`, `-inf`.
    public static func significant(_ x: Double, digits: Int = 10) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return x == 0 ? "0" : String(Int64(x)) }
        var s = String(format: "%.\(max(1, digits))g", x)
        if let e = s.firstIndex(of: "e") {
            var mantissa = String(s[..<e])
            let exponent = Int(s[s.index(after: e)...]) ?? 0
            trimZeros(&mantissa)
            s = "\(mantissa)e\(exponent)"
        } else {
            trimZeros(&s)
        }
        return s == "-0" ? "0" : s
    }

    /// The shortest decimal that reads back as the same double (5.01, not
    /// 5.0099999999999998); whole numbers without a decimal point.
    public static func shortest(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded(), abs(x) < 1e15 { return x == 0 ? "0" : String(Int64(x)) }
        return "\(x)"
    }

    /// A small quantity that only needs its order of magnitude, such as a
    /// converged gradient norm: below `bound` it is written `< bound` (so the
    /// text does not depend on the last bits another BLAS kernel or CPU
    /// produces), above it to 2 significant digits.
    public static func magnitude(_ x: Double, below bound: Double = 1e-8) -> String {
        if x.isFinite, abs(x) < bound { return "< " + significant(bound) }
        return significant(x, digits: 2)
    }

    /// The same text with mathematical signs: U+2212 for minus, ∞ for infinity.
    public static func mathematical(_ x: Double, digits: Int = 10) -> String {
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        return significant(x, digits: digits).replacingOccurrences(of: "-", with: "−")
    }

    private static func trimZeros(_ s: inout String) {
        guard s.contains(".") else { return }
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
    }
}
