import Checker
import Foundation
import Model
import Syntax

/// The REPL's `:help`: every statement, built-in function and distribution,
/// one line each, generated from the language's own tables
/// (`Keyword.statements`, `Builtin.allCases`, `Distributions.all`), so a
/// keyword, function or family added to the language appears here by itself.
enum Help {
    static var text: String {
        let statements = Keyword.statements.sorted { order($0) < order($1) }.map {
            ($0, statementSummaries[$0] ?? "see Grammar.md §3")
        }
        let functions = Builtin.allCases.map { ($0.rawValue, $0.summary) }
        let distributions =
            Distributions.all.map { (signature($0), description($0)) } + [
                (
                    "Mixture(π1, D1, D2)",
                    "D1 with probability π1, else D2 (distributions as above); fitted by EM: show em"
                )
            ]
        let commands = [
            (":help", "this text (also help or ?)"),
            (":load FILE", "run a script in this session"),
            (":names", "list what is defined"),
            (":reset", "forget every definition"),
            (":quit", "leave (also Ctrl-D)"),
        ]
        return [
            "Statements (one per line; a line continues while a bracket is open or it ends in an operator):",
            table(statements),
            "  A line that is only an expression prints its value: mean(x) * 2",
            "Functions:",
            table(functions),
            "Distributions (arguments in this order; the data on the left of ~ must be in the support):",
            table(distributions),
            "Commands:",
            table(commands),
            "Tab completes keywords, functions, distributions, names and table columns (d.<Tab>).",
            "Ctrl-C abandons the line being typed, or stops the statement that is running.",
        ].joined(separator: "\n")
    }

    /// One line per statement keyword, in the order a script uses them. A
    /// keyword missing here is still listed (REPLTests checks that none is).
    static let statementSummaries: [String: String] = [
        "data": "observed data: data x = [4.8, 5.2, 3.9] (also csv(\"f.csv\"), sample(Normal(5, 2), 200))",
        "let": "a named value or formula: let m = mean(x)",
        "param": "an unknown to estimate: param σ > 0 (also in (0, 1), : vector[3], = start value)",
        "model": "a likelihood term: model x ~ Normal(μ, σ) (also name:, weight w, censored c)",
        "prior": "a prior on a param, making fit a MAP estimate: prior μ ~ Normal(0, 10)",
        "fit": "estimate: fit [name] [using closed | newton | gradient(lr: 0.01, steps: 500) | em] [trace]",
        "show": "print a symbolic form: show loglik | score | hessian | stats | tape | model | params | em",
        "derive": "print the derivation step by step: derive [name]",
        "print": "print values on one line: print m, sd(x)",
        "assert": "check a value: assert m ≈ 4.63 within 0.01",
    ]

    private static let preferredOrder = [
        "data", "let", "param", "model", "prior", "fit", "show", "derive", "print", "assert",
    ]

    /// Known keywords in `preferredOrder`, any other after them alphabetically.
    private static func order(_ keyword: String) -> (Int, String) {
        (preferredOrder.firstIndex(of: keyword) ?? preferredOrder.count, keyword)
    }

    /// `Normal(μ, σ)`.
    static func signature(_ d: any Distribution) -> String {
        "\(d.name)(\(d.parameters.map(\.name).joined(separator: ", ")))"
    }

    /// `μ any real number, σ > 0; data: a finite real number`.
    static func description(_ d: any Distribution) -> String {
        d.parameters.map { "\($0.name) \($0.domain)" }.joined(separator: ", ") + "; data: \(d.support)"
    }

    /// Two columns, the first padded to its widest entry.
    private static func table(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { "  " + $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }
            .joined(separator: "\n")
    }
}
