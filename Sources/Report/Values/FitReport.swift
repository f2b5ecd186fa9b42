/// The results of a fit, as data: what was fitted, by which method and why,
/// the estimates with their uncertainty, the criteria and the notes. The text
/// and JSON renderers format it; nothing here computes.
public struct FitReport: Sendable {
    public struct Row: Sendable {
        public let name: String
        public let estimate: Double
        public let standardError: Double?
        /// The 95% Wald interval.
        public let interval: (Double, Double)?
        /// Why there is no standard error (on the boundary).
        public let note: String?

        public init(name: String, estimate: Double, standardError: Double?, interval: (Double, Double)?, note: String?)
        {
            self.name = name
            self.estimate = estimate
            self.standardError = standardError
            self.interval = interval
            self.note = note
        }
    }

    /// A method the plan passed over, and why.
    public struct Refusal: Sendable {
        public let method: String
        public let reason: String
        public init(method: String, reason: String) {
            self.method = method
            self.reason = reason
        }
    }

    /// The model's name ("" for the unnamed model) and its terms as written.
    public var modelName: String
    public var model: String
    public var observations: Int
    public var method: String
    public var reason: String
    public var refused: [Refusal]
    /// Closed-form expressions, "p̂ = Σflips/n = 0.7".
    public var closedForms: [String]
    public var iterations: Int?
    public var gradientNorm: Double?
    /// Whether the estimate is the maximum to the precision asked for.
    public var converged: Bool
    public var rows: [Row]
    public var logLikelihood: Double
    /// With priors: ℓ + log p(θ) at the MAP estimate.
    public var logPosterior: Double?
    public var aic: Double
    public var bic: Double
    public var parameterCount: Int
    /// The covariance of the estimates, in the rows' order (NaN where a row has no standard error).
    public var covariance: [[Double]]?
    public var notes: [String]
    /// What `rows` leaves out, one line each: a bigram table's components at 0, the components
    /// past the first 10,000 of a very large model.
    public var omissions: [String]

    public init(
        modelName: String, model: String, observations: Int, method: String, reason: String, refused: [Refusal],
        closedForms: [String], iterations: Int?, gradientNorm: Double?, converged: Bool, rows: [Row],
        logLikelihood: Double, logPosterior: Double?, aic: Double, bic: Double, parameterCount: Int,
        covariance: [[Double]]?, notes: [String], omissions: [String] = []
    ) {
        self.modelName = modelName
        self.model = model
        self.observations = observations
        self.method = method
        self.reason = reason
        self.refused = refused
        self.closedForms = closedForms
        self.iterations = iterations
        self.gradientNorm = gradientNorm
        self.converged = converged
        self.rows = rows
        self.logLikelihood = logLikelihood
        self.logPosterior = logPosterior
        self.aic = aic
        self.bic = bic
        self.parameterCount = parameterCount
        self.covariance = covariance
        self.notes = notes
        self.omissions = omissions
    }

    public var isMAP: Bool { logPosterior != nil }
}
