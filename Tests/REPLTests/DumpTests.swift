import Foundation
import Testing

/// `mle check --dump FORM`: every intermediate form has a printer reachable from the
/// command line, and `check` builds the models without fitting them.
@Suite(.serialized)
struct DumpTests {
    static let script = """
        data x = [1, 2, 4]
        param μ
        param σ > 0
        model x ~ Normal(μ, σ)
        fit
        print "not printed: check does not run fits or prints"
        """

    /// Runs `mle check --dump FORM` on the script above; (status, stdout).
    func dump(_ form: String) throws -> (Int32, String) {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("dump.mle")
        try DumpTests.script.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = try mleExecutable()
        process.arguments = ["check", "--dump", form, file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test("tokens and ast: the lexer's and the parser's output")
    func syntax() throws {
        let (s1, tokens) = try dump("tokens")
        #expect(s1 == 0)
        #expect(tokens.hasPrefix("1:1 identifier data\n1:6 identifier x\n1:8 operator =\n"))
        let (s2, ast) = try dump("ast")
        #expect(s2 == 0)
        #expect(ast.contains("(param σ (> 0))\n(model x ~ (Normal μ σ))\n(fit)"))
    }

    @Test("loglik, score, hessian, stats and tape: the symbolic engine's forms, nothing fitted")
    func models() throws {
        let (s1, loglik) = try dump("loglik")
        #expect(s1 == 0)
        #expect(loglik.contains("ℓ(μ, σ) = ") && loglik.contains("where n = 3, Σx = 7, Σx² = 21"))
        let (_, score) = try dump("score")
        #expect(score.contains("∂ℓ/∂μ = (Σx − n·μ)/σ²"))
        let (_, hessian) = try dump("hessian")
        #expect(hessian.contains("∂²ℓ/∂μ² = −n/σ²"))
        let (_, stats) = try dump("stats")
        #expect(stats.contains("sufficient statistics:") && stats.contains("Σx² = 21"))
        let (_, tape) = try dump("tape")
        #expect(tape.contains("no per-row tape"))
        for output in [loglik, score, hessian, stats, tape] {
            #expect(!output.contains("fit:") && !output.contains("not printed"))
        }
    }

    /// Swift seeds its hashing per process, so any dictionary iteration that creates symbolic
    /// nodes would reorder printed sums from run to run; four runs must print the same text.
    @Test("printed mathematics does not depend on the process's hash seed")
    func deterministicPrinting() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/golden/derive.mle")
        var outputs: Set<String> = []
        for _ in 0..<4 {
            let process = Process()
            process.executableURL = try mleExecutable()
            process.arguments = ["run", script.path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            outputs.insert(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            process.waitUntilExit()
        }
        #expect(outputs.count == 1)
    }

    @Test("an unknown form is a usage error (exit 2)")
    func unknownForm() throws {
        #expect(try dump("bogus").0 == 2)
    }
}
