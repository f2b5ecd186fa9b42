import Checker
import Data
import Diagnostics
import Foundation
import Syntax

/// One way in for the Checker tests: parse a source, check it, and describe what was reported.
enum CheckerFixture {
    /// A folder of small CSV files, written once for the whole test run.
    static let directory: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mle-checker-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let files = [
            // Two numeric columns and a text one.
            "cars.csv": "speed,dist,label\n4,2,a\n7,4,b\n8,16,c\n",
            // A numeric column with an empty cell in data row 2 (file line 3).
            "gaps.csv": "a,b\n1,2\n3,\n5,6\n",
            // R's NA is text to mle: row 2 (line 3) of 'ozone'.
            "na.csv": "ozone,wind\n41,7.4\nNA,8\n12,13.8\n",
            // Factors: wool (A, B), tension (H, L, M sorted), a text column with an empty cell
            // (site, row 2) and one that is mostly numbers with a stray '?' (grade, row 4).
            "wb.csv": "breaks,wool,tension,site,grade,one\n26,A,L,x,1,u\n30,B,M,,2,u\n54,A,H,y,3,u\n25,B,L,x,?,u\n",
        ]
        for (name, text) in files {
            _ = FileManager.default.createFile(atPath: path + "/" + name, contents: text.data(using: .utf8))
        }
        return path
    }()

    /// Reads `csv("NAME")` from `directory` with the Data module's reader.
    static func loadTable(_ path: String, _ file: SourceFile, _ span: SourceSpan) -> Result<Table, Diagnostic> {
        do {
            return .success(try CSVReader.read(path: directory + "/" + path, name: path))
        } catch {
            return .failure(.error(error.description, at: span))
        }
    }

    /// The diagnostics of checking `text` (which must parse).
    static func diagnostics(_ text: String) -> [Diagnostic] {
        let (program, syntax) = Parser.parse(SourceFile(name: "t.mle", text: text))
        guard syntax.isEmpty else { return syntax }
        var checker = Checker(loadTable: loadTable)
        checker.check(program.statements)
        return checker.diagnostics
    }

    /// Each diagnostic as "line:col: message", with " [help]" when it has one.
    static func check(_ text: String) -> [String] {
        diagnostics(text).map { d in
            let place = d.span?.position ?? "-"
            let severity = d.severity == .warning ? "warning: " : ""
            return "\(place): \(severity)\(d.message)" + (d.help.map { " [\($0)]" } ?? "")
        }
    }

    /// The environment after checking `text`.
    static func environment(_ text: String) -> Environment {
        let (program, _) = Parser.parse(SourceFile(name: "t.mle", text: text))
        var checker = Checker(loadTable: loadTable)
        checker.check(program.statements)
        return checker.environment
    }

    /// A model most tests can build on: two observations and an unconstrained mean.
    static let model = "data y = [1, 2]\nparam μ\nmodel y ~ Normal(μ, 1)\n"
}
