extension Function {
    /// How the function is written in mathematics.
    var symbol: String {
        switch self {
        case .exp: return "exp"
        case .log: return "log"
        case .log1p: return "log1p"
        case .expm1: return "expm1"
        case .sigmoid: return "σ"
        case .softplus: return "softplus"
        case .logit: return "logit"
        case .lgamma: return "log Γ"
        case .digamma: return "ψ"
        case .trigamma: return "ψ′"
        case .tetragamma: return "ψ″"
        case .logNormalCDF: return "log Φ"
        case .normalMills: return "φ/Φ"
        case .abs: return "abs"
        case .sign: return "sign"
        case .logsumexp: return "logsumexp"
        }
    }

    /// Functions written without parentheses around a simple argument: log p, not log(p).
    var juxtaposes: Bool { self == .log }
}
