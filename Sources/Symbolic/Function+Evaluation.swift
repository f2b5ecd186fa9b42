import CGSL
import Foundation

extension Function {
    /// The function's value, computed stably (softplus(1000) = 1000, σ(−800) > 0 underflowing gracefully).
    public func evaluate(_ x: [Double]) -> Double {
        switch self {
        case .logsumexp: return Function.logsumexp(x)
        default:
            switch arity {
            case 2: return evaluate(x[0], x[1], 0)
            case 3: return evaluate(x[0], x[1], x[2])
            default: return evaluate(x[0])
            }
        }
    }

    /// The functions of two or three arguments (unused trailing arguments are ignored).
    public func evaluate(_ x: Double, _ y: Double, _ z: Double) -> Double {
        switch self {
        case .atan2: return Foundation.atan2(x, y)
        case .logPochhammer:
            GSLSetup.once
            var r = gsl_sf_result()
            return gsl_sf_lnpoch_e(x, y, &r) == 0 ? r.val : .nan
        case .logGammaP: return IncompleteGamma.evaluate(x, y).logP
        case .logGammaPda: return IncompleteGamma.evaluate(x, y).logPda
        case .logGammaPdaa: return IncompleteGamma.evaluate(x, y).logPdaa
        case .logGammaQ: return IncompleteGamma.evaluate(x, y).logQ
        case .logGammaQda: return IncompleteGamma.evaluate(x, y).logQda
        case .logGammaQdaa: return IncompleteGamma.evaluate(x, y).logQdaa
        case .logBetaI: return IncompleteBeta.evaluate(x, y, z).value
        case .logBetaIda: return IncompleteBeta.evaluate(x, y, z).da
        case .logBetaIdb: return IncompleteBeta.evaluate(x, y, z).db
        case .logBetaIdaa: return IncompleteBeta.evaluate(x, y, z).daa
        case .logBetaIdab: return IncompleteBeta.evaluate(x, y, z).dab
        case .logBetaIdbb: return IncompleteBeta.evaluate(x, y, z).dbb
        case .logStudentTCDF: return StudentTCDF.evaluate(x, y).value
        case .logStudentTCDFdnu: return StudentTCDF.evaluate(x, y).dnu
        case .logStudentTCDFdnunu: return StudentTCDF.evaluate(x, y).dnunu
        default: return evaluate(x)
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
        case .logNormalCDF: return Function.logPhi(x)
        case .normalMills: return Foundation.exp(-0.5 * x * x - Function.logRootTwoPi - Function.logPhi(x))
        case .abs: return Swift.abs(x)
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : 0)
        case .logsumexp: return x
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .atan: return Foundation.atan(x)
        case .erf: return Foundation.erf(x)
        case .log10: return x < 0 ? .nan : Foundation.log10(x)
        case .log2: return x < 0 ? .nan : Foundation.log2(x)
        case .floor: return Foundation.floor(x)
        case .round: return x.rounded(.toNearestOrAwayFromZero)
        case .log1mexp: return Function.log1mexp(x)
        case .logStep: return x >= 0 ? 0 : (x.isNaN ? x : -.infinity)
        case .logCauchyCDF: return Function.logCauchyCDF(x)
        default: return evaluate(x, .nan, .nan)
        }
    }

    /// log(1 − eˣ) for x ≤ 0 (Mächler's rule): log(−expm1(x)) near 0, log1p(−eˣ) beyond −log 2.
    public static func log1mexp(_ x: Double) -> Double {
        if x > 0 || x.isNaN { return .nan }
        return x > -Foundation.log(2) ? Foundation.log(-Foundation.expm1(x)) : Foundation.log1p(-Foundation.exp(x))
    }

    /// log(½ + atan(z)/π); for z < 0 the same value as log(atan(−1/z)/π) (atan z = −π/2 − atan(1/z)),
    /// which has no cancellation in the left tail.
    public static func logCauchyCDF(_ z: Double) -> Double {
        if z.isNaN { return z }
        if z == -.infinity { return -.infinity }
        if z < 0 { return Foundation.log(Foundation.atan(-1 / z) / Double.pi) }
        return Foundation.log1p(-Foundation.atan(1 / z) / Double.pi)
    }

    /// log |Γ(x)| by the reentrant lgamma_r (lgamma writes the global signgam, a data race when
    /// rows are evaluated on several cores); at the whole numbers 1…`wholeLogGammaLimit`, read
    /// from `wholeLogGamma`, which holds lgamma_r's own values there.
    @inline(__always)
    public static func logGamma(_ x: Double) -> Double {
        logGamma(x, whole: wholeLogGamma)
    }

    /// `logGamma` with the table of whole numbers passed in (a loop over rows fetches it once).
    @inline(__always)
    public static func logGamma(_ x: Double, whole table: UnsafePointer<Double>) -> Double {
        if x >= 1, x <= Double(wholeLogGammaLimit), x.rounded(.towardZero) == x { return table[Int(x)] }
        var sign: Int32 = 0
        return lgamma_r(x, &sign)
    }

    /// lgamma_r(n) for n = 0…1024 (log (n − 1)! from n = 1), made once: the log-factorials of
    /// counts (a Poisson's log k!, a Binomial's coefficient) are then a lookup instead of a call
    /// of ~40 ns per row, and a Poisson fit on 10⁶ rows computes them in three passes.
    nonisolated(unsafe) public static let wholeLogGamma: UnsafePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: wholeLogGammaLimit + 1)
        for n in 0...wholeLogGammaLimit {
            var sign: Int32 = 0
            table[n] = lgamma_r(Double(n), &sign)
        }
        return UnsafePointer(table)
    }()

    public static let wholeLogGammaLimit = 1024

    static let logRootTwoPi = 0.5 * Foundation.log(2 * Double.pi)

    /// log Φ(x) without underflow or cancellation: log1p(−Φ(−x)) for x > 0, log(erfc(−x/√2)/2)
    /// down to x = −30, and below that the asymptotic series
    /// log φ(x) − log(−x) + log(1 − 1/x² + 3/x⁴ − 15/x⁶ + 105/x⁸).
    public static func logPhi(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 0 { return Foundation.log1p(-0.5 * Foundation.erfc(x / 2.0.squareRoot())) }
        if x > -30 { return Foundation.log(0.5 * Foundation.erfc(-x / 2.0.squareRoot())) }
        if x == -.infinity { return -.infinity }
        let z = 1 / (x * x)
        let series = 1 - z * (1 - z * (3 - z * (15 - z * 105)))
        return -0.5 * x * x - logRootTwoPi - Foundation.log(-x) + Foundation.log(series)
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
