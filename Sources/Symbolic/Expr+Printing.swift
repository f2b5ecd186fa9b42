import Diagnostics
import Foundation

/// Expressions as readable Unicode mathematics: S·log p + (n − S)·log(1 − p),
/// −(y − μ)²/(2σ²), Σᵢ (yᵢ·ηᵢ − softplus(ηᵢ)).
extension Expr {
    public func printed() -> String {
        let printer = Printer(store: store, inSum: false)
        return printer.finished(printer.text(self, 0))
    }

    static func number(_ x: Double) -> String { NumberFormat.mathematical(x) }
}

/// How much one expression may print. A DAG's shared subexpressions are printed each
/// time they occur, so the text can be exponentially longer than the DAG
/// (aᵢ = aᵢ₋₁·exp(aᵢ₋₁) doubles at every step); past `characters` the printer stops
/// descending (every further subexpression costs O(1)) and the text ends in "…".
final class PrintBudget {
    static let characters = 4000
    /// Stands for an unprinted subexpression until `finished` cuts the text there.
    static let marker = "\u{E000}"
    var remaining = characters
}

struct Printer {
    let store: ExprStore
    /// Inside Σᵢ, row-level symbols carry the subscript ᵢ.
    let inSum: Bool
    let budget: PrintBudget

    init(store: ExprStore, inSum: Bool, budget: PrintBudget = PrintBudget()) {
        self.store = store
        self.inSum = inSum
        self.budget = budget
    }

    /// The text up to where the budget ran out, then "…".
    func finished(_ text: String) -> String {
        guard let cut = text.range(of: PrintBudget.marker) else { return text }
        return text[..<cut.lowerBound] + "…"
    }

    // Precedence levels: 0 top, 1 sum, 2 product, 3 power/atom.
    func text(_ e: Expr, _ context: Int) -> String {
        guard budget.remaining > 0 else { return PrintBudget.marker }
        // Each node costs its operators and brackets (about 3 characters) besides its leaves.
        budget.remaining -= 3
        switch e.node {
        case .constant:
            let s = Expr.number(e.constantValue!)
            budget.remaining -= s.count
            return s.hasPrefix("−") && context >= 2 ? "(\(s))" : s
        case .symbol(let s):
            let name = store.name(of: s)
            budget.remaining -= name.count
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
            let inner = Printer(store: store, inSum: true, budget: budget)
            let b = store.expr(body)
            let s = "Σᵢ " + inner.text(b, b.isSum ? 2 : 2)
            return context >= 1 ? "(\(s))" : s
        }
    }

    /// A sum, with terms over the same denominator gathered into one fraction:
    /// −(Σx² − 2μ·Σx + n·μ²)/(2σ²) rather than three fractions.
    func sum(_ e: Expr) -> String {
        var groups: [(denominator: Expr?, terms: [Expr])] = []
        var ordered = e.terms.sorted(by: displayOrder)
        let positives = ordered.filter { $0.coefficientParts.0 > 0 && ($0.constantValue ?? 1) > 0 }
        if positives.count == 1, positives[0].constantValue != nil, let i = ordered.firstIndex(of: positives[0]) {
            ordered.insert(ordered.remove(at: i), at: 0)
        }
        for t in ordered {
            let d = denominator(t)
            if let d, let i = groups.firstIndex(where: { $0.denominator == d }) {
                groups[i].terms.append(t)
            } else {
                groups.append((d, [t]))
            }
        }
        var pieces: [(negative: Bool, text: String)] = []
        for g in groups {
            if let d = g.denominator, g.terms.count > 1 {
                pieces.append(fraction(g.terms, over: d))
            } else {
                for t in g.terms { pieces.append(signed(t)) }
            }
        }
        var out = ""
        for (i, p) in pieces.enumerated() {
            if i == 0 { out = (p.negative ? "−" : "") + p.text } else { out += (p.negative ? " − " : " + ") + p.text }
        }
        return out
    }

    /// A term as (sign, magnitude text).
    func signed(_ t: Expr) -> (negative: Bool, text: String) {
        let (c, rest) = t.coefficientParts
        if c < 0 { return (true, text(store.mul([store.constant(-c), rest]), rest.isSum && c == -1 ? 2 : 1)) }
        return (false, text(t, 1))
    }

    /// The product of a term's factors with negative exponents (as positive powers), or nil.
    func denominator(_ t: Expr) -> Expr? {
        let below = t.factors.compactMap { f -> Expr? in
            let (b, x) = f.powerParts
            guard let k = x.constantValue, k < 0 else { return nil }
            return store.pow(b, store.constant(-k))
        }
        return below.isEmpty ? nil : store.mul(below)
    }

    /// Σ terms / d, with a common coefficient taken out: −(a − 2b)/(2d).
    func fraction(_ terms: [Expr], over d: Expr) -> (negative: Bool, text: String) {
        let coefficients = terms.map { $0.coefficientParts.0 }
        let negatives = coefficients.filter { $0 < 0 }.count
        var c = coefficients.map(Swift.abs).min() ?? 1
        if negatives * 2 > terms.count { c = -c }
        let numerator = store.add(terms.map { $0 * d / c })
        let magnitude = Swift.abs(c)
        let below = 1 / magnitude
        let inverseIsWhole = below == below.rounded() && below <= 1000
        let dText = text(d, d.isProduct ? 3 : 2)
        if magnitude == 1 { return (c < 0, "(" + text(numerator, 1) + ")/" + dText) }
        if magnitude < 1 && inverseIsWhole {
            return (c < 0, "(" + text(numerator, 1) + ")/(" + join([Expr.number(below), text(d, 2)]) + ")")
        }
        return (c < 0, Expr.number(magnitude) + "·(" + text(numerator, 1) + ")/" + dText)
    }

    /// Terms in reading order: positive before negative (1 − p, x − μ), constants last
    /// unless they are the only positive term; otherwise as built.
    func displayOrder(_ a: Expr, _ b: Expr) -> Bool {
        func key(_ e: Expr) -> (Int, Int, Int32) {
            let negative = e.coefficientParts.0 < 0 || (e.constantValue ?? 0) < 0
            let constant = e.constantValue != nil
            return (negative ? 1 : 0, constant ? 1 : 0, e.id)
        }
        return key(a) < key(b)
    }

    /// Factor order in a product: numbers, counts, statistics, parameters, data, powers, functions, sums.
    func factorRank(_ f: Expr) -> Int {
        switch f.node {
        case .constant: return 0
        case .symbol(let s):
            switch s {
            case .count: return 1
            case .statistic, .pilot: return 2
            case .parameter, .variable, .selected: return 3
            case .column, .predictor: return 4
            }
        case .pow: return f.powerParts.base.symbol != nil ? factorRank(f.powerParts.base) : 5
        case .apply: return 6
        case .add: return f.dependsOnParameters ? 7 : 2
        default: return 8
        }
    }

    /// A product as numerator/denominator: factors with negative exponents go below the line.
    func product(_ e: Expr) -> String {
        var coefficient = 1.0
        var numerator: [Expr] = []
        var denominator: [Expr] = []
        for f in e.factors {
            if let c = f.constantValue {
                coefficient *= c
                continue
            }
            let (base, exponent) = f.powerParts
            if let k = exponent.constantValue, k < 0 {
                denominator.append(store.pow(base, store.constant(-k)))
            } else {
                numerator.append(f)
            }
        }
        var sign = ""
        if coefficient < 0 {
            sign = "−"
            coefficient = -coefficient
        }
        var denominatorNumber: Double? = nil
        if coefficient != 1, coefficient < 1, (1 / coefficient).rounded() == 1 / coefficient, 1 / coefficient <= 1000 {
            denominatorNumber = 1 / coefficient
            coefficient = 1
        }
        numerator.sort { (factorRank($0), $0.id) < (factorRank($1), $1.id) }
        var bottom = denominator.map { text($0, 2) }
        if let d = denominatorNumber { bottom.insert(Expr.number(d), at: 0) }
        let grouped = numerator.count > 1 || coefficient != 1 || !bottom.isEmpty || !sign.isEmpty
        var top = numerator.map { text($0, grouped ? 2 : 1) }
        if coefficient != 1 { top.insert(Expr.number(coefficient), at: 0) }
        let numeratorText = top.isEmpty ? "1" : join(top)
        if bottom.isEmpty { return sign + numeratorText }
        let bottomText = bottom.count > 1 ? "(" + join(bottom) + ")" : bottom[0]
        return sign + numeratorText + "/" + bottomText
    }

    /// Juxtapose a number with what follows it (2μ); otherwise a centred dot.
    func join(_ parts: [String]) -> String {
        var out = parts[0]
        for p in parts.dropFirst() {
            let previousIsInteger = Double(out) != nil && !out.contains(".") && out == parts[0]
            let nextStartsLetter = p.first.map { $0.isLetter && $0 != "Σ" } ?? false
            out += previousIsInteger && nextStartsLetter ? p : "·" + p
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
