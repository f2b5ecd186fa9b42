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
        case .sin, .cos, .tan, .atan, .atan2, .erf, .floor, .round, .log1mexp: return rawValue
        case .logStep: return "log 1≥0"
        case .log10: return "log₁₀"
        case .log2: return "log₂"
        case .logPochhammer: return "log Γ(a+x)/Γ(a)"
        case .logCauchyCDF: return "log F_Cauchy"
        case .logGammaP: return "log P"
        case .logGammaPda: return "∂ₐ log P"
        case .logGammaPdaa: return "∂ₐ² log P"
        case .logGammaQ: return "log Q"
        case .logGammaQda: return "∂ₐ log Q"
        case .logGammaQdaa: return "∂ₐ² log Q"
        case .logBetaI: return "log I"
        case .logBetaIda: return "∂ₐ log I"
        case .logBetaIdb: return "∂_b log I"
        case .logBetaIdaa: return "∂ₐ² log I"
        case .logBetaIdab: return "∂ₐ∂_b log I"
        case .logBetaIdbb: return "∂_b² log I"
        case .logStudentTCDF: return "log F_t"
        case .logStudentTCDFdnu: return "∂_ν log F_t"
        case .logStudentTCDFdnunu: return "∂_ν² log F_t"
        }
    }

    /// Functions written without parentheses around a simple argument: log p, not log(p).
    var juxtaposes: Bool { self == .log }
}
