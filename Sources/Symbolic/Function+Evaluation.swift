import CGSL
import Foundation

extension Function {
    /// The function's value, computed stably (softplus(1000) = 1000, σ(−800) > 0 underflowing gracefully).
    public func evaluate(_ x: [Double]) -> Double {
        switch self {
        case .logsumexp: return Function.logsumexp(x)
        default: return evaluate(x[0])
        }
    }

    @inline(__always)
    public func evaluate(_ x: Double) -> Double {
        switch self {
        case .exp: return Foundation.exp(x)
        case .log: return x < 0 ? .nan : Foundation.log(x)
        case .log1p: return Foundation.log1p(x)
        case .expm1: return Foundation.expm1(x)
        case .sigmoid: return x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
        case .softplus:
            return x.isInfinite ? (x > 0 ? x : 0) : Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
        case .logit: return Foundation.log(x) - Foundation.log1p(-x)
        case .lgamma: return Function.logGamma(x)
        case .digamma: return Function.psi(0, x)
        case .trigamma: return Function.psi(1, x)
        case .tetragamma: return Function.psi(2, x)
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : 0)
        case .logsumexp: return x
        }
    }

    /// log |Γ(x)| by the reentrant lgamma_r (lgamma writes the global signgam, a data race when
    /// rows are evaluated on several cores).
    @inline(__always)
    public static func logGamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    static func logsumexp(_ xs: [Double]) -> Double {
        guard let m = xs.max() else { return -.infinity }
        if m.isInfinite { return m }
        var s = 0.0
        for x in xs { s += Foundation.exp(x - m) }
        return m + Foundation.log(s)
    }

    /// ψ⁽ᵏ⁾(x) from GSL, with its error handler off: NaN where it is undefined.
    static func psi(_ k: Int32, _ x: Double) -> Double {
        GSLSetup.once
        var result = gsl_sf_result()
        let status = k == 0 ? gsl_sf_psi_e(x, &result) : gsl_sf_psi_n_e(k, x, &result)
        return status == 0 ? result.val : .nan
    }
}

/// Switches GSL's abort-on-error handler off, once per process.
enum GSLSetup {
    static let once: Void = { mle_gsl_init() }()
}
