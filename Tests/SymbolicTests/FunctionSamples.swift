@testable import Symbolic

/// Points inside each function's domain (away from kinks and jumps) at which its
/// derivatives are checked; the switch is exhaustive, so a new function needs points.
enum FunctionSamples {
    static func points(_ f: Function) -> [[Double]] {
        switch f {
        case .exp, .expm1, .sigmoid, .softplus, .sin, .cos, .atan, .erf, .logNormalCDF, .normalMills, .logCauchyCDF:
            return [[-2.5], [0.3], [0.7], [2.5]]
        case .log, .log1p, .lgamma, .digamma, .trigamma, .tetragamma, .log10, .log2: return [[0.3], [0.7], [2.5]]
        case .logit: return [[0.3], [0.7]]
        case .tan: return [[-1.2], [0.3], [1.1]]
        case .logStep: return [[0.3], [1.6]]  // −∞ below 0, where differences are undefined
        case .abs, .sign, .floor, .round: return [[-2.3], [0.3], [1.6]]
        case .logsumexp: return [[0.3, 0.6], [-1, 2, 0.5]]
        case .atan2: return [[1, 2], [-0.5, -3], [2, -0.1]]
        case .logPochhammer: return [[0.7, 3], [2.5, 0.4], [40, 7]]
        case .log1mexp: return [[-0.01], [-0.5], [-3], [-40]]
        case .logGammaP, .logGammaPda, .logGammaPdaa, .logGammaQ, .logGammaQda, .logGammaQdaa:
            return [[0.5, 0.1], [2.5, 1], [3, 7.5], [10, 3], [1.7, 20], [0.3, 2]]
        case .logBetaI, .logBetaIda, .logBetaIdb, .logBetaIdaa, .logBetaIdab, .logBetaIdbb:
            return [[0.5, 0.5, 0.3], [2, 3, 0.2], [5, 1.5, 0.9], [30, 40, 0.45], [0.7, 4, 0.6]]
        case .logStudentTCDF, .logStudentTCDFdnu, .logStudentTCDFdnunu:
            return [[-3, 4], [-0.5, 1.5], [0.7, 10], [4, 2.5], [-40, 3]]
        }
    }
}
