import Checker
import Data
import Diagnostics
import Fitting
import Foundation
import Interrupt
import LinearAlgebra
import Model
import Report
import Syntax

/// The interpreter's state and the one entry point for scripts and the REPL.
///
/// `mle run` and the REPL both call `run(_:)`, so they cannot diverge. A source
/// is parsed, then checked whole into a `CheckedProgram` (every error reported
/// before anything runs), then executed a statement at a time; each statement's
/// definitions are kept only if it succeeds, so after any error the session goes
/// on with every earlier definition intact.
public final class Session: @unchecked Sendable {
    /// Where outputs go (the CLI renders them as text or JSON).
    public var output: (Output) -> Void
    /// Told how a fit is going, iteration by iteration, and when it ends (the CLI shows it
    /// on a terminal); nil: nobody listens, and the solver is not asked to report.
    public var onProgress: ((FitProgress) -> Void)?

    public internal(set) var environment = Environment()
    /// Values of data and of lets that do not depend on params.
    var values: [String: Value] = [:]
    /// Lets that depend on params, evaluated when used (after a fit).
    var formulas: [String: ExpressionSyntax] = [:]
    /// Formulas' values within one statement (a chain `let aᵢ = aᵢ₋₁ * aᵢ₋₁` is evaluated
    /// once per let, not once per path: 2ⁿ); cleared whenever estimates may have changed.
    var formulaValues: [String: Value] = [:]
    var params: [String: ParamDeclaration] = [:]
    var paramOrder: [String] = []
    /// Each model's `~` lines, by name ("" the unnamed model).
    var models: [String: [CheckedTerm]] = [:]
    var modelOrder: [String] = []
    /// Models built, until a definition changes them.
    var modelCache: [String: StatisticalModel] = [:]
    /// Each built model's design columns that no row sets (a level with no rows), checked before a fit.
    var emptyLevels: [String: [Lowering.EmptyLevelUse]] = [:]
    /// For each model, the terms that read a query's table but have their rows fetched, and why.
    var fetchReasons: [String: [Int: PushdownFallback]] = [:]
    var priors: [String: CheckedPrior] = [:]
    /// The last fit of each model, by name; and the last fit of all (loglik, aic, bic, n, se()).
    var fits: [String: FitRecord] = [:]
    var lastFit: FitRecord?
    /// Estimates of params after a fit (the latest fit that estimated each).
    var estimates: [String: Value] = [:]
    /// The model whose fit gave each param its current estimate.
    var estimatedBy: [String: String] = [:]
    var tables: [String: Table] = [:]
    /// Data and lets that are values, in the order they were defined, with their
    /// expressions: a plot over data recomputes what depends on it.
    var definitions: [(name: String, value: ExpressionSyntax)] = []
    /// Connections to databases, and the `sql(...)` call each query's table came from.
    var sql = SQLTables()
    var querySpans: [ObjectIdentifier: QueryCall] = [:]
    /// `data` names bound to columns of a query's table whose rows are still in the database,
    /// evaluated (fetching the rows) only when something outside a model needs their values.
    var deferred: [String: ExpressionSyntax] = [:]
    /// Whether a model over a `sql(...)` table has its sums computed in the database (the
    /// default); false fetches the rows instead (MLE_PUSHDOWN=off; tests and benchmarks
    /// compare the two).
    public var pushesDown = ProcessInfo.processInfo.environment["MLE_PUSHDOWN"] != "off"
    /// The text levels that name the rows (and columns) of a param indexed by a text column,
    /// fixed by the first model built that indexes it so (`μ[setosa]`); a held-out model's
    /// levels are looked up in them.
    var paramLevels: [String: [[String]?]] = [:]
    var assertFailed = false

    public init(output: @escaping (Output) -> Void) {
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
        emptyLevels = [:]
        fetchReasons = [:]
        priors = [:]
        fits = [:]
        lastFit = nil
        estimates = [:]
        estimatedBy = [:]
        tables = [:]
        definitions = []
        sql = SQLTables()
        querySpans = [:]
        deferred = [:]
        paramLevels = [:]
    }

    /// Runs a whole source. Returns false if anything failed (a syntax, check or
    /// run-time error, or an assert).
    @discardableResult
    public func run(_ file: SourceFile) -> Bool {
        assertFailed = false
        guard let program = check(file) else { return false }
        for statement in program.statements {
            do {
                try run(statement)
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

    /// Runs one statement with the environment the checker gave it; if it fails, the
    /// environment goes back to what it was, so its definitions are not kept.
    func run(_ statement: CheckedStatement) throws {
        let before = environment
        environment = statement.environment
        formulaValues = [:]
        do {
            try execute(statement)
        } catch {
            environment = before
            throw error
        }
    }

    /// Parses and checks a source against the session's environment, reporting every
    /// diagnostic; nil if there is an error.
    func check(_ file: SourceFile) -> CheckedProgram? {
        let (program, syntax) = Parser.parse(file)
        syntax.forEach { output(.diagnostic($0)) }
        if syntax.contains(where: \.isError) { return nil }
        var checker = Checker(environment: environment, loadTable: loadTable, loadQuery: loadQuery)
        let checked = checker.check(program: program)
        checker.diagnostics.forEach { output(.diagnostic($0)) }
        return checked
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

    /// Columns of the tables in scope (`d.` completes to them); a model's fit results (`m1.`).
    public func columns(of name: String) -> [String] {
        if case .table(let t)? = values[name] { return t.columnNames }
        if let fit = fits[name] { return fit.model.layout.entries.map(\.name) + FitResult.allCases.map(\.rawValue) }
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

/// A model's fit, kept by the session under the model's name.
struct FitRecord {
    let outcome: FitOutcome
    var report: FitReport
    /// How it was fitted (a plot over data re-fits it the same way).
    var request: MethodRequest = .automatic
    var model: StatisticalModel { outcome.model }
    var estimate: [Double] { outcome.estimate }
}

extension FitRecord {
    /// loglik, aic, bic or n of this fit.
    func value(_ result: FitResult) -> Value {
        switch result {
        case .loglik: return .number(outcome.logLikelihood)
        case .aic: return .number(outcome.aic)
        case .bic: return .number(outcome.bic)
        case .n: return .number(Double(outcome.observations))
        }
    }
}
