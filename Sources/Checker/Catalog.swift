import Fitting
import Model
import Syntax

/// What `show` can print.
public enum ShowTarget: String, CaseIterable, Sendable {
    case loglik, score, hessian, stats, tape, model, params, plan, em

    public var summary: String {
        switch self {
        case .loglik: return "the log-likelihood ℓ(θ), written through its sufficient statistics"
        case .score: return "the score ∇ℓ (the gradient)"
        case .hessian: return "the Hessian ∇²ℓ"
        case .stats: return "the sufficient statistics the engine found, with their values"
        case .tape: return "the compiled per-row instructions"
        case .params: return "the model's params: shapes, constraints, start values"
        case .model: return "the model's terms, row by row"
        case .plan: return "where the model's rows are, and the SQL a fit sends to their database"
        case .em:
            return
                "for a mixture, the EM algorithm derived from it: the E-step's responsibilities and the M-step's updates"
        }
    }
}

/// What `mle check --dump` prints: the lexer's or parser's output, or (building the
/// models without fitting) one of the `show` forms.
public enum DumpForm: String, CaseIterable, Sendable {
    case tokens, ast, loglik, score, hessian, stats, tape, sql

    /// The `show` target this dump prints for every model, if it is one (`sql` is `show plan`).
    public var showTarget: ShowTarget? { self == .sql ? .plan : ShowTarget(rawValue: rawValue) }
}

/// The one list of the words the language gives meaning to, read by the checker,
/// the REPL's completion and help, and the command line.
public enum Catalog {
    public static var statements: [String] { Keyword.statements.sorted() }
    public static var contextualKeywords: [String] { Keyword.contextual.sorted() + ["in"] }
    public static var functions: [Builtin] { Builtin.allCases }
    public static var distributions: [any Distribution] { Distributions.all }
    public static var methods: [FitMethodKind] { FitMethodKind.allCases }
    public static var showTargets: [ShowTarget] { ShowTarget.allCases }
    /// Names that mean something after a fit (unless the script defines them itself).
    public static var fitResults: [FitResult] { FitResult.allCases }

    /// Every word a script can use that is not a user's name: for completion.
    public static var words: [String] {
        statements + contextualKeywords + functions.map(\.rawValue) + Distributions.names
            + methods.map(\.rawValue) + showTargets.map(\.rawValue)
    }
}
