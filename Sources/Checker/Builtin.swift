/// The functions scripts can call. The checker knows their shapes; the
/// interpreter implements each case (its switch is exhaustive, so a function
/// cannot be declared without being implemented).
public enum Builtin: String, CaseIterable, Sendable {
    // element-wise
    case log, exp, sqrt, log1p, expm1, sigmoid, softplus, lgamma, abs, logit
    case sin, cos, tan, atan, log10, log2, digamma, trigamma, erf, floor, round
    // element-wise, of two arguments
    case atan2, lbeta, lchoose
    // of a distribution
    case pdf, logpdf, cdf, ccdf, quantile
    // reductions
    case sum, mean, `var`, sd, min, max, logsumexp, length, nrow, ncol
    // vectors
    case dot, softmax
    // data
    case csv, sql, sample, factor, levels
    // after fit, or at a point
    case se, loglik, score, hessian, perplexity, vcov, information

    public enum Kind: Sendable { case elementwise, reduction, other }

    public var kind: Kind {
        switch self {
        case .log, .exp, .sqrt, .log1p, .expm1, .sigmoid, .softplus, .lgamma, .abs, .logit, .sin, .cos, .tan, .atan,
            .log10, .log2, .digamma, .trigamma, .erf, .floor, .round:
            return .elementwise
        case .sum, .mean, .var, .sd, .min, .max, .logsumexp, .length, .nrow, .ncol: return .reduction
        default: return .other
        }
    }

    /// One line for `:help` and completion listings.
    public var summary: String {
        switch self {
        case .log: return "natural logarithm"
        case .exp: return "exponential"
        case .sqrt: return "square root"
        case .log1p: return "log(1 + x), accurate for small x"
        case .expm1: return "exp(x) − 1, accurate for small x"
        case .sigmoid: return "1 / (1 + exp(−x))"
        case .softplus: return "log(1 + exp(x)), without overflow"
        case .lgamma: return "log Γ(x)"
        case .abs: return "absolute value"
        case .logit: return "log(p / (1 − p))"
        case .sin: return "sine (radians)"
        case .cos: return "cosine (radians)"
        case .tan: return "tangent (radians)"
        case .atan: return "arc tangent, in (−π/2, π/2)"
        case .atan2: return "atan2(y, x): the angle of the point (x, y), in (−π, π]"
        case .log10: return "base-10 logarithm"
        case .log2: return "base-2 logarithm"
        case .digamma: return "ψ(x) = d/dx log Γ(x)"
        case .trigamma: return "ψ′(x), the derivative of the digamma function"
        case .erf: return "error function, 2/√π ∫₀ˣ e^(−t²) dt"
        case .floor: return "largest whole number ≤ x"
        case .round: return "nearest whole number (halves away from zero)"
        case .lbeta: return "lbeta(a, b) = log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b)"
        case .lchoose: return "lchoose(n, k) = log of the binomial coefficient (n choose k)"
        case .pdf: return "pdf(D, x): the density (or probability mass) of the distribution D at x"
        case .logpdf: return "logpdf(D, x): the log-density of D at x"
        case .cdf: return "cdf(D, x) = P(X ≤ x) for X ~ D"
        case .ccdf: return "ccdf(D, x) = P(X > x), accurate in the upper tail (p-values)"
        case .quantile: return "quantile(D, p): the smallest x with cdf(D, x) ≥ p"
        case .sum: return "sum of the elements"
        case .mean: return "mean of the elements"
        case .var: return "sample variance (divides by n − 1)"
        case .sd: return "sample standard deviation (divides by n − 1)"
        case .min: return "smallest element, or element-wise minimum of several arguments"
        case .max: return "largest element, or element-wise maximum of several arguments"
        case .logsumexp: return "log Σ exp(xᵢ), without overflow"
        case .length: return "number of elements of a vector"
        case .nrow: return "number of rows"
        case .ncol: return "number of columns"
        case .dot: return "dot(w, x) = w·x, row-wise for a matrix"
        case .softmax:
            return "softmax(x) = exp(x)/Σ exp(x), row by row for a matrix; in a model, Categorical(softmax(B·x))"
        case .csv: return "csv(\"file.csv\"): a table with a header row"
        case .sql: return "sql(\"sqlite:file.db\", \"SELECT …\"): a table from a database query (also postgresql://…)"
        case .sample: return "sample(Normal(5, 2), 200, seed: 42): random draws"
        case .factor: return "factor(d.col, ref: \"B\"): a column as a factor, with that level as the baseline"
        case .levels: return "levels(d.col): a text column's or factor's levels, in order (the first is the baseline)"
        case .se: return "standard error of a parameter (or of a function of them) after fit"
        case .loglik:
            return "log-likelihood: loglik(p: 0.3) at a point; loglik after fit; loglik(m) of model m at the estimates"
        case .score: return "gradient of the log-likelihood at a point: score(p: 0.3)"
        case .hessian: return "matrix of second derivatives at a point: hessian(p: 0.3)"
        case .perplexity: return "perplexity(m) = exp(−ℓ/n) of model m at the current estimates"
        case .vcov: return "vcov(m): the covariance matrix of model m's estimates, after fit m"
        case .information: return "information(m): the observed information −∇²ℓ at model m's estimates, after fit m"
        }
    }
}

/// Named constants (a name the script defines itself takes precedence).
public enum NamedConstant: String, CaseIterable, Sendable {
    case pi, π

    public var value: Double { Double.pi }
}

/// Names that mean something after `fit` unless the script defines them itself.
public enum FitResult: String, CaseIterable, Sendable {
    case loglik, aic, bic, n
}
