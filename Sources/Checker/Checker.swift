import Data
import Diagnostics
import Model
import Syntax

/// Checks names, kinds, shapes and constraints before anything runs.
///
/// The checker walks statements in order, growing an `Environment`. It needs
/// the tables that `csv("…")` names to know their columns, so it asks a
/// `TableLoader` (the interpreter's, which caches them for the run).
public struct Checker {
    public typealias TableLoader = (_ path: String, _ file: SourceFile, _ span: SourceSpan) -> Result<Table, Diagnostic>
    /// Opens `sql(location, query)`'s table (its columns, kinds and row count; the rows stay in the database).
    public typealias QueryLoader = (_ call: QueryCall) -> Result<Table, Diagnostic>

    public internal(set) var environment: Environment
    public internal(set) var diagnostics: [Diagnostic] = []
    let loadTable: TableLoader
    let loadQuery: QueryLoader?

    public init(
        environment: Environment = Environment(), loadTable: @escaping TableLoader, loadQuery: QueryLoader? = nil
    ) {
        self.environment = environment
        self.loadTable = loadTable
        self.loadQuery = loadQuery
    }

    /// Checks statements in order; the environment keeps what each correct one defines.
    public mutating func check(_ statements: [Statement]) {
        for statement in statements { check(statement) }
    }

    public var hasErrors: Bool { diagnostics.contains { $0.isError } }

    mutating func error(_ message: String, at span: SourceSpan?, help: String? = nil) {
        diagnostics.append(.error(message, at: span, help: help))
    }

    mutating func report(_ d: Diagnostic) { diagnostics.append(d) }

    /// Defines a new name, or reports that it is already defined.
    mutating func define(_ name: Name, _ binding: Binding) {
        if let previous = environment[name.text] {
            report(
                Diagnostic.error(
                    CheckerMessage.alreadyDefined(name.text, as: previous.binding.kindName), at: name.span,
                    help: CheckerMessage.chooseAnotherName
                )
                .note(CheckerMessage.firstDefinedHere(name.text), at: previous.span))
            return
        }
        if Builtin(rawValue: name.text) != nil || Distributions.named(name.text) != nil {
            report(
                .error(
                    CheckerMessage.builtinRedefined(name.text), at: name.span,
                    help: CheckerMessage.anotherName(like: name.text)))
            return
        }
        environment.define(name.text, binding, at: name.span)
    }

    /// Names to suggest for a misspelling: everything in scope, functions, distributions.
    var knownNames: [String] {
        environment.names + (environment.hasFit ? FitResult.allCases.map(\.rawValue) : [])
            + Builtin.allCases.map(\.rawValue) + Distributions.names
    }
}
