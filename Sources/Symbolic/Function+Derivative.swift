import Foundation

extension Function {
    /// ∂f/∂xᵢ as an expression in the arguments.
    func partial(_ i: Int, _ args: [Expr]) -> Expr {
        let s = args[0].store
        let x = args[0]
        switch self {
        case .exp: return x.apply(.exp)
        case .log: return x.pow(-1)
        case .log1p: return (1 + x).pow(-1)
        case .expm1: return x.apply(.exp)
        case .sigmoid: return x.apply(.sigmoid) * (-x).apply(.sigmoid)  // σ(x)(1 − σ(x)) = σ(x)σ(−x)
        case .softplus: return x.apply(.sigmoid)
        case .logit: return (x * (1 - x)).pow(-1)
        case .lgamma: return x.apply(.digamma)
        case .digamma: return x.apply(.trigamma)
        case .trigamma: return x.apply(.tetragamma)
        case .tetragamma: return s.constant(.nan)  // ψ⁽³⁾ is not needed for second derivatives
        case .logNormalCDF: return x.apply(.normalMills)
        case .normalMills: return -(x.apply(.normalMills) * (x + x.apply(.normalMills)))  // m′ = −m(x + m)
        case .abs: return x.apply(.sign)
        case .sign: return s.zero
        case .logsumexp: return (args[i] - s.apply(.logsumexp, args)).apply(.exp)  // softmax
        case .sin: return x.apply(.cos)
        case .cos: return -x.apply(.sin)
        case .tan: return 1 + x.apply(.tan).squared
        case .atan: return (1 + x.squared).pow(-1)
        case .atan2:
            // atan2(y, x): ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²)
            let (y, x) = (args[0], args[1])
            let r2 = x.squared + y.squared
            return i == 0 ? x / r2 : -(y / r2)
        case .logPochhammer:
            // ∂a = ψ(a + x) − ψ(a), ∂x = ψ(a + x)
            let sum = (args[0] + args[1]).apply(.digamma)
            return i == 0 ? sum - args[0].apply(.digamma) : sum
        case .erf: return (2 / Double.pi.squareRoot()) * Symbolic.exp(-x.squared)
        case .log10: return (x * Foundation.log(10.0)).pow(-1)
        case .log2: return (x * Foundation.log(2.0)).pow(-1)
        case .floor, .round, .logStep: return s.zero  // piecewise constant (no derivative at the jumps)
        case .log1mexp: return -Symbolic.exp(x - x.apply(.log1mexp))  // −eˣ/(1 − eˣ)
        case .logCauchyCDF:
            // f/F with f = 1/(π(1 + z²))
            return Symbolic.exp(-Foundation.log(Double.pi) - Symbolic.log1p(x.squared) - x.apply(.logCauchyCDF))
        default: return specialPartial(i, args)
        }
    }

    /// Partials of the incomplete gamma, beta and Student-t functions: the shape
    /// derivatives are functions of their own; the derivatives in x are closed forms
    /// (a density over the probability), differentiated again in a through
    /// ∂ₐ log density − ∂ₐ log probability.
    func specialPartial(_ i: Int, _ args: [Expr]) -> Expr {
        let s = args[0].store
        switch self {
        case .logGammaP, .logGammaPda, .logGammaQ, .logGammaQda:
            let (a, x) = (args[0], args[1])
            let upper = self == .logGammaQ || self == .logGammaQda
            let value = s.apply(upper ? .logGammaQ : .logGammaP, [a, x])
            let shapeDerivative = s.apply(upper ? .logGammaQda : .logGammaPda, [a, x])
            // ∂ₓ log P = x^{a−1}e^{−x}/(Γ(a)·P); ∂ₓ log Q = −x^{a−1}e^{−x}/(Γ(a)·Q)
            let density = Symbolic.exp((a - 1) * Symbolic.log(x) - x - Symbolic.lgamma(a) - value)
            let dx = upper ? -density : density
            let isValue = self == .logGammaP || self == .logGammaQ
            if i == 0 {
                return s.apply(
                    isValue ? (upper ? .logGammaQda : .logGammaPda) : (upper ? .logGammaQdaa : .logGammaPdaa), [a, x])
            }
            return isValue ? dx : dx * (Symbolic.log(x) - a.apply(.digamma) - shapeDerivative)
        case .logBetaI, .logBetaIda, .logBetaIdb:
            let (a, b, x) = (args[0], args[1], args[2])
            let value = s.apply(.logBetaI, args)
            // ∂ₓ log I = x^{a−1}(1 − x)^{b−1}/(B(a, b)·I)
            let dx = Symbolic.exp(
                (a - 1) * Symbolic.log(x) + (b - 1) * Symbolic.log1p(-x) - Symbolic.lgamma(a) - Symbolic.lgamma(b)
                    + Symbolic.lgamma(a + b) - value)
            switch (self, i) {
            case (.logBetaI, 0): return s.apply(.logBetaIda, args)
            case (.logBetaI, 1): return s.apply(.logBetaIdb, args)
            case (.logBetaI, _): return dx
            case (.logBetaIda, 0): return s.apply(.logBetaIdaa, args)
            case (.logBetaIda, 1), (.logBetaIdb, 0): return s.apply(.logBetaIdab, args)
            case (.logBetaIdb, 1): return s.apply(.logBetaIdbb, args)
            case (.logBetaIda, _):
                return dx * (Symbolic.log(x) - a.apply(.digamma) + (a + b).apply(.digamma) - s.apply(.logBetaIda, args))
            default:
                return dx
                    * (Symbolic.log1p(-x) - b.apply(.digamma) + (a + b).apply(.digamma) - s.apply(.logBetaIdb, args))
            }
        case .logStudentTCDF, .logStudentTCDFdnu:
            let (z, nu) = (args[0], args[1])
            // ∂_z log F = t(z; ν)/F(z; ν), with log t = log Γ((ν+1)/2) − log Γ(ν/2) − ½ Symbolic.log(νπ) − (ν+1)/2·Symbolic.log(1 + z²/ν)
            let u = z.squared / nu
            let logDensity =
                Symbolic.lgamma((nu + 1) / 2) - Symbolic.lgamma(nu / 2) - 0.5 * Symbolic.log(nu) - 0.5
                * Foundation.log(Double.pi)
                - (nu + 1) / 2 * Symbolic.log1p(u)
            let dz = Symbolic.exp(logDensity - s.apply(.logStudentTCDF, args))
            if self == .logStudentTCDF { return i == 0 ? dz : s.apply(.logStudentTCDFdnu, args) }
            if i == 1 { return s.apply(.logStudentTCDFdnunu, args) }
            // ∂_ν log t = ½ψ((ν+1)/2) − ½ψ(ν/2) − 1/(2ν) − ½ Symbolic.log(1 + u) + (ν+1)/2 · u/(ν(1 + u))
            let densityDnu =
                0.5 * ((nu + 1) / 2).apply(.digamma) - 0.5 * (nu / 2).apply(.digamma) - 0.5 / nu - 0.5
                * Symbolic.log1p(u)
                + (nu + 1) / 2 * u / (nu * (1 + u))
            return dz * (densityDnu - s.apply(.logStudentTCDFdnu, args))
        default:
            return s.constant(.nan)  // terminal derivatives (ψ⁽³⁾, second shape derivatives): never differentiated
        }
    }
}
