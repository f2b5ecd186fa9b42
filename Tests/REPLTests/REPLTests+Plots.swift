import Foundation
import Testing

/// A plot as the REPL draws it on a real (pseudo-)terminal, and on a pipe: the width it
/// finds (the terminal's own, or COLUMNS), braille on a UTF-8 locale and ASCII on any
/// other, and colour only on a terminal without NO_COLOR.
extension REPLTests {
    static let plotLines = [
        "data x = [4.8, 5.2, 3.9, 6.1, 5.0, 4.5, 5.7, 4.3, 5.5, 5.1]", "param μ", "param σ > 0",
        "model x ~ Normal(μ, σ)", "fit",
    ]

    static func isBraille(_ s: Substring) -> Bool { s.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) } }

    @Test func aPlotOnAUTF8TerminalIsBrailleInColourAsWideAsTheTerminal() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // The pseudo-terminal is 200 columns wide; a plot is drawn at most 160 wide.
        let repl = try startREPL(["LANG": "C.UTF-8"], unsetting: ["NO_COLOR", "LC_ALL", "LC_CTYPE", "COLUMNS"])
        for line in REPLTests.plotLines { try enter(line, in: repl) }
        let plot = try enter("plot loglik over μ", in: repl)
        let lines = plot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(plot.hasPrefix("log-likelihood over μ"))
        #expect(lines.allSatisfy { $0.count <= 160 }, "\(plot)")
        #expect(lines.contains { $0.count > 120 }, "the plot should use the terminal's width:\n\(plot)")
        #expect(plot.split(separator: "\n").contains(where: REPLTests.isBraille))
        #expect(repl.raw.contains("\u{1B}[34m"), "the curve is drawn in blue on a terminal")
        try quit(repl)
    }

    @Test func aPlotOnAnASCIITerminalIsPlainASCIIAsWideAsCOLUMNS() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        // Typed in ASCII (readline in the C locale does not echo μ as typed); the plot's own
        // mathematics (ℓ̂ − χ²₂(0.95)/2, the hats) is spelt in ASCII.
        let repl = try startREPL(["LC_ALL": "C", "COLUMNS": "60"])
        let lines = REPLTests.plotLines.map {
            $0.replacingOccurrences(of: "μ", with: "m").replacingOccurrences(of: "σ", with: "s")
        }
        for line in lines { try enter(line, in: repl) }
        let plot = try enter("plot loglik over m, s", in: repl)
        let drawn = plot.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(drawn.first == "log-likelihood over m and s: x ~ Normal(m, s)")
        // The drawing, its title and its legend fit; notes are lines of text like any other.
        #expect(drawn.filter { !$0.hasPrefix("note:") }.allSatisfy { $0.count <= 60 }, "\(plot)")
        #expect(drawn.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(plot)")
        #expect(plot.contains("lhat - chi^2_2(0.95)/2") && plot.contains("(mhat, shat)"), "\(plot)")
        #expect(!repl.raw.contains("\u{1B}[3"), "NO_COLOR: no colour")
        try quit(repl)
    }

    @Test func aPlotOnAPipeHasNoColourAndIs80Wide() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = (REPLTests.plotLines + ["plot profile σ"]).joined(separator: "\n") + "\n"
        let run = try PipedRun(input: input, environment: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": ""])
        #expect(run.status == 0, "\(run.errors)")
        #expect(!run.output.contains("\u{1B}"), "no escapes on a pipe")
        let plot = try #require(run.output.range(of: "signed-root profile of σ").map { run.output[$0.lowerBound...] })
        let lines = plot.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(plot)")
        #expect(lines.contains { $0.count > 70 })
        #expect(lines.contains(where: REPLTests.isBraille))
    }
}
