import Data
import LinearAlgebra
import Model
import Symbolic

/// Σᵢ R(rowᵢ, θ, η) with its exact gradient and Hessian, as one aggregate query per θ.
///
/// R is differentiated symbolically, as the compiled tape does, in the scalar
/// parameters it holds and in each linear predictor ηₖ; the per-row values (R, ∂R,
/// ∂²R) are columns of a derived table over the data, and the aggregate above it
/// forms what BLAS forms in memory: Σ ∂R/∂θ, Xᵀ·∂R/∂η = Σ xⱼ·∂R/∂η, and
/// Xᵀ·diag(∂²R/∂η²)·X = Σ xⱼ·xₗ·∂²R/∂η² (the upper triangle; symmetry gives the rest).
/// Every evaluation asks for all of it (the scan costs the same), and the last one is
/// kept, so the line search's value and the Newton step's Hessian at the same θ are one
/// query: one query per iteration.
final class DatabaseRemainder: RemainderSums {
    let rows: Int
    let sql: String
    /// The bound parameters (θ's components and other row-constant parts), in placeholder order.
    let parameters: [Expr]
    /// Where each aggregate goes.
    private let targets: [RemainderQuery.Target]
    private unowned let owner: DatabaseSums
    private var last: (theta: [Double], value: Double, gradient: [Double], hessian: Matrix)?
    /// ℓ's rows are summed less this centre (ℓ/n of the last evaluation, to 20 bits): see `centred`.
    private var centre = 0.0

    init(_ remainder: Expr, _ owner: DatabaseSums, _ likelihoodTerm: LikelihoodTerm) throws(PushdownRefusal) {
        self.owner = owner
        rows = likelihoodTerm.rows
        let query = try RemainderQuery(remainder, owner.term, owner.dialect)
        sql = query.sql
        parameters = query.parameters
        targets = query.targets
    }

    /// The query as `show plan` lists it.
    var planned: PlannedQuery {
        PlannedQuery(
            purpose: PushdownMessage.iteration, sql: sql,
            parameters: legend)
    }

    /// What each parameter is: θ's components (and row-constant parts), then the centre.
    var legend: [String] {
        parameters.enumerated().map { k, e in PushdownMessage.parameter(owner.dialect.placeholder(k + 1), e.printed()) }
            + [PushdownMessage.parameter(owner.dialect.placeholder(parameters.count + 1), PushdownMessage.centre)]
    }

    func accumulate(
        _ theta: [Double], order: Int, scalars: [Symbol: Double],
        value: inout Double, gradient: inout [Double], hessian: inout Matrix
    ) {
        let sums = evaluate(theta, scalars: scalars, parameterCount: gradient.count)
        value += sums.value
        guard order >= 1 else { return }
        for i in gradient.indices { gradient[i] += sums.gradient[i] }
        guard order >= 2 else { return }
        for i in 0..<hessian.elements.count { hessian.elements[i] += sums.hessian.elements[i] }
    }

    /// All three sums at θ: the last ones again if θ is the same, else one query.
    private func evaluate(_ theta: [Double], scalars: [Symbol: Double], parameterCount p: Int)
        -> (value: Double, gradient: [Double], hessian: Matrix)
    {
        if let last, last.theta == theta { return (last.value, last.gradient, last.hessian) }
        var value = 0.0
        var gradient = [Double](repeating: 0, count: p)
        var hessian = Matrix(rows: p, columns: p)
        // The likelihood passes only the θ components it reads itself; a predictor's
        // coefficients (w in w·X) are bound here too.
        var bound = scalars
        for (i, x) in theta.enumerated() { bound[.parameter(i)] = x }
        do {
            let row = try owner.send(sql, parameters.map { $0.evaluate(bound) } + [centre])
            for (k, target) in targets.enumerated() {
                let x = row.indices.contains(k) ? row[k] ?? 0 : .nan
                switch target {
                case .value: value += centred(x)
                case .gradient(let i): gradient[i] += x
                case .hessian(let i, let j):
                    hessian[i, j] += x
                    if i != j { hessian[j, i] += x }
                case .undefined: if x > 0 { value = .nan }
                }
            }
        } catch {
            // An arithmetic exception (exp overflow, log 0) is a value that is not finite, as in
            // memory; anything else is a failure, reported after the fit.
            // (A statement cancelled by Ctrl-C: the solver sees the flag and stops itself.)
            if error.kind != .arithmetic, error.kind != .interrupted, owner.failure == nil {
                owner.failure = .sumsFailed(PushdownMessage.queryFailed(error))
            }
            value = .nan
            gradient = gradient.map { _ in .nan }
        }
        last = (theta, value, gradient, hessian)
        return (value, gradient, hessian)
    }

    /// Σ fᵢ from Σ (fᵢ − c): the database's sum is plain, its rounding error growing with the
    /// partial sums; fᵢ all of one sign (ℓ's rows, ≈ −0.55 each for a logistic fit) make
    /// those n·|f̄| large, an error near ε·|f̄|·n^1.5 (3e−8 at 10⁶ rows, above the increase the
    /// line search must see near the optimum). Less a centre c ≈ f̄ the partial sums only
    /// wander, ε·σ·n. c is ℓ/n of the previous evaluation cut to 20 significant bits, so n·c
    /// is exact (n < 2³³) and adding it back costs one rounding, an ulp of ℓ.
    private func centred(_ sum: Double) -> Double {
        let n = Double(rows)
        let value = sum + n * centre
        if value.isFinite { centre = (value / n).cutTo20Bits }
        return value
    }

    func listing(number: Int) -> String {
        "per-row sums \(number), computed in the database (\(owner.connection.location)) by one query per evaluation:\n"
            + sql
            + (parameters.isEmpty
                ? ""
                : "\nwhere "
                    + parameters.enumerated().map { k, e in
                        PushdownMessage.parameter(owner.dialect.placeholder(k + 1), e.printed())
                    }.joined(separator: ", "))
    }
}

extension Double {
    /// The double with its significand cut to its 20 leading bits (so products with integers below
    /// 2³³ are exact).
    fileprivate var cutTo20Bits: Double {
        guard isFinite, self != 0 else { return 0 }
        let e = exponent
        let scale = Double(sign: .plus, exponent: 19 - e, significand: 1)
        return (self * scale).rounded(.towardZero) / scale
    }
}
