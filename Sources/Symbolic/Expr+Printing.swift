import Foundation

/// Expressions as readable Unicode mathematics: S·log p + (n − S)·log(1 − p),
/// −(y − μ)²/(2σ²), Σᵢ (yᵢ·ηᵢ − softplus(ηᵢ)).
extension Expr {
    public func printed() -> String { Printer(store: store, inSum: false).text(self, 0) }

    static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        if x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int64(x)).replacingOccurrences(of: "-", with: "−") }
        var s = String(format: "%.10g", x)
        if s.contains("."), !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
        }
        return s.replacingOccurrences(of: "-", with: "−")
    }
}

struct Printer {
    let store: ExprStore
    /// Inside Σᵢ, row-level symbols carry the subscript ᵢ.
    let inSum: Bool

    // Precedence levels: 0 top, 1 sum, 2 product, 3 power/atom.
    func text(_ e: Expr, _ context: Int) -> String {
        switch e.node {
        case .constant:
            let s = Expr.number(e.constantValue!)
            return s.hasPrefix("−") && context >= 2 ? "(\(s))" : s
        case .symbol(let s):
            let name = store.name(of: s)
            return inSum && s.isRowLevel ? name + "ᵢ" : name
        case .add:
            let s = sum(e)
            return context >= 2 ? "(\(s))" : s
        case .mul:
            let s = product(e)
            return context >= 3 || (context >= 2 && s.hasPrefix("−")) ? "(\(s))" : s
        case .pow:
            let s = power(e)
            return context >= 3 ? "(\(s))" : s
        case .apply(let f, let args):
            return application(f, args.map(store.expr))
        case .rowSum(let body):
            let inner = Printer(store: store, inSum: true)
            let b = store.expr(body)
            let s = "Σᵢ " + inner.text(b, b.isSum ? 2 : 2)
            return context >= 1 ? "(\(s))" : s
        }
    }

    func sum(_ e: Expr) -> String {
        var out = ""
        let terms = e.terms.sorted { ($0.constantValue != nil ? 1 : 0) < ($1.constantValue != nil ? 1 : 0) }
        for (i, t) in terms.enumerated() {
            let (c, rest) = t.coefficientParts
            let negative = c < 0
            let magnitude = negative ? store.mul([store.constant(-c), rest]) : t
            let body = text(magnitude, 1)
            if i == 0 {
                out = negative ? "−" + body : body
            } else {
                out += negative ? " − " + body : " + " + body
            }
        }
        return out
    }

    /// A product as numerator/denominator: factors with negative exponents go below the line.
    func product(_ e: Expr) -> String {
        var coefficient = 1.0
        var numerator: [Expr] = []
        var denominator: [Expr] = []
        for f in e.factors {
            if let c = f.constantValue { coefficient *= c; continue }
            let (base, exponent) = f.powerParts
            if let k = exponent.constantValue, k < 0 {
                denominator.append(store.pow(base, store.constant(-k)))
            } else {
                numerator.append(f)
            }
        }
        var sign = ""
        if coefficient < 0 { sign = "−"; coefficient = -coefficient }
        var denominatorNumber: Double? = nil
        if coefficient != 1, coefficient < 1, (1 / coefficient).rounded() == 1 / coefficient, 1 / coefficient <= 1000 {
            denominatorNumber = 1 / coefficient
            coefficient = 1
        }
        var bottom = denominator.map { text($0, denominator.count > 1 || denominatorNumber != nil ? 2 : 3) }
        if let d = denominatorNumber { bottom.insert(Expr.number(d), at: 0) }
        let grouped = numerator.count > 1 || coefficient != 1 || !bottom.isEmpty
        var top = numerator.map { text($0, grouped ? 2 : 1) }
        if coefficient != 1 { top.insert(Expr.number(coefficient), at: 0) }
        let numeratorText = top.isEmpty ? "1" : join(top)
        if bottom.isEmpty { return sign + numeratorText }
        let bottomText = bottom.count > 1 ? "(\(join(bottom)))" : bottom[0]
        return sign + numeratorText + "/" + bottomText
    }

    /// Juxtapose a number with what follows it (2μ); otherwise a centred dot.
    func join(_ parts: [String]) -> String {
        var out = parts[0]
        for p in parts.dropFirst() {
            let previousIsNumber = out.last.map { $0.isNumber } ?? false
            let nextStartsLetter = p.first.map { $0.isLetter && $0 != "Σ" } ?? false
            out += previousIsNumber && nextStartsLetter && parts.count == 2 ? p : "·" + p
        }
        return out
    }

    func power(_ e: Expr) -> String {
        let (base, exponent) = e.powerParts
        if let sym = base.symbol, store.name(of: sym).contains("Σ") || store.name(of: sym).contains(" ") {
            let name = "(" + text(base, 0) + ")"
            if let k = exponent.constantValue, k == k.rounded(), k >= 2, k <= 9 { return name + superscript(Int(k)) }
            if exponent.constantValue == 0.5 { return "√" + name }
            return name + "^" + text(exponent, 3)
        }
        if let k = exponent.constantValue {
            if k == 0.5 { return "√" + text(base, 3) }
            if k == k.rounded(), k >= 2, k <= 9 { return text(base, 3) + superscript(Int(k)) }
        }
        return text(base, 3) + "^" + text(exponent, 3)
    }

    func superscript(_ k: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(k).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }

    func application(_ f: Function, _ args: [Expr]) -> String {
        if f.juxtaposes, args.count == 1, args[0].symbol != nil {
            return f.symbol + " " + text(args[0], 3)
        }
        return f.symbol + "(" + args.map { text($0, 0) }.joined(separator: ", ") + ")"
    }
}
