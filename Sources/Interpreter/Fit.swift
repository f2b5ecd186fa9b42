import Diagnostics
import Inference
import LinearAlgebra
import Model
import Report
import Solvers
import Symbolic
import Syntax

/// The result of a fit, kept by the session for loglik, aic, bic, n and se().
struct FitRecord {
    let model: BuiltModel
    let estimate: [Double]
    let logLikelihood: Double
    /// Covariance over `free` slots (order of `free`).
    let covariance: Matrix?
    let free: [Int]
    /// Slots whose estimate is on the boundary of their domain, with the explanation.
    let boundary: [Int: String]
    let report: FitReport

    func standardError(slot: Int) -> Double? {
        guard let covariance, let i = free.firstIndex(of: slot) else { return nil }
        return covariance[i, i].squareRoot()
    }
}

/// How the estimate was found, before inference.
struct Solution {
    var estimate: [Double]
    var solver: String
    var reason: String
    var closedForms: [String] = []
    var iterations: Int?
    var gradientNorm: Double?
    var notes: [String] = []
    var boundary: [Int: String] = [:]
    /// Least squares knows the covariance of its coefficients from the QR factor.
    var knownCovariance: (slots: [Int], matrix: Matrix)?
    var warnings: [String] = []
}

/// ℓ (+ log-prior) in θ coordinates, for solvers.
struct ModelObjective: Objective {
    let model: BuiltModel
    let withPrior: Bool
    var dimension: Int { model.layout.count }
    func evaluate(_ x: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
        let e = model.evaluate(x, order: order, withPrior: withPrior)
        return (e.value, e.gradient, e.hessian)
    }
}

/// The same in unconstrained coordinates u (θ = T(u)), by the chain rule:
/// ∇ᵤ = J·∇θ, ∇²ᵤ = J·∇²θ·J + diag(∇θ ∘ T″).
struct UnconstrainedObjective: Objective {
    let inner: ModelObjective
    let transforms: [ParameterTransform]
    var dimension: Int { inner.dimension }

    func theta(_ u: [Double]) -> [Double] { zip(transforms, u).map { $0.theta($1) } }

    func evaluate(_ u: [Double], order: Int) -> (value: Double, gradient: [Double], hessian: Matrix) {
        let (v, g, h) = inner.evaluate(theta(u), order: order)
        guard order >= 1 else { return (v, g, h) }
        let d = zip(transforms, u).map { $0.derivatives($1) }
        let gu = zip(g, d).map { $0 * $1.first }
        guard order >= 2 else { return (v, gu, h) }
        var hu = h
        for i in 0..<dimension {
            for j in 0..<dimension { hu[i, j] = d[i].first * h[i, j] * d[j].first }
            hu[i, i] += g[i] * d[i].second
        }
        return (v, gu, hu)
    }
}

extension Session {
    func runFit(_ decl: FitDeclaration, _ span: SourceSpan) throws {
        let name = try resolveModel(decl.model, span)
        let model = try builtModel(name, span)
        try checkSize(model, span)
        let solution = try solve(model, decl, span)
        let record = try infer(model, solution, span)
        for warning in solution.warnings { output(.diagnostic(.warning(warning, at: span))) }
        output(.fit(record.report))
        remember(record)
    }

    func remember(_ record: FitRecord) {
        for entry in record.model.layout.entries {
            let values = Array(record.estimate[entry.offset..<(entry.offset + entry.size)])
            estimates[entry.name] = entry.length == nil ? .number(values[0]) : .vector(values)
        }
        lastFit = record
    }

    /// Runs the method asked for, or the one the analysis picks.
    func solve(_ model: BuiltModel, _ decl: FitDeclaration, _ span: SourceSpan) throws -> Solution {
        let total = try traceLength(decl)
        let every = max(1, total / 40)
        let trace: ((Iteration) -> Void)? =
            decl.trace
            ? { [weak self] it in
                // Every iteration for short runs; for long ones (gradient ascent) the first ten,
                // then every k-th and the last, so the trace stays readable.
                guard it.number < 10 || it.number % every == 0 || it.number == total else { return }
                self?.output(
                    .report(
                        "  iteration \(it.number): ℓ = \(Format.number(it.value)), max |∇ℓ| = \(Format.number(it.gradientNorm, digits: 3))"
                    ))
            } : nil
        switch decl.method?.text {
        case nil:
            return try automatic(model, trace, span)
        case "closed":
            switch try exactSolution(model, span) {
            case .success(let s): return s
            case .failure(let why):
                throw Diagnostic.error(
                    InterpreterMessage.noClosedForm(why.reasons), at: decl.method?.span ?? span,
                    help: InterpreterMessage.fitIteratively)
            }
        case "newton":
            return try newton(model, reason: "Newton's method was asked for ('using newton')", trace, span)
        case "gradient":
            return try gradientAscent(model, decl.options, trace, span)
        default:
            throw Diagnostic.error(
                InterpreterMessage.unknownMethod(decl.method?.text ?? ""), at: decl.method?.span ?? span)
        }
    }

    /// The exact Hessian has k² entries: beyond a few thousand parameters it does not fit in memory.
    func checkSize(_ model: BuiltModel, _ span: SourceSpan) throws {
        guard model.layout.count <= 4000 else {
            throw Diagnostic.error(InterpreterMessage.tooManyParameters(model.layout.count), at: span)
        }
    }

    func unboundedLikelihood(_ edge: String, _ span: SourceSpan) -> Diagnostic {
        .error(InterpreterMessage.unbounded(as: edge), at: span, help: InterpreterMessage.unboundedHelp)
    }

    /// How many iterations a traced fit will run at most (its `steps:` for gradient ascent).
    func traceLength(_ decl: FitDeclaration) throws -> Int {
        guard decl.method?.text == "gradient", let arg = decl.options.first(where: { $0.label?.text == "steps" }),
            case .number(let k) = try evaluate(arg.value), k >= 1, k < 1e9
        else { return 200 }
        return Int(k)
    }

    /// Least squares, else a closed form, else Newton — saying why.
    func automatic(_ model: BuiltModel, _ trace: ((Iteration) -> Void)?, _ span: SourceSpan) throws -> Solution {
        switch try exactSolution(model, span) {
        case .success(let s): return s
        case .failure(let why):
            return try newton(model, reason: "no closed form: " + (why.reasons.last ?? ""), trace, span)
        }
    }

    struct NoExactSolution: Error {
        let reasons: [String]
    }

    /// Least squares, else the symbolic solution of the score equations; why neither applies.
    /// An unbounded likelihood found on the way is an error: no method can fix that.
    func exactSolution(_ model: BuiltModel, _ span: SourceSpan) throws -> Result<Solution, NoExactSolution> {
        var reasons: [String] = []
        if let s = try leastSquares(model, reasons: &reasons, span) { return .success(s) }
        switch closedForm(model, span) {
        case .success(let s): return .success(s)
        case .failure(let why):
            if let edge = why.unbounded { throw unboundedLikelihood(edge, span) }
            return .failure(NoExactSolution(reasons: reasons + [why.reason]))
        }
    }
}
