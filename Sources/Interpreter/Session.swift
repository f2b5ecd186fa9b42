import Checker
import Data
import Diagnostics
import Foundation
import Interrupt
import LinearAlgebra
import Model
import Syntax

/// The interpreter's state and the one entry point for scripts and the REPL.
///
/// `mle run` and the REPL both call `run(_:)`, so they cannot diverge. A
/// source is parsed, then checked whole (every error reported before anything
/// runs), then executed a statement at a time; each statement's definitions
/// are kept only if it succeeds, so after any error the session goes on with
/// every earlier definition intact.
public final class Session: @unchecked Sendable {
    /// Where events go (the CLI writes them as text or collects them as JSON).
    public var output: (OutputEvent) -> Void

    public internal(set) var environment = Environment()
    /// Values of data and of lets that do not depend on params.
    var values: [String: Value] = [:]
    /// Lets that depend on params, evaluated when used (after a fit).
    var formulas: [String: ExpressionSyntax] = [:]
    var params: [String: ParamDeclaration] = [:]
    var paramOrder: [String] = []
    var models: [String: [ModelDeclaration]] = [:]
    var modelOrder: [String] = []
    /// Models lowered and prepared, until a definition changes them.
    var modelCache: [String: BuiltModel] = [:]
    /// The last fit (its model and estimate), for loglik, aic, bic, n and se().
    var lastFit: FitRecord?
    var priors: [String: DistributionCall] = [:]
    /// Estimates of params after a fit.
    var estimates: [String: Value] = [:]
    var tables: [String: Table] = [:]
    var assertFailed = false

    public init(output: @escaping (OutputEvent) -> Void) {
        self.output = output
        // The likelihood spreads rows over the cores itself; BLAS inside each chunk stays single-threaded.
        BLAS.configure()
    }

    /// Forgets every definition (the REPL's `:reset`).
    public func reset() {
        environment = Environment()
        values = [:]
        formulas = [:]
        params = [:]
        paramOrder = []
        models = [:]
        modelOrder = []
        modelCache = [:]
        lastFit = nil
        priors = [:]
        estimates = [:]
        tables = [:]
    }

    /// Runs a whole source. Returns false if anything failed (a syntax, check or
    /// run-time error, or an assert).
    @discardableResult
    public func run(_ file: SourceFile) -> Bool {
        assertFailed = false
        let (program, syntax) = Parser.parse(file)
        syntax.forEach { output(.diagnostic($0)) }
        if syntax.contains(where: \.isError) { return false }

        var whole = Checker(environment: environment, loadTable: loadTable)
        whole.check(program.statements)
        whole.diagnostics.forEach { output(.diagnostic($0)) }
        if whole.hasErrors { return false }

        for statement in program.statements {
            var step = Checker(environment: environment, loadTable: loadTable)
            step.check(statement)
            if let error = step.diagnostics.first(where: \.isError) {
                output(.diagnostic(error))
                return false
            }
            do {
                try execute(statement)
                environment = step.environment
            } catch let d as Diagnostic {
                output(.diagnostic(d))
                return false
            } catch is Interrupted {
                output(.diagnostic(.error(Interrupted.message, at: statement.span)))
                return false
            } catch {
                output(.diagnostic(.internalError("\(error)", at: statement.span)))
                return false
            }
        }
        return !assertFailed
    }

    /// Runs one entry typed at the REPL or piped to standard input.
    @discardableResult
    public func run(source text: String, name: String = "<repl>") -> Bool {
        run(SourceFile(name: name, text: text, directory: FileManager.default.currentDirectoryPath))
    }

    /// Reads a script file and runs it; relative csv paths resolve against its folder.
    @discardableResult
    public func runFile(atPath path: String) -> Bool {
        guard let file = sourceFile(atPath: path) else { return false }
        return run(file)
    }

    /// A script read from disk, its folder recorded for csv paths; nil (reported) when it cannot
    /// be read or is not UTF-8 (checked on the raw bytes: decoding would repair them silently).
    func sourceFile(atPath path: String) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: path) else {
            output(.diagnostic(.error(InterpreterMessage.cannotReadScript(path), at: nil)))
            return nil
        }
        let directory = (path as NSString).deletingLastPathComponent
        let text = String(decoding: data, as: UTF8.self)
        let file = SourceFile(name: path, text: text, directory: directory.isEmpty ? "." : directory)
        if let bad = Lexer.firstInvalidUTF8(in: Array(data)) {
            let span = SourceSpan(file: file, start: bad, end: bad + 1)
            output(
                .diagnostic(
                    .error(
                        InterpreterMessage.invalidUTF8(byte: data[bad]), at: span,
                        help: InterpreterMessage.saveAsUTF8)))
            return nil
        }
        return file
    }

    /// Names in scope, for completion.
    public var namesInScope: [String] {
        environment.names + (environment.hasFit ? FitResult.allCases.map(\.rawValue) : [])
    }

    /// Columns of the tables in scope (`d.` completes to them).
    public func columns(of name: String) -> [String] {
        if case .table(let t)? = values[name] { return t.columnNames }
        return []
    }

    /// The table loader the checker uses: reads each file once per session.
    func loadTable(_ path: String, _ file: SourceFile, _ span: SourceSpan) -> Result<Table, Diagnostic> {
        let resolved = path.hasPrefix("/") ? path : (file.directory as NSString).appendingPathComponent(path)
        let key = (resolved as NSString).standardizingPath
        if let cached = tables[key] { return .success(cached) }
        do {
            let table = try CSVReader.read(path: key, name: path)
            tables[key] = table
            return .success(table)
        } catch {
            return .failure(.error(error.description, at: span))
        }
    }
}
