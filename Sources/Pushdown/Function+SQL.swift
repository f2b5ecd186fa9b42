import Symbolic

extension Function {
    /// The function in SQL, over arguments already written as operands; nil where SQL has no
    /// faithful form (then the term's rows are fetched instead). The forms are the stable ones
    /// the compiled tape uses, so the database computes what memory would, to rounding:
    ///
    /// - softplus(t) = greatest(t, 0) + ln(1 + e^−|t|): no overflow for large |t|; where
    ///   1 + e^−|t| rounds to 1 (|t| > 37) it is short by e^−|t| < 1.2e−16, an absolute error
    ///   no sum over rows can see (log1p's compensation would quadruple the SQL for it).
    /// - σ(t) = ½ + ½·tanh(t/2): no exponential to overflow, and no branch (a database evaluates
    ///   it several times a row, as a CASE between 1/(1 + e^−t) and e^t/(1 + e^t) would have
    ///   it do with three exponentials). Its absolute error is an ulp of ½; where σ(t) < 1e−16
    ///   the relative one is large, but σ enters ℓ's sums only against terms of order 1
    ///   (y − σ, σ(1 − σ)·x): log σ is never formed, the IR writes it −softplus(−t).
    /// - log1p(t) = ln(1 + t)·t/((1 + t) − 1), and expm1(t) = (e^t − 1)·t/ln e^t (Kahan's
    ///   compensations: the rounding of 1 + t, or of e^t, cancels), exact where 1 + t = 1.
    /// - lgamma, ψ and ψ′ by their asymptotic series after shifting the argument up (see
    ///   `SpecialFunctionsSQL`), for positive arguments (every family's data gives those).
    /// - log Σ e^xᵢ = m + ln Σ e^(xᵢ − m), m = max xᵢ.
    func sql(_ args: [String], _ dialect: SQLDialect) -> String? {
        guard let t = args.first else { return nil }
        switch self {
        case .exp: return dialect.exp(t)
        case .log: return "ln(\(t))"
        case .log1p: return Function.log1p(t)
        case .expm1: return Function.expm1(t, dialect)
        case .sigmoid: return "(0.5 + 0.5 * tanh(0.5 * \(t)))"
        case .softplus: return "\(dialect.greatest(t, "0")) + ln(1.0 + \(dialect.exp("-abs(\(t))")))"
        case .logit: return "ln(\(t)) - " + Function.log1p("(-\(t))")
        case .lgamma: return SpecialFunctionsSQL.logGamma(t)
        case .digamma: return SpecialFunctionsSQL.digamma(t)
        case .trigamma: return SpecialFunctionsSQL.trigamma(t)
        case .abs: return "abs(\(t))"
        case .sign: return "sign(\(t))"
        case .logsumexp:
            let m = args.dropFirst().reduce(t) { dialect.greatest($0, $1) }
            let terms = args.map { dialect.exp("\($0) - \(m)") }.joined(separator: " + ")
            return "\(m) + ln(\(terms))"
        case .sin, .cos, .tan, .atan, .log10, .floor: return "\(rawValue)(\(t))"
        case .log2: return "(ln(\(t)) / 0.69314718055994530942)"
        // Half away from zero, as in memory (PostgreSQL's round(double) rounds half to even).
        case .round: return "(sign(\(t)) * floor(abs(\(t)) + 0.5))"
        case .atan2: return args.count == 2 ? "atan2(\(t), \(args[1]))" : nil
        case .logPochhammer:
            guard args.count == 2 else { return nil }
            return "(" + SpecialFunctionsSQL.logGamma("(\(t) + \(args[1]))") + " - " + SpecialFunctionsSQL.logGamma(t)
                + ")"
        case .log1mexp:
            // log(1 − eˣ): log(−expm1 x) near 0, log1p(−eˣ) below −log 2 (Mächler's split).
            return "(CASE WHEN \(t) > -0.69314718055994530942 THEN ln(-\(Function.expm1(t, dialect))) "
                + "ELSE \(Function.log1p("(-\(dialect.exp(t)))")) END)"
        case .logStep: return "(CASE WHEN \(t) >= 0 THEN 0 ELSE \(dialect.negativeInfinity) END)"
        case .tetragamma, .logNormalCDF, .normalMills, .erf, .logCauchyCDF, .logGammaP, .logGammaPda, .logGammaPdaa,
            .logGammaQ, .logGammaQda, .logGammaQdaa, .logBetaI, .logBetaIda, .logBetaIdb, .logBetaIdaa, .logBetaIdab,
            .logBetaIdbb, .logStudentTCDF, .logStudentTCDFdnu, .logStudentTCDFdnunu:
            return nil
        }
    }

    /// Whether `sql` writes a sum (so it needs parentheses as an operand).
    var sqlIsSum: Bool {
        switch self {
        case .softplus, .logit, .logsumexp: return true
        default: return false
        }
    }

    static func log1p(_ t: String) -> String {
        "(CASE WHEN 1.0 + \(t) = 1.0 THEN \(t) ELSE ln(1.0 + \(t)) * \(t) / ((1.0 + \(t)) - 1.0) END)"
    }

    static func expm1(_ t: String, _ dialect: SQLDialect) -> String {
        let e = dialect.exp(t)
        return "(CASE WHEN \(t) < -40 THEN -1.0 WHEN \(e) = 1.0 THEN \(t) ELSE (\(e) - 1.0) * \(t) / ln(\(e)) END)"
    }
}
