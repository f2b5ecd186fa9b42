import Symbolic

/// Writes per-row expressions of the symbolic IR as SQL value expressions.
///
/// Columns and linear predictors are written as the names `names` gives them (the
/// columns of the derived table the expression is evaluated over). Every maximal
/// subexpression that does not vary by row and is not a number (θ's components,
/// 1/σ², a pilot) becomes a bound parameter, computed in mle from θ for each
/// query; so one SQL text serves every iteration, and what the database computes
/// per row is exactly what the compiled tape computes in memory. Functions are
/// written in stable forms (`Function+SQL`); one without an SQL form refuses.
struct SQLWriter {
    let dialect: SQLDialect
    var names: [Symbol: String]
    /// The parameters, in placeholder order (placeholder k + `firstPlaceholder` − 1 is `parameters[k]`).
    private(set) var parameters: [Expr] = []
    private var placeholders: [Expr: String] = [:]

    init(dialect: SQLDialect, names: [Symbol: String]) {
        self.dialect = dialect
        self.names = names
    }

    /// How tightly a piece of SQL binds, for parenthesising only where needed.
    enum Level: Int, Comparable {
        case sum = 0, product, atom
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    struct Piece {
        let text: String
        let level: Level
        /// The text safe to use as an operand of `*`, `/` or a function's argument.
        var atom: String { level == .atom ? text : "(" + text + ")" }
        /// The text safe as a factor of a product.
        var factor: String { level >= .product ? text : "(" + text + ")" }
    }

    mutating func sql(_ e: Expr) throws(PushdownRefusal) -> String { try write(e).text }

    mutating func write(_ e: Expr) throws(PushdownRefusal) -> Piece {
        if let x = e.constantValue { return try literal(x) }
        if !e.isRowLevel { return Piece(text: parameter(e), level: .atom) }
        if let s = e.symbol {
            guard let name = names[s] else { throw PushdownRefusal(PushdownMessage.unboundSymbol(e.printed())) }
            return Piece(text: name, level: .atom)
        }
        if e.isSum { return try sum(e.terms) }
        if e.isProduct { return try product(e.factors) }
        if let (f, args) = e.application { return try apply(f, args) }
        if e.rowSumBody != nil { throw PushdownRefusal(PushdownMessage.nestedSum) }
        let (base, exponent) = e.powerParts
        return try power(base, exponent)
    }

    /// The placeholder of a row-constant subexpression (θ's components, pilots), numbered in order of first use.
    mutating func placeholder(for e: Expr) -> String { parameter(e) }

    /// The placeholder of a row-constant subexpression, numbered in order of first use.
    private mutating func parameter(_ e: Expr) -> String {
        if let p = placeholders[e] { return p }
        parameters.append(e)
        let p = dialect.placeholder(parameters.count)
        placeholders[e] = p
        return p
    }

    /// A number as SQL writes it: integers plainly, others the shortest decimal that reads back
    /// exactly. (Operands always include a double column or parameter, so integer literals never
    /// meet in an integer division.)
    func literal(_ x: Double) throws(PushdownRefusal) -> Piece {
        guard x.isFinite else { throw PushdownRefusal(PushdownMessage.notFiniteConstant) }
        let magnitude = Swift.abs(x)
        let digits = magnitude == magnitude.rounded() && magnitude < 1e15 ? String(Int64(magnitude)) : "\(magnitude)"
        return x < 0 ? Piece(text: "-" + digits, level: .sum) : Piece(text: digits, level: .atom)
    }

    private mutating func sum(_ terms: [Expr]) throws(PushdownRefusal) -> Piece {
        var text = ""
        for (k, term) in terms.enumerated() {
            let (negative, piece) = try signed(term)
            let body = piece.level == .sum ? "(" + piece.text + ")" : piece.text
            if k == 0 {
                text = negative ? "-" + body : body
            } else {
                text += (negative ? " - " : " + ") + body
            }
        }
        return Piece(text: text, level: .sum)
    }

    /// A sum's term as its magnitude and sign, so `a + (−2)·b` is written `a - 2 * b`.
    private mutating func signed(_ e: Expr) throws(PushdownRefusal) -> (Bool, Piece) {
        if let x = e.constantValue, x < 0 { return (true, try literal(-x)) }
        let (c, rest) = e.coefficientParts
        // x − c: the parameter is c (a pilot, θ), not −c.
        if c < 0, !e.isRowLevel {
            return (true, Piece(text: parameter(c == -1 ? rest : e.store.constant(-c) * rest), level: .atom))
        }
        if c < 0, e.isProduct, e.isRowLevel {
            if c == -1 { return (true, try write(rest)) }
            return (true, try product([e.store.constant(-c)] + rest.factors))
        }
        return (false, try write(e))
    }

    /// c · a · b / d / e, denominators being the factors with negative integer exponents.
    private mutating func product(_ factors: [Expr]) throws(PushdownRefusal) -> Piece {
        var numerator: [String] = []
        var denominator: [String] = []
        var negative = false
        for f in factors {
            if let x = f.constantValue {
                if x == -1 {
                    negative.toggle()
                    continue
                }
                if x < 0 { negative.toggle() }
                numerator.append(try literal(Swift.abs(x)).factor)
                continue
            }
            let (base, exponent) = f.powerParts
            if f.isRowLevel, let k = exponent.constantValue, k < 0, base != f {
                let positive = k == -1 ? base : base.pow(-k)
                denominator.append(try write(positive).atom)
                continue
            }
            numerator.append(try write(f).factor)
        }
        var text = numerator.isEmpty ? "1.0" : numerator.joined(separator: " * ")
        for d in denominator { text += " / " + d }
        if negative { return Piece(text: "-" + text, level: .sum) }
        return Piece(text: text, level: .product)
    }

    /// bᵏ: small whole powers as products, ½ as sqrt, the rest through power().
    private mutating func power(_ base: Expr, _ exponent: Expr) throws(PushdownRefusal) -> Piece {
        let b = try write(base)
        if let k = exponent.constantValue {
            switch k {
            case 1: return b
            case 2, 3, 4:
                return Piece(text: Array(repeating: b.atom, count: Int(k)).joined(separator: " * "), level: .product)
            case 0.5: return Piece(text: "sqrt(\(b.text))", level: .atom)
            case -0.5: return Piece(text: "1.0 / sqrt(\(b.text))", level: .product)
            case -1: return Piece(text: "1.0 / " + b.atom, level: .product)
            default: break
            }
        }
        return Piece(text: "power(\(b.text), \(try write(exponent).text))", level: .atom)
    }

    private mutating func apply(_ f: Function, _ args: [Expr]) throws(PushdownRefusal) -> Piece {
        var pieces: [Piece] = []
        for a in args { pieces.append(try write(a)) }
        guard let text = f.sql(pieces.map(\.atom), dialect) else {
            throw PushdownRefusal(PushdownMessage.noSQLForm(f.rawValue))
        }
        return Piece(text: text, level: f.sqlIsSum ? .sum : .atom)
    }
}
