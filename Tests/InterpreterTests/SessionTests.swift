import Diagnostics
import Foundation
import Interpreter
import Testing

/// The REPL's contract: after an error, earlier definitions still work; a failed statement defines nothing.
@Suite struct SessionTests {
    typealias F = InterpreterFixture

    @Test func definitionsSurviveAnErrorInALaterEntry() {
        let (session, t) = F.session()
        #expect(session.run(source: "data x = [1, 2, 3]"))
        #expect(session.run(source: "let m = mean(x)"))
        #expect(!session.run(source: "print y"))  // a check error
        #expect(!session.run(source: "print log(-x)"))  // a run-time error
        #expect(!session.run(source: "print (1 +"))  // a syntax error
        #expect(session.run(source: "print m, x[3]"))
        #expect(t.printed == ["2 3"])
        #expect(t.errors.count == 3)
    }

    @Test func aStatementThatFailsDoesNotDefineItsName() {
        let (session, t) = F.session()
        #expect(!session.run(source: "let z = log(-1)"))
        #expect(!session.run(source: "print z"))
        #expect(t.errors.last == "1:7: undefined name 'z'")
        // The name is free to be defined again, as anything.
        #expect(session.run(source: "data z = [5]\nprint z"))
        #expect(t.printed == ["[5]"])
        #expect(session.namesInScope == ["z"])
    }

    /// Within one source, the statements before a run-time error keep their definitions.
    @Test func statementsBeforeARunTimeErrorAreKept() {
        let (session, t) = F.session()
        #expect(!session.run(source: "let a = 1\nlet b = sqrt(-1)\nlet c = 3"))
        #expect(session.run(source: "print a"))
        #expect(!session.run(source: "print b"))
        #expect(!session.run(source: "print c"))
        #expect(t.printed == ["1"])
        #expect(session.namesInScope == ["a"])
    }

    /// A source is checked whole before anything in it runs: a check error anywhere runs nothing.
    @Test func aCheckErrorRunsNothing() {
        let (session, t) = F.session()
        #expect(!session.run(source: "let a = 1\nprint a\nprint nosuch"))
        #expect(t.printed.isEmpty)
        #expect(!session.run(source: "print a"))
        #expect(t.errors == ["3:7: undefined name 'nosuch'", "1:7: undefined name 'a'"])
    }

    @Test func redefiningANameIsAnErrorAcrossEntries() {
        let (session, t) = F.session()
        #expect(session.run(source: "let a = 1"))
        #expect(!session.run(source: "let a = 2"))
        #expect(t.errors == ["1:5: 'a' is already defined (as a let)"])
        #expect(session.run(source: "print a"))
        #expect(t.printed == ["1"])
    }

    @Test func resetForgetsEverything() {
        let (session, _) = F.session()
        #expect(session.run(source: "data x = [1]\nparam p"))
        #expect(session.namesInScope == ["x", "p"])
        session.reset()
        #expect(session.namesInScope.isEmpty)
        #expect(session.run(source: "let x = 2"))
    }

    @Test func runFileReadsAScriptAndItsFolder() {
        let path = F.directory + "/script.mle"
        _ = FileManagerShim.write("data d = csv(\"cars.csv\")\nprint sum(d.speed)\n", to: path)
        let (session, t) = F.session()
        #expect(session.runFile(atPath: path))
        #expect(t.printed == ["19"])
        #expect(!session.runFile(atPath: F.directory + "/missing.mle"))
        #expect(t.errors.last?.hasPrefix("-: cannot read '") == true)
    }

    @Test func invalidUTF8InAScriptFileIsReported() {
        let path = F.directory + "/latin1.mle"
        _ = FileManager.default.createFile(
            atPath: path, contents: Foundation.Data([0x70, 0x72, 0x69, 0x6E, 0x74, 0x20, 0xE9, 0x0A]))
        let (session, t) = F.session()
        #expect(!session.runFile(atPath: path))
        #expect(t.errors == ["1:7: the file is not valid UTF-8 (byte 0xE9)"])
        #expect(t.diagnostics.first?.help == "save the script as UTF-8")
    }

    @Test func warningsDoNotStopARun() {
        let (ok, t) = F.run("data y = [1, 2]\nparam σ\nmodel y ~ Normal(0, σ)\nprint 1")
        let warnings = t.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1)
        #expect(t.printed.last == "1" || !ok)
    }
}
