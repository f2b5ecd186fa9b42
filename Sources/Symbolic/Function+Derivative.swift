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
        }
    }
}
