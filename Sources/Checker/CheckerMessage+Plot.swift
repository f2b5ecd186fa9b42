import Diagnostics

/// The wording of the checker's messages about `plot` (public: the interpreter reports
/// the same messages when what it checks is only known at run time).
extension CheckerMessage {
    public static func plotFileNotSVG(_ path: String) -> String {
        "plots are written as SVG, but '\(path)' does not end in .svg"
    }

    public static let plotFileHelp = "write 'to \"likelihood.svg\"'"

    public static func plotNeedsFit(_ what: String) -> String {
        "'plot \(what)' draws a fit, and there is no fit before this line"
    }

    public static func plotNeedsFitOf(_ model: String) -> String {
        "model '\(model)' has no fit to plot before this line"
    }

    public static func plotProfileNeedsParam(_ text: String) -> String {
        "'plot profile' needs a param (b1, w[2] or m1.b1), but '\(text)' is not one"
    }

    public static let profileNeedsLoglik =
        "'profile' applies to 'plot loglik over …': the other params maximised at each point"

    public static let plotLoglikExample =
        "write 'plot loglik over μ' (a curve), 'plot loglik over μ, σ' (contours) or 'plot E over λ in (a, b)'"

    public static let plotOneVariable = "a plot of an expression varies one name; contours are 'plot loglik over μ, σ'"

    public static let plotAtMostTwo = "'plot loglik' goes over one param (a curve) or two (contours), not more"

    public static func plotSameParamTwice(_ param: String) -> String {
        "'\(param)' is on both axes; a contour map needs two different params"
    }

    public static func plotVariableNotAName(_ text: String) -> String {
        "a plot varies a name, but '\(text)' is not a name"
    }

    public static func plotOverParam(_ name: String) -> String {
        "'\(name)' is a param: a plot of an expression varies data or a new name, not a param"
    }

    public static func plotOverParamHelp(_ name: String) -> String {
        "for ℓ over '\(name)', write 'plot loglik over \(name)'; for a function of it, use a new name: "
            + "'plot f(t) over t in (a, b)'"
    }

    public static func plotVariableNotANumber(_ name: String, kind: String) -> String {
        "a plot varies a number, but '\(name)' is \(kind) that is not a single number"
    }

    public static func plotNeedsRange(_ name: String) -> String {
        "a plot of an expression needs the range of '\(name)'"
    }

    public static func plotRangeExample(_ name: String) -> String {
        "write 'over \(name) in (0.01, 100)', and 'log' after it for a logarithmic axis"
    }

    public static func plotNeedsNumbers(_ text: String, shape: Shape) -> String {
        "a plot draws numbers, but '\(text)' is \(shape)"
    }

    public static func plotRangeOrder(lower: Double, upper: Double) -> String {
        "a plot's range must be (lower, upper) with lower < upper, but it is "
            + "(\(NumberFormat.significant(lower)), \(NumberFormat.significant(upper)))"
    }

    public static func plotLogRange(_ lower: Double) -> String {
        "a logarithmic axis needs a range above 0, but it starts at \(NumberFormat.significant(lower))"
    }

    public static let plotLogRangeHelp = "start the range above 0, or drop 'log'"

    public static func noPlotMember(_ member: String, plot: String, kind: String) -> String {
        "'\(member)' is not one of the data of plot '\(plot)' (a \(kind) plot)"
    }

    public static func plotMembers(_ names: [String]) -> String {
        "its data are " + names.joined(separator: ", ")
    }

    public static let plotInArithmetic = "a plot is not a number"

    public static func usePlotData(_ text: String, _ members: [String]) -> String {
        "use one of its data: " + members.prefix(3).map { "\(text).\($0)" }.joined(separator: ", ")
    }
}

extension CheckerMessage.Role {
    public static let plotRange = "a plot's range"
}
