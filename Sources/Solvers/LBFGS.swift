import CLBFGS
import Interrupt
import LinearAlgebra

/// Limited-memory BFGS (liblbfgs, Nocedal 1980; Moré–Thuente line search) for maximising
/// f with many parameters: each iteration costs one evaluation of f and ∇f and O(m·k)
/// arithmetic for the last m = 10 curvature pairs, against Newton's k×k Hessian and its
/// O(k³) factorisation.
///
/// Stops, scale-free, when the relative improvement of f over the last 3 iterations is
/// below 10⁻¹⁵·max(1, |f|) (liblbfgs's `delta` test) or ‖∇f‖ ≤ 10⁻¹⁰·max(1, ‖x‖); the line
/// search running out of room at a point where it cannot improve f (rounding) counts as
/// converged. A Newton polish with the exact Hessian, where it fits, follows in the method.
public struct LBFGS {
    public var maximumIterations = 2000
    public var memory = 10
    public var onIteration: ((Iteration) -> Void)?
    public var isInterrupted: () -> Bool = { Interrupt.requested }

    public init() {}

    public func maximize(_ f: some Objective, from start: [Double]) -> SolverResult {
        let k = start.count
        let box = Context(
            f: { x, order in f.evaluate(x, order: order) }, onIteration: onIteration, isInterrupted: isInterrupted)
        guard k > 0, let x = lbfgs_malloc(Int32(k)) else {
            let e = f.evaluate(start, order: 1)
            return SolverResult(
                x: start, value: e.value, gradient: e.gradient, iterations: 0, status: .converged, history: [])
        }
        defer { lbfgs_free(x) }
        for i in 0..<k { x[i] = start[i] }
        var parameters = lbfgs_parameter_t()
        lbfgs_parameter_init(&parameters)
        parameters.m = Int32(memory)
        parameters.max_iterations = Int32(maximumIterations)
        parameters.epsilon = 1e-10
        parameters.past = 3
        parameters.delta = 1e-15
        parameters.linesearch = Int32(LBFGS_LINESEARCH_MORETHUENTE)
        var fx = 0.0
        let status = withExtendedLifetime(box) {
            lbfgs(
                Int32(k), x, &fx, LBFGS.evaluate, LBFGS.progress, Unmanaged.passUnretained(box).toOpaque(),
                &parameters)
        }
        let final = Array(UnsafeBufferPointer(start: x, count: k))
        let e = f.evaluate(final, order: 1)
        return SolverResult(
            x: final, value: e.value, gradient: e.gradient, iterations: box.iterations,
            status: box.interrupted ? .interrupted : LBFGS.status(status, e.value), history: box.history)
    }

    /// liblbfgs's codes as a solver status: success, and the line search's rounding stops
    /// (nothing left to gain at working precision), are convergence.
    static func status(_ code: Int32, _ value: Double) -> SolverResult.Status {
        guard value.isFinite else { return .notFinite }
        switch code {
        case Int32(LBFGS_SUCCESS), Int32(LBFGS_STOP), Int32(LBFGS_ALREADY_MINIMIZED),
            Int32(LBFGSERR_ROUNDING_ERROR), Int32(LBFGSERR_MINIMUMSTEP),
            Int32(LBFGSERR_MAXIMUMLINESEARCH):
            return .converged
        case Int32(LBFGSERR_MAXIMUMITERATION): return .iterationLimit
        default: return .stalled
        }
    }

    final class Context {
        let f: ([Double], Int) -> (value: Double, gradient: [Double], hessian: Matrix)
        let onIteration: ((Iteration) -> Void)?
        let isInterrupted: () -> Bool
        var iterations = 0
        var history: [Iteration] = []
        var interrupted = false
        init(
            f: @escaping ([Double], Int) -> (value: Double, gradient: [Double], hessian: Matrix),
            onIteration: ((Iteration) -> Void)?, isInterrupted: @escaping () -> Bool
        ) {
            self.f = f
            self.onIteration = onIteration
            self.isInterrupted = isInterrupted
        }
    }

    /// liblbfgs minimises: it is handed −f and −∇f.
    static let evaluate: lbfgs_evaluate_t = { instance, x, g, n, _ in
        guard let instance, let x, let g else { return .infinity }
        let context = Unmanaged<Context>.fromOpaque(instance).takeUnretainedValue()
        let e = context.f(Array(UnsafeBufferPointer(start: x, count: Int(n))), 1)
        guard e.value.isFinite, e.gradient.allSatisfy(\.isFinite) else {
            for i in 0..<Int(n) { g[i] = 0 }
            return .infinity
        }
        for i in 0..<Int(n) { g[i] = -e.gradient[i] }
        return -e.value
    }

    static let progress: lbfgs_progress_t = { instance, _, _, fx, _, gnorm, step, _, k, _ in
        guard let instance else { return 0 }
        let context = Unmanaged<Context>.fromOpaque(instance).takeUnretainedValue()
        context.iterations = Int(k)
        let it = Iteration(number: Int(k), value: -fx, gradientNorm: gnorm, stepSize: step)
        context.history.append(it)
        context.onIteration?(it)
        if context.isInterrupted() {
            context.interrupted = true
            return 1
        }
        return 0
    }
}
