import Foundation
import Report
import Testing

/// A method named after `using` over a query's rows: Newton and L-BFGS run on the database's
/// sums; Levenberg–Marquardt works on each row's residual, so its model is built again with
/// the rows fetched, and the plan says why.
@Suite("named methods over a query")
struct MethodsOverQueryTests {
    static let nonlinear =
        "param c\nparam k > 0\nparam σ > 0\nmodel m: f.g ~ Normal(c + exp(k * f.x1), σ)\n"

    @Test(arguments: Engine.allCases)
    func levenbergMarquardtFetchesTheRows(engine: Engine) throws {
        guard let location = engine.location else { return }
        let script =
            "data f = sql(\"\(location)\", \"SELECT g, x1 FROM families\")\n" + Self.nonlinear
            + "fit m using lm\nshow plan m"
        let (ok, t, session) = SQLFixture.run(script)
        #expect(ok, "\(t.errors)")
        #expect(session.rowsFetched == 200)
        guard case .fetched(_, let reason)? = t.plans.first?.terms.first?.placement else {
            Issue.record("expected fetched rows, found \(String(describing: t.plans.first?.terms.first?.placement))")
            return
        }
        #expect(reason.contains("Levenberg–Marquardt"), "\(reason)")
        // The same fit as on rows fetched from the start (MLE_PUSHDOWN=off): the same rows, the same steps.
        let (_, memory, _) = SQLFixture.run(script, pushdown: false)
        let a = try #require(t.fits.last)
        let b = try #require(memory.fits.last)
        #expect(SQLFixture.differences(a, b, relative: 1e-14) == [])
    }

    /// L-BFGS on the database's sums reaches the MLE Newton finds on the fetched rows. It stops
    /// at a gradient norm of ~3e-15 here, and the two agree in all 16 digits on this machine;
    /// 1e-9 of each estimate's scale leaves room for another summation order or BLAS kernel
    /// changing the iterates' path.
    @Test(arguments: Engine.allCases)
    func lbfgsRunsOnTheDatabasesSums(engine: Engine) throws {
        guard let location = engine.location else { return }
        let body = "data X = f[x1, x2]\nparam b\nparam w: vector[2]\nmodel f.bern ~ Bernoulli(sigmoid(b + w·X))\n"
        let head = "data f = sql(\"\(location)\", \"SELECT bern, x1, x2 FROM families\")\n" + body
        let (ok, pushed, session) = SQLFixture.run(head + "fit using lbfgs")
        #expect(ok, "\(pushed.errors)")
        #expect(session.rowsFetched == 0)
        let (_, newton, _) = SQLFixture.run(head + "fit using newton", pushdown: false)
        let a = try #require(pushed.fits.last)
        let b = try #require(newton.fits.last)
        #expect(SQLFixture.differences(a, b, relative: 1e-9) == [])
    }
}
