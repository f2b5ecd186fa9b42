/// A leaf of an expression that is not a number.
///
/// Row-level symbols (`column`, `predictor`) take a value per observation;
/// the others are scalars. The store keeps each symbol's printed name.
public enum Symbol: Hashable, Sendable, Comparable {
    /// Component `index` of the flat parameter vector θ (scalar params and
    /// vector params' components, in declaration order).
    case parameter(Int)
    /// A per-row data column.
    case column(Int)
    /// A linear predictor ηₖ = Xₖ·wₖ, per row.
    case predictor(Int)
    /// A data-only sum over rows, Σᵢ gⱼ(rowᵢ) (a sufficient statistic).
    case statistic(Int)
    /// The centring value of a data atom in the statistics (its mean); 0 when shown.
    case pilot(Int)
    /// A free variable (tests, and the solver's unknowns).
    case variable(Int)
    /// The number of rows, n (or Σ wᵢ for a weighted model).
    case count(Int)
    /// Selector s: the component of a param that a row's index picks (`μ[d.class]`). Within
    /// a group of rows sharing the index it is one parameter, so statistics factor out per
    /// group; per row (in a compiled tape) it is gathered from θ by the row's index.
    case selected(Int)

    /// Whether the symbol takes one value per row.
    public var isRowLevel: Bool {
        switch self {
        case .column, .predictor: return true
        default: return false
        }
    }
}

/// The elementary functions of the IR. Each concern (evaluation, derivative,
/// printing, range) has one switch, in its own file, so adding a function is
/// one case here plus one line per table; tests walk `Function.allCases`.
public enum Function: String, CaseIterable, Hashable, Sendable {
    case exp, log, log1p, expm1
    case sigmoid, softplus, logit
    case lgamma, digamma, trigamma, tetragamma
    case abs, sign
    /// log Φ(x), the log of the standard normal CDF (log-survival of a censored Normal).
    case logNormalCDF
    /// φ(x)/Φ(x), the derivative of log Φ (the inverse Mills ratio at −x).
    case normalMills
    /// log Σ exp(xᵢ), n-ary.
    case logsumexp
    case sin, cos, tan, atan, erf, log10, log2, floor, round
    /// atan2(y, x): the angle of the point (x, y), in (−π, π].
    case atan2
    /// log Γ(a + x) − log Γ(a) (arguments a, x), the log of the rising factorial (a)ₓ, without
    /// the cancellation of the difference when a is large (GSL's lnpoch).
    case logPochhammer
    /// log(1 − eˣ) for x ≤ 0, without cancellation (the complement of a log-probability).
    case log1mexp
    /// log 1{x ≥ 0}: 0 where x ≥ 0, −∞ elsewhere (a support bound that moves with a parameter).
    case logStep
    /// log F(z) of the standard Cauchy distribution, F = ½ + atan(z)/π, stable in the left tail.
    case logCauchyCDF
    /// log P(a, x) and log Q(a, x), the regularised incomplete gamma functions, and
    /// their first and second derivatives in the shape a.
    case logGammaP, logGammaPda, logGammaPdaa, logGammaQ, logGammaQda, logGammaQdaa
    /// log I_x(a, b), the regularised incomplete beta function (arguments a, b, x), and its
    /// first and second derivatives in the shapes a and b.
    case logBetaI, logBetaIda, logBetaIdb, logBetaIdaa, logBetaIdab, logBetaIdbb
    /// log F(z; ν) of Student's t (arguments z, ν), and its first and second ν-derivatives.
    case logStudentTCDF, logStudentTCDFdnu, logStudentTCDFdnunu

    /// Number of arguments (nil: any number ≥ 1).
    public var arity: Int? {
        switch self {
        case .logsumexp: return nil
        case .atan2, .logPochhammer, .logGammaP, .logGammaPda, .logGammaPdaa, .logGammaQ, .logGammaQda, .logGammaQdaa,
            .logStudentTCDF, .logStudentTCDFdnu, .logStudentTCDFdnunu:
            return 2
        case .logBetaI, .logBetaIda, .logBetaIdb, .logBetaIdaa, .logBetaIdab, .logBetaIdbb: return 3
        default: return 1
        }
    }

    /// Derivatives used only as the last level of a Hessian: their own partials are not formed.
    public var isTerminalDerivative: Bool {
        switch self {
        case .tetragamma, .logGammaPdaa, .logGammaQdaa, .logBetaIdaa, .logBetaIdab, .logBetaIdbb,
            .logStudentTCDFdnunu:
            return true
        default: return false
        }
    }
}
