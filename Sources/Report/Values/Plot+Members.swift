extension Plot.Kind {
    /// The shape of one of a plot's data.
    public enum MemberShape: Sendable, Equatable {
        case number
        case vector
        /// [lower, upper]
        case pair
        case matrix
    }

    /// A datum a script can read from a named plot (`plot c: …` then `c.x`).
    public struct Member: Sendable {
        public let name: String
        public let shape: MemberShape
        public let summary: String
    }

    /// What each kind of plot lets a script read, in the order the data are kept. The
    /// interpreter fills exactly these (a test holds it to this list); the checker types
    /// `c.member` from it.
    public var members: [Member] {
        switch self {
        case .loglik:
            return [
                Member(name: "x", shape: .vector, summary: "the grid of the param's values (the estimate among them)"),
                Member(name: "y", shape: .vector, summary: "ℓ at each (+ log π for a MAP fit)"),
                Member(name: "argmax", shape: .number, summary: "the x of the largest y"),
                Member(name: "max", shape: .number, summary: "the largest y"),
                Member(
                    name: "lower", shape: .number, summary: "where the curve crosses ℓ̂ − χ²₁(0.95)/2 below the estimate"
                ),
                Member(name: "upper", shape: .number, summary: "where it crosses above the estimate"),
            ]
        case .contour:
            return [
                Member(name: "x", shape: .vector, summary: "the grid over the first param"),
                Member(name: "y", shape: .vector, summary: "the grid over the second param"),
                Member(name: "z", shape: .matrix, summary: "ℓ on the grid: z[i, j] at (x[i], y[j])"),
                Member(name: "max", shape: .number, summary: "ℓ at the estimate"),
                Member(name: "xregion", shape: .pair, summary: "the first param's extent of the 95% region"),
                Member(name: "yregion", shape: .pair, summary: "the second param's extent of the 95% region"),
                Member(name: "xinterval", shape: .pair, summary: "the extent of the ℓ̂ − χ²₁(0.95)/2 contour along x"),
                Member(name: "yinterval", shape: .pair, summary: "its extent along y"),
            ]
        case .profile:
            return [
                Member(name: "x", shape: .vector, summary: "the param's values"),
                Member(name: "y", shape: .vector, summary: "the signed root r = sign(ψ − ψ̂)·√(2(ℓ̂ − ℓ_p(ψ)))"),
                Member(name: "wald", shape: .vector, summary: "the Wald line (ψ − ψ̂)/se at each x"),
                Member(name: "lower", shape: .number, summary: "the 95% profile interval's lower end"),
                Member(name: "upper", shape: .number, summary: "its upper end"),
            ]
        case .trace:
            return [
                Member(name: "x", shape: .vector, summary: "the iteration numbers"),
                Member(name: "y", shape: .vector, summary: "ℓ at each iteration"),
                Member(name: "gradient", shape: .vector, summary: "max |∇ℓ| at each iteration"),
            ]
        case .curve:
            return [
                Member(name: "x", shape: .vector, summary: "the grid of the variable's values"),
                Member(
                    name: "y", shape: .vector, summary: "the expression at each (a matrix, a row per x, for a vector)"),
                Member(name: "argmax", shape: .number, summary: "the x of the largest y (one per component)"),
                Member(name: "max", shape: .number, summary: "the largest y"),
                Member(name: "argmin", shape: .number, summary: "the x of the smallest y"),
                Member(name: "min", shape: .number, summary: "the smallest y"),
            ]
        }
    }

    /// What the kind draws, for help.
    public var summary: String {
        switch self {
        case .loglik: return "ℓ over one param, the others at their estimates (or maximised: profile)"
        case .contour: return "contours of ℓ over two params, with the 95% confidence region"
        case .profile: return "the signed-root profile of a param beside its Wald line"
        case .trace: return "ℓ and max |∇ℓ| per iteration of the last fit"
        case .curve: return "any expression over a grid of values, refitting what depends on them"
        }
    }
}
