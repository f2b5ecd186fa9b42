import Foundation

/// Compares printed output with a golden file: the text exactly, the numbers in
/// it within a tolerance.
///
/// Reports print 10 significant digits. Whether the 10th digit of an estimate
/// rounds up or down can depend on the last bits another CPU's BLAS kernel or libm
/// produces (the iterative fits here converge to ~1e-13 relative), and a
/// quantity that is exactly 0 in exact arithmetic (an off-diagonal Hessian entry
/// of a least-squares fit) prints as rounding noise of order 1e-15. So a number
/// matches when |a − b| ≤ 1e-8·|b| + 1e-12: two units in the 9th digit, and
/// anything below 1e-12 (noise for these problems, whose quantities are of order
/// 1 to 1e5) equals anything else below it.
enum GoldenText {
    static let relative = 1e-8
    static let absolute = 1e-12

    /// nil when they match; else the first line that differs, both ways.
    static func difference(_ actual: String, _ expected: String) -> String? {
        let a = actual.components(separatedBy: "\n")
        let e = expected.components(separatedBy: "\n")
        for i in 0..<max(a.count, e.count) {
            let x = i < a.count ? a[i] : "<missing>"
            let y = i < e.count ? e[i] : "<missing>"
            if !linesMatch(x, y) { return "line \(i + 1):\n  got      \(x)\n  expected \(y)" }
        }
        return nil
    }

    /// nil when two parsed JSON documents match (numbers within the tolerance, strings
    /// compared as lines of text); else the path of the first difference.
    static func difference(json a: Any, _ b: Any, at path: String) -> String? {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            guard Set(x.keys) == Set(y.keys) else { return "\(path): keys \(x.keys.sorted()) vs \(y.keys.sorted())" }
            for key in x.keys.sorted() {
                if let d = difference(json: x[key]!, y[key]!, at: path + "." + key) { return d }
            }
            return nil
        case (let x as [Any], let y as [Any]):
            guard x.count == y.count else { return "\(path): \(x.count) elements vs \(y.count)" }
            for (i, (u, v)) in zip(x, y).enumerated() {
                if let d = difference(json: u, v, at: "\(path)[\(i)]") { return d }
            }
            return nil
        case (let x as String, let y as String):
            return self.difference(x, y).map { "\(path): \($0)" }
        case (let x as NSNumber, let y as NSNumber):
            let (u, v) = (x.doubleValue, y.doubleValue)
            return u == v || abs(u - v) <= relative * abs(v) + absolute ? nil : "\(path): \(u) vs \(v)"
        default:
            return "\(a)" == "\(b)" ? nil : "\(path): \(a) vs \(b)"
        }
    }

    static func linesMatch(_ a: String, _ b: String) -> Bool {
        let (ta, na) = split(a)
        let (tb, nb) = split(b)
        guard ta == tb, na.count == nb.count else { return false }
        return zip(na, nb).allSatisfy { x, y in x == y || abs(x - y) <= relative * abs(y) + absolute }
    }

    /// The line with each number replaced by "#", and the numbers in order.
    static func split(_ line: String) -> (String, [Double]) {
        let pattern = try! NSRegularExpression(pattern: "-?[0-9]+(\\.[0-9]+)?(e-?[0-9]+)?")
        let ns = line as NSString
        var text = ""
        var numbers: [Double] = []
        var last = 0
        for m in pattern.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
            text += ns.substring(with: NSRange(location: last, length: m.range.location - last)) + "#"
            numbers.append(Double(ns.substring(with: m.range)) ?? .nan)
            last = m.range.location + m.range.length
        }
        text += ns.substring(from: last)
        return (text, numbers)
    }
}
