import Diagnostics
import Foundation
import Interpreter
import Report
import Testing

/// Comparisons on text, factors and their expansion, and the names coefficients get from
/// the columns they multiply, as a script runs them.
@Suite struct FactorTests {
    typealias F = InterpreterFixture

    /// Six looms of warpbreaks (rows 1, 10, 19, 28, 37, 46 of R's data): every wool × tension cell once.
    static let directory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mle-factors-\(UUID().uuidString)")
            .path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let text = "breaks,wool,tension,copy\n26,A,L,a\n18,A,M,a\n36,A,H,a\n27,B,L,b\n42,B,M,b\n20,B,H,b\n"
        _ = FileManager.default.createFile(atPath: path + "/wb.csv", contents: text.data(using: .utf8))
        return path
    }()
    static let wb = "data d = csv(\"wb.csv\")\n"

    func run(_ text: String) -> (ok: Bool, transcript: Transcript) {
        F.run(FactorTests.wb + text, directory: FactorTests.directory)
    }

    func numbers(_ expression: String) -> [Double] {
        let (ok, t) = run("print " + expression)
        guard ok, let value = t.values.last?.first else { return [.nan] }
        switch value {
        case .number(let x): return [x]
        case .vector(let xs): return xs
        case .matrix(let rows): return rows.flatMap { $0 }
        default: return [.nan]
        }
    }

    @Test func comparisonsOnText() {
        #expect(numbers("d.wool == \"B\"") == [0, 0, 0, 1, 1, 1])
        #expect(numbers("d.wool != \"B\"") == [1, 1, 1, 0, 0, 0])
        // Text orders by bytes (R's C locale): H < L < M, and upper case before lower case.
        #expect(numbers("d.tension < \"M\"") == [1, 0, 1, 1, 0, 1])
        #expect(numbers("d.tension >= \"L\"") == [1, 1, 0, 1, 1, 0])
        #expect(numbers("\"B\" < \"a\"") == [1])
        #expect(numbers("d.wool[4] == \"B\"") == [1])
        #expect(numbers("levels(d.tension)[1] == \"H\"") == [1])
        #expect(numbers("sum(d.tension == \"H\")") == [2])
        #expect(numbers("(d.wool == \"B\") * (d.tension == \"M\")") == [0, 0, 0, 0, 1, 0])
    }

    @Test func comparisonsOnNumbersAreUnchanged() {
        #expect(numbers("d.breaks > 26") == [0, 0, 1, 1, 1, 0])
        #expect(numbers("d.breaks == [26, 0, 0, 0, 0, 20]") == [1, 0, 0, 0, 0, 1])
    }

    @Test func levelsAndFactors() {
        #expect(run("print levels(d.tension)").transcript.printed == ["[\"H\", \"L\", \"M\"]"])
        #expect(run("print levels(factor(d.tension, ref: \"L\"))").transcript.printed == ["[\"L\", \"H\", \"M\"]"])
        #expect(
            run("print levels(factor(d.tension, levels: [\"L\", \"M\", \"H\"]))").transcript.printed == [
                "[\"L\", \"M\", \"H\"]"
            ])
        #expect(
            run("print levels(factor(d.breaks))").transcript.printed == [
                "[\"18\", \"20\", \"26\", \"27\", \"36\", \"42\"]"
            ])
        #expect(numbers("length(levels(d.tension))") == [3])
        #expect(numbers("length(d.wool)") == [6])
    }

    /// R: model.matrix(~ wool + tension)[, -1] with tension's levels sorted (H, L, M).
    @Test func indicatorColumns() {
        #expect(
            numbers("d[wool, tension]")
                == [
                    0, 1, 0, /* A L */ 0, 0, 1, /* A M */ 0, 0, 0, /* A H */
                    1, 1, 0, /* B L */ 1, 0, 1, /* B M */ 1, 0, 0, /* B H */
                ].map(Double.init))
        #expect(numbers("ncol(d[breaks, wool, tension])") == [4])
        #expect(numbers("2 * d.wool") == [0, 0, 0, 2, 2, 2])
        // A vector of K − 1 coefficients times a K-level factor: one per indicator column.
        #expect(numbers("[10, 100] * d.tension") == [10, 100, 0, 10, 100, 0])
        #expect(numbers("[10, 100]·factor(d.tension, ref: \"L\")") == [0, 100, 10, 0, 100, 10])
        #expect(
            numbers("d.wool * factor(d.tension, levels: [\"L\", \"M\", \"H\"])") == [
                0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1,
            ])
    }

    /// Values the checker cannot see (a factor of a computed vector) are checked when they run.
    @Test func runTimeErrorsNameTheLevel() {
        let (ok, t) = run("data g = factor(d.breaks * 2)\nprint g == \"7\"")
        #expect(!ok)
        #expect(t.errors.first?.hasPrefix("3:12: no row of 'd.breaks * 2' has the level \"7\"") == true)
        let (ok2, t2) = run("data g = factor(d.breaks * 2, ref: 5)")
        #expect(!ok2)
        #expect(t2.errors.first?.hasPrefix("2:36: no row of 'd.breaks * 2' has the level \"5\"") == true)
    }

    /// Every coefficient bound to a column is named by it, in the text and the JSON; w[2] still indexes.
    @Test func coefficientsAreNamedByTheirColumns() throws {
        let (ok, t) = run(
            """
            param b0
            param w: vector[ncol(d[wool, tension])]
            model d.breaks ~ Poisson(exp(b0 + w·d[wool, tension]))
            fit
            print w[2], se(w[3])
            """)
        #expect(ok, "\(t.errors)")
        let report = try #require(t.fits.first)
        #expect(report.rows.map(\.name) == ["b0", "w[woolB]", "w[tensionL]", "w[tensionM]"])
        #expect(t.values.last?.count == 2)
        if case .number(let w2)? = t.values.last?.first { #expect(w2 == report.rows[2].estimate) }
        let json = JSONRenderer.render(.fit(report)).serialized()
        #expect(json.contains("\"name\": \"w[tensionL]\""))
        #expect(TextRenderer().render(.fit(report))?.contains("w[woolB]") == true)
    }

    /// `show params` lists the columns a vector param's components multiply.
    @Test func showParamsNamesTheComponents() {
        let (ok, t) = run("param w: vector[3]\nmodel d.breaks ~ Poisson(exp(w·d[wool, tension]))\nshow params")
        #expect(ok, "\(t.errors)")
        let text = t.events.compactMap { TextRenderer().render($0) }.joined(separator: "\n")
        #expect(text.contains("w: vector[3] (woolB, tensionL, tensionM), unconstrained"))
    }

    @Test func scalarCoefficientsKeepTheirNames() throws {
        let (ok, t) = run("param b0\nparam b\nmodel d.breaks ~ Poisson(exp(b0 + b*d.wool))\nfit")
        #expect(ok, "\(t.errors)")
        #expect(try #require(t.fits.first).rows.map(\.name) == ["b0", "b"])
    }

    /// A level listed in levels: that no row has: the fit says which, naming the coefficient.
    @Test func aLevelWithNoRowsStopsTheFit() {
        let (ok, t) = run(
            """
            data t = factor(d.tension, levels: ["L", "M", "H", "X"])
            param b0
            param w: vector[3]
            model d.breaks ~ Poisson(exp(b0 + w·t))
            fit
            """)
        #expect(!ok)
        #expect(t.errors == ["6:1: no row of 'tension' has the level \"X\", so w[tensionX] cannot be estimated"])
        // loglik of such a model at a point is still defined.
        let (ok2, t2) = run(
            """
            data t = factor(d.tension, levels: ["L", "M", "H", "X"])
            param w: vector[3]
            model d.breaks ~ Poisson(exp(3 + w·t))
            print loglik(w: [0, 0, 0])
            """)
        #expect(ok2, "\(t2.errors)")
    }

    /// Two factors that code the same grouping: the identifiability check names them by column.
    @Test func collinearFactorsAreNamed() {
        let (ok, t) = run("param b0\nparam w: vector[2]\nmodel d.breaks ~ Poisson(exp(b0 + w·d[wool, copy]))\nfit")
        #expect(!ok)
        #expect(t.errors.first?.contains("w[woolB]") == true)
        #expect(t.errors.first?.contains("w[copyb]") == true)
    }

    /// The saturated model: each cell's rate is its one count, so the interaction's MLE is exact:
    /// b0 = log 26, a = log(27/26), v = log(18/26), log(36/26), u = log(42·26/(27·18)), log(20·26/(27·36)).
    @Test func interactionOfTwoFactors() throws {
        let (ok, t) = run(
            """
            data t = factor(d.tension, levels: ["L", "M", "H"])
            param b0
            param a
            param v: vector[2]
            param u: vector[2]
            model d.breaks ~ Poisson(exp(b0 + a*d.wool + v·t + u·(d.wool * t)))
            fit
            """)
        #expect(ok, "\(t.errors)")
        let rows = try #require(t.fits.first).rows
        #expect(
            rows.map(\.name) == ["b0", "a", "v[tensionM]", "v[tensionH]", "u[woolB:tensionM]", "u[woolB:tensionH]"])
        let exact = [
            log(26.0), log(27.0 / 26), log(18.0 / 26), log(36.0 / 26), log(42.0 * 26 / (27 * 18)),
            log(20.0 * 26 / (27 * 36)),
        ]
        // Newton stops with |∇ℓ| < 1e-8 on a problem with Fisher information ~20–40 per cell.
        for (row, x) in zip(rows, exact) { #expect(abs(row.estimate - x) < 1e-9, "\(row.name)") }
        // SE of a cell's log-rate is 1/√count: se(b0) = 1/√26.
        #expect(abs((rows[0].standardError ?? 0) - 1 / 26.0.squareRoot()) < 1e-9)
    }
}
