import Diagnostics
import Report
import Syntax

/// A `plot` statement as the checker resolved it: which kind of plot, over what, and
/// where it goes.
public struct CheckedPlot: Sendable {
    /// `plot c: …`: the name the plot's data are bound to.
    public let name: String?
    public let kind: CheckedPlotKind
    /// `to "file.svg"`: the path as written (relative to the script's folder) and its span.
    public let file: (path: String, span: SourceSpan)?
}

/// The plot kinds (Plot.Kind) with what each needs to be drawn.
public enum CheckedPlotKind: Sendable {
    /// ℓ over one param (a curve) or two (a contour map); `model` when `loglik(m)` named
    /// the model whose ℓ is drawn, else the model of the fit that estimated the params.
    /// `profile`: the other params maximised at each point, not held at their estimates.
    case loglik(model: String?, over: [PlotVariable], profile: Bool)
    /// The signed-root profile of a param reference (`b1`, `w[2]`, `m1.b1`), over its range.
    case profile(PlotVariable)
    /// The iterations of the last fit, or of the named model's fit.
    case trace(model: String?)
    /// An expression at each point of a grid of `variable` over its range. `rebinds`: the
    /// variable is data the script defined, so each point rebinds it and recomputes what
    /// depends on it (data, lets, models and their fits); else it is a new name bound only
    /// inside the plot. `components`: the expression's length when it is a vector.
    case curve(ExpressionSyntax, variable: PlotVariable, rebinds: Bool, components: Int?)

    /// The Report kind of the value this draws.
    public var plotKind: Plot.Kind {
        switch self {
        case .loglik(_, let over, _): return over.count == 2 ? .contour : .loglik
        case .profile: return .profile
        case .trace: return .trace
        case .curve: return .curve
        }
    }
}

/// What a named plot's data look like to the checker (`c.x` is a vector, `c.max` a number).
public struct PlotShape: Sendable {
    public let kind: Plot.Kind
    /// The members in order, with their shapes.
    public let members: [(name: String, shape: Shape)]

    /// The kind's members; a curve of a vector expression has a matrix `y` and a vector
    /// for each extreme.
    init(_ kind: CheckedPlotKind) {
        self.kind = kind.plotKind
        var vectorCurve: Int??
        if case .curve(_, _, _, let components) = kind, let components { vectorCurve = .some(components) }
        members = kind.plotKind.members.map { m in
            if let k = vectorCurve {
                switch m.name {
                case "y": return (m.name, .matrix(nil, k))
                case "argmax", "max", "argmin", "min": return (m.name, .vector(k))
                default: break
                }
            }
            switch m.shape {
            case .number: return (m.name, .scalar)
            case .vector: return (m.name, .vector(nil))
            case .pair: return (m.name, .vector(2))
            case .matrix: return (m.name, .matrix(nil, nil))
            }
        }
    }

    public func member(_ name: String) -> Shape? { members.first { $0.name == name }?.shape }
}
