/// Fitted models side by side (`compare m0, m1, m2`): each model's size and
/// criteria, the Akaike weights, and a likelihood-ratio test for each nested pair
/// (or why a pair has none). The renderers format it; nothing here computes.
public struct Comparison: Sendable {
    public struct Model: Sendable {
        public let name: String
        /// The terms as written.
        public let description: String
        public let observations: Int
        public let parameters: Int
        public let logLikelihood: Double
        public let aic: Double
        /// nil when n ≤ k + 1.
        public let aicc: Double?
        public let bic: Double
        public let deltaAIC: Double
        public let weight: Double

        public init(
            name: String, description: String, observations: Int, parameters: Int, logLikelihood: Double,
            aic: Double, aicc: Double?, bic: Double, deltaAIC: Double, weight: Double
        ) {
            self.name = name
            self.description = description
            self.observations = observations
            self.parameters = parameters
            self.logLikelihood = logLikelihood
            self.aic = aic
            self.aicc = aicc
            self.bic = bic
            self.deltaAIC = deltaAIC
            self.weight = weight
        }
    }

    /// A likelihood-ratio test of `restricted` against `full`, which nests it.
    public struct Test: Sendable {
        public let statistic: Double
        public let degreesOfFreedom: Int
        /// Restrictions on the boundary of their domain (then p is from the χ̄² mixture).
        public let boundary: Int
        public let mixtureWeights: [Double]
        public let p: Double
        /// Where the restriction fixes the larger model's params ("w[1] = 0"), when told.
        public let fixedAt: [String]

        public init(
            statistic: Double, degreesOfFreedom: Int, boundary: Int, mixtureWeights: [Double], p: Double,
            fixedAt: [String]
        ) {
            self.statistic = statistic
            self.degreesOfFreedom = degreesOfFreedom
            self.boundary = boundary
            self.mixtureWeights = mixtureWeights
            self.p = p
            self.fixedAt = fixedAt
        }
    }

    public struct Pair: Sendable {
        /// The smaller model (nested in `full` when there is a test) and the larger.
        public let restricted: String
        public let full: String
        public let test: Test?
        /// Why there is no test (not nested, the same model, a MAP fit).
        public let refusal: String?

        public init(restricted: String, full: String, test: Test?, refusal: String?) {
            self.restricted = restricted
            self.full = full
            self.test = test
            self.refusal = refusal
        }
    }

    public let models: [Model]
    public let pairs: [Pair]
    public let notes: [String]

    public init(models: [Model], pairs: [Pair], notes: [String]) {
        self.models = models
        self.pairs = pairs
        self.notes = notes
    }
}
