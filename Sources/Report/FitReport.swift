/// The results of a fit, as data; `text` and `json` format them (nothing here computes).
public struct FitReport: Sendable {
    public struct Row: Sendable {
        public let name: String
        public let estimate: Double
        public let standardError: Double?
        public let interval: (Double, Double)?
        /// Why there is no standard error (on the boundary, not identifiable).
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

    public var model: String
    public var observations: Int
    public var solver: String
    public var reason: String
    /// Closed-form expressions, "p̂ = Σflips/n".
    public var closedForms: [String]
    public var iterations: Int?
    public var gradientNorm: Double?
    public var rows: [Row]
    public var logLikelihood: Double
    /// With priors: ℓ + log p(θ) at the MAP estimate.
    public var logPosterior: Double?
    public var aic: Double
    public var bic: Double
    public var parameterCount: Int
    public var notes: [String]

    public init(
        model: String, observations: Int, solver: String, reason: String, closedForms: [String],
        iterations: Int?, gradientNorm: Double?, rows: [Row], logLikelihood: Double, logPosterior: Double?,
        aic: Double, bic: Double, parameterCount: Int, notes: [String]
    ) {
        self.model = model
        self.observations = observations
        self.solver = solver
        self.reason = reason
        self.closedForms = closedForms
        self.iterations = iterations
        self.gradientNorm = gradientNorm
        self.rows = rows
        self.logLikelihood = logLikelihood
        self.logPosterior = logPosterior
        self.aic = aic
        self.bic = bic
        self.parameterCount = parameterCount
        self.notes = notes
    }

    public var isMAP: Bool { logPosterior != nil }
}
