import Diagnostics

/// `plot [NAME:] WHAT [to "file.svg"]`, as written.
public struct PlotDeclaration: Sendable {
    /// `plot c: …` names the plot's data, so a script can read `c.x`, `c.argmax`.
    public let name: Name?
    public let target: PlotTarget
    /// `to "file.svg"`: the path as written, and where it was written.
    public let file: (path: String, span: SourceSpan)?

    public init(name: Name?, target: PlotTarget, file: (path: String, span: SourceSpan)?) {
        self.name = name
        self.target = target
        self.file = file
    }
}

/// What a plot statement draws, as the parser sees it. Whether `plot E over v` is ℓ
/// over a param or an expression over a grid of values depends on what E and v are,
/// which the checker decides.
public enum PlotTarget: Sendable {
    /// `plot trace [NAME]`: the iterations of the last fit (or of model NAME's).
    case trace(model: Name?)
    /// `plot profile b1 [in (a, b)] [log]`: the signed-root profile of a param (or `w[2]`, `m1.b1`).
    case profile(PlotVariable)
    /// `plot E over v [in (a, b)] [log] [, v2 …] [profile]`.
    case over(PlotOver)
}

/// `E over v1 [range] [, v2 [range]]`, with `profile` before or after it.
public struct PlotOver: Sendable {
    public let expression: ExpressionSyntax
    public let variables: [PlotVariable]
    /// `plot profile loglik over μ` or `plot loglik over μ profile`: the other params
    /// maximised at each point instead of held at their estimates.
    public let profile: Bool

    public init(expression: ExpressionSyntax, variables: [PlotVariable], profile: Bool) {
        self.expression = expression
        self.variables = variables
        self.profile = profile
    }
}

/// One axis of a plot: what varies along it, over what range, on what scale.
public struct PlotVariable: Sendable {
    /// A name (a param, data, or a new name for the grid), `w[2]` or `m1.b1`.
    public let target: ExpressionSyntax
    /// `in (a, b)`: the range of the axis.
    public let range: (lower: ExpressionSyntax, upper: ExpressionSyntax)?
    /// `log`: a logarithmic axis (a geometric grid).
    public let log: Bool
    public let span: SourceSpan

    public init(
        target: ExpressionSyntax, range: (lower: ExpressionSyntax, upper: ExpressionSyntax)?, log: Bool,
        span: SourceSpan
    ) {
        self.target = target
        self.range = range
        self.log = log
        self.span = span
    }
}

extension PlotDeclaration: CustomStringConvertible {
    /// `(plot c: (loglik over μ (in 4 6) log) (to "f.svg"))`, for `--dump ast`.
    public var description: String {
        var s = "(plot" + (name.map { " \($0.text):" } ?? "")
        switch target {
        case .trace(let model): s += " (trace" + (model.map { " \($0.text)" } ?? "") + ")"
        case .profile(let v): s += " (profile \(v.dump))"
        case .over(let over):
            let variables = over.variables.map(\.dump)
            s +=
                " (\(over.expression) over " + variables.joined(separator: ", ") + (over.profile ? " profile" : "")
                + ")"
        }
        if let file { s += " (to \"\(file.path)\")" }
        return s + ")"
    }
}

extension PlotVariable {
    /// `μ (in 4 6) log`, for `--dump ast`.
    var dump: String { "\(target)" + (range.map { " (in \($0.lower) \($0.upper))" } ?? "") + (log ? " log" : "") }
}
