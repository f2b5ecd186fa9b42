/// Why a fit has no answer, or why a method declined: a value with its message
/// and help already worded (FittingMessage), which the interpreter places at
/// the `fit` statement. Fitting knows nothing of source spans.
public struct FitError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The method does not apply to this model; the plan moves on to the next one.
        case refused
        /// No method can fix it: the MLE does not exist, or the fit failed.
        case unbounded, separation, notIdentifiable, notConverged, leftDomain
        /// An option or a request that cannot be honoured (lr ≤ 0, too many parameters).
        case invalidRequest
        /// A bug in mle.
        case `internal`
    }

    public let kind: Kind
    public let message: String
    public let help: String?

    public init(_ kind: Kind, _ message: String, help: String? = nil) {
        self.kind = kind
        self.message = message
        self.help = help
    }

    public static func refused(_ reason: String) -> FitError { FitError(.refused, reason) }

    public var description: String { message }
}
