import Data
import Foundation
import Symbolic
import Testing

@testable import Pushdown

/// The SQL the push-down writes computes what memory computes: each function's SQL form
/// (softplus, σ, log1p, expm1 by Kahan's compensations; log Γ, ψ, ψ′ by shifted series)
/// evaluated by the database against the tape's own functions (libm, and GSL for ψ),
/// including where a naive formula overflows or cancels.
@Suite("the SQL forms of the IR's functions")
struct SQLFormsTests {
    /// A connection to the engine, for evaluating scalar SELECTs.
    static func connection(_ engine: Engine) throws -> (any SQLConnection)? {
        guard let text = engine.location, let location = SQLLocation(text, directory: SQLFixture.root) else {
            return nil
        }
        return try SQLTables().connection(to: location)
    }

    /// e written over a column x, evaluated by the database at x = value.
    static func sqlValue(_ e: Expr, at value: Double, _ connection: any SQLConnection) throws -> Double? {
        var writer = SQLWriter(dialect: SQLDialect(connection), names: [.column(0): "x"])
        let text = try writer.sql(e)
        let literal = connection.engine == .sqlite ? "\(value)" : "CAST(\(value) AS DOUBLE PRECISION)"
        return try connection.aggregate("SELECT \(text) FROM (SELECT \(literal) AS x) AS t", parameters: []).first
            ?? nil
    }

    /// (function, points, relative tolerance, absolute tolerance) — tolerances from each form's
    /// error: a few ulps for the compensated ones; the series' truncation (< 3e−16 relative)
    /// plus the shift's rounding for log Γ, ψ, ψ′ (a few e−15 absolute near their zeros).
    /// PostgreSQL's e^x is held above e^−700 (it raises an error on underflow), hence the
    /// absolute 1e−300 for e^x and σ(x), which underflow to 0 in memory.
    static let checks: [(Function, [Double], Double, Double)] = [
        (.exp, [-800, -30, -1e-10, 0, 0.5, 700], 4e-16, 1e-300),
        (.log, [1e-300, 0.5, 1, 1 + 1e-12, 1e10], 4e-16, 0),
        (.log1p, [-0.999, -1e-5, -1e-12, 1e-20, 1e-9, 1e-4, 0.3, 5, 1e15], 4e-16, 0),
        (.expm1, [-50, -1, -1e-6, -1e-15, 1e-18, 1e-8, 1e-3, 0.7, 30], 4e-16, 0),
        // ½ + ½·tanh(t/2): an ulp of ½ absolute (see Function.sql).
        (.sigmoid, [-800, -40, -1, 0, 1e-9, 2, 40, 800], 4e-16, 1.2e-16),
        // ln(1 + e^−|t|) drops e^−|t| < 1.2e−16 where 1 + e^−|t| rounds to 1 (see Function.sql).
        (.softplus, [-800, -40, -1, 0, 1, 40, 800], 4e-16, 1.2e-16),
        (.logit, [1e-12, 0.1, 0.5, 0.9, 1 - 1e-9], 1e-15, 0),
        (.lgamma, [1e-3, 0.5, 1, 1.5, 2, 3.7, 10, 123.4, 1e5, 3e7], 4e-15, 4e-15),
        (.digamma, [1e-3, 0.5, 1, 1.4616321449683622, 2, 9.5, 60, 1e6], 4e-15, 4e-15),
        (.trigamma, [1e-3, 0.5, 1, 2, 7.5, 100, 1e6], 4e-15, 0),
    ]

    @Test(arguments: Engine.allCases)
    func functionsAgreeWithMemory(engine: Engine) throws {
        guard let connection = try Self.connection(engine) else { return }
        let store = ExprStore()
        let x = store.symbol(.column(0))
        for (f, points, relative, absolute) in Self.checks {
            for z in points {
                let expected = f.evaluate(z)
                let got = try #require(try Self.sqlValue(x.apply(f), at: z, connection), "\(f)(\(z)) was NULL")
                #expect(
                    abs(got - expected) <= relative * abs(expected) + absolute,
                    "\(engine) \(f)(\(z)) = \(got), memory \(expected)")
            }
        }
    }

    /// log Σ e^xᵢ and a few shapes of arithmetic: powers, quotients, negative coefficients.
    @Test(arguments: Engine.allCases)
    func expressionsAgreeWithMemory(engine: Engine) throws {
        guard let connection = try Self.connection(engine) else { return }
        let store = ExprStore()
        let x = store.symbol(.column(0))
        let expressions: [Expr] = [
            store.apply(.logsumexp, [x, 2 * x, x - 700]),
            x.pow(3) - 2 * x.pow(2) / (1 + x),
            -x / (x * x + 1) - 3.5 * x.pow(-2),
            x.pow(0.5) + x.pow(-0.5) + x.pow(1.7),
            store.constant(2) - x * store.constant(-1.25),
        ]
        for e in expressions {
            for z in [0.25, 1.5, 40.0] {
                let expected = e.evaluate([.column(0): z])
                let got = try #require(try Self.sqlValue(e, at: z, connection))
                #expect(abs(got - expected) <= 1e-14 * max(1, abs(expected)), "\(e) at \(z): \(got) vs \(expected)")
            }
        }
    }

    /// A value SQLite cannot compute (log of 0) is NULL there, and the query says so rather
    /// than letting sum() skip the row; PostgreSQL raises an error instead, which is a NaN too.
    @Test(arguments: Engine.allCases)
    func undefinedValuesAreNotSkipped(engine: Engine) throws {
        guard let location = engine.location else { return }
        let script =
            "data d = sql(\"\(location)\", \"SELECT x1 FROM families\")\nparam μ\nparam σ > 0\n"
            + "model d.x1 ~ Normal(μ, σ)\nprint loglik(μ: 0, σ: 1)"
        let (ok, t, _) = SQLFixture.run(script)
        #expect(ok, "\(t.errors)")
        #expect(t.numbers.first?.isFinite == true)
    }
}
