import Checker
import Diagnostics
import Foundation
import Report
import Syntax

extension Session {
    /// `mle check`: parse and check a file without running it; optionally print
    /// the tokens, the syntax tree, or (building the models, without fitting) a `show` form.
    public func checkFile(atPath path: String, dump: DumpForm? = nil) -> Bool {
        guard let file = sourceFile(atPath: path) else { return false }
        if dump == .tokens {
            let (tokens, _) = Lexer.tokenize(file)
            output(.printed(Printed([.string(tokens.map(\.description).joined(separator: "\n"))])))
        }
        if dump == .ast {
            let (program, _) = Parser.parse(file)
            output(.printed(Printed([.string(program.statements.map(\.description).joined(separator: "\n"))])))
        }
        guard let program = check(file) else { return false }
        guard let target = dump?.showTarget else { return true }
        return dumpModels(program, target)
    }

    /// Builds the models from the declarations (data, let, param, model, prior; nothing is
    /// fitted, printed or asserted) and shows each.
    func dumpModels(_ program: CheckedProgram, _ target: ShowTarget) -> Bool {
        do {
            for statement in program.statements {
                switch statement.action {
                case .data, .let, .param, .model, .prior: try run(statement)
                default: continue
                }
            }
            let span = SourceSpan(file: program.file, start: 0, end: 0)
            for name in modelOrder {
                if modelOrder.count > 1 {
                    output(.printed(Printed([.string("model \(name.isEmpty ? "(unnamed)" : name):")])))
                }
                output(.show(showForm(target, of: try builtModel(name, span))))
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
