import Symbolic

// Each family's Fisher information per observation in its own arguments,
// I(a) = −E[∇²ₐ log p(Y | a)], worked from its log-density:

extension Normal {
    /// log p = −log σ − (y − μ)²/(2σ²): −∂²/∂μ² = 1/σ²; E[−∂²/∂σ²] = E[3(y − μ)²/σ⁴ − 1/σ²] = 2/σ²;
    /// E[−∂²/∂μ∂σ] = E[2(y − μ)/σ³] = 0.
    public func fisherInformation(_ a: [Expr]) -> [[Expr]]? {
        let s2 = a[1].squared
        return [[1 / s2, a[0].store.zero], [a[0].store.zero, 2 / s2]]
    }
}

extension Bernoulli {
    /// log p = y log p + (1 − y) log(1 − p): E[y/p² + (1 − y)/(1 − p)²] = 1/(p(1 − p)).
    public func fisherInformation(_ a: [Expr]) -> [[Expr]]? { [[1 / (a[0] * (1 - a[0]))]] }
}

extension Binomial {
    /// N trials (data, so its row is 0): E[y/p² + (N − y)/(1 − p)²] = N/(p(1 − p)).
    public func fisherInformation(_ a: [Expr]) -> [[Expr]]? {
        let zero = a[0].store.zero
        return [[zero, zero], [zero, a[0] / (a[1] * (1 - a[1]))]]
    }
}

extension Poisson {
    /// log p = y log λ − λ: E[y/λ²] = 1/λ.
    public func fisherInformation(_ a: [Expr]) -> [[Expr]]? { [[1 / a[0]]] }
}

extension Exponential {
    /// log p = log λ − λy: −∂²/∂λ² = 1/λ² (no y in it).
    public func fisherInformation(_ a: [Expr]) -> [[Expr]]? { [[1 / a[0].squared]] }
}

extension BetaDistribution {
    /// log p = (a − 1) log y + (b − 1) log(1 − y) − lbeta(a, b): −∇² = ∇² lbeta, which has no y:
    /// ψ₁(a) − ψ₁(a + b), −ψ₁(a + b), ψ₁(b) − ψ₁(a + b).
    public func fisherInformation(_ a: [Expr]) -> [[Expr]]? {
        let both = (a[0] + a[1]).apply(.trigamma)
        return [[a[0].apply(.trigamma) - both, -both], [-both, a[1].apply(.trigamma) - both]]
    }
}

extension GammaDistribution {
    /// log p = α log β − log Γ(α) + (α − 1) log y − βy: −∂²/∂α² = ψ₁(α), −∂²/∂α∂β = −1/β,
    /// −∂²/∂β² = α/β² (none has y in it).
    public func fisherInformation(_ a: [Expr]) -> [[Expr]]? {
        let cross = -(1 / a[1])
        return [[a[0].apply(.trigamma), cross], [cross, a[0] / a[1].squared]]
    }
}
