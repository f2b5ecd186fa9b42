import Checker
import Diagnostics
import Foundation
import Syntax

extension Session {
    /// `mle check`: parse and check a file without running it; optionally print
    /// the tokens or the syntax tree.
    public func checkFile(atPath path: String, dump: String? = nil) -> Bool {
        guard let file = sourceFile(atPath: path) else { return false }
        if dump == "tokens" {
            let (tokens, _) = Lexer.tokenize(file)
            output(.report(tokens.map(\.description).joined(separator: "\n")))
        }
        let (program, syntax) = Parser.parse(file)
        if dump == "ast" { output(.report(program.statements.map(\.description).joined(separator: "\n"))) }
        syntax.forEach { output(.diagnostic($0)) }
        if syntax.contains(where: \.isError) { return false }
        var checker = Checker(environment: environment, loadTable: loadTable)
        checker.check(program.statements)
        checker.diagnostics.forEach { output(.diagnostic($0)) }
        if checker.hasErrors { return false }
        if let dump, ["loglik", "score", "hessian", "stats", "tape"].contains(dump) {
            return dumpModels(program, dump, file)
        }
        return true
    }

    /// `--dump loglik|score|hessian|stats|tape`: builds the models from the declarations
    /// (data, let, param, model, prior; nothing is fitted, printed or asserted) and shows them.
    func dumpModels(_ program: Program, _ form: String, _ file: SourceFile) -> Bool {
        do {
            for statement in program.statements {
                switch statement.kind {
                case .data, .let, .param, .model, .prior: try execute(statement)
                default: continue
                }
            }
            for name in modelOrder {
                if modelOrder.count > 1 { output(.report("model \(name.isEmpty ? "(unnamed)" : name):")) }
                let span = SourceSpan(file: file, start: 0, end: 0)
                try show(Name(form, span), name.isEmpty ? nil : Name(name, span), span)
            }
            return true
        } catch let d as Diagnostic {
            output(.diagnostic(d))
            return false
        } catch {
            output(.diagnostic(.internalError("\(error)", at: nil)))
            return false
        }
    }

    /// Whether the text is an unfinished statement (an open bracket, a trailing operator).
    public static func needsMoreInput(_ text: String) -> Bool { Lexer.needsMoreInput(text) }
}
