/// A parameter's profile-likelihood interval as a report shows it: the two ends,
/// how each was found, whether it is clearly asymmetric, and the evaluated points
/// of the profile (ψ, ℓ_p(ψ), signed root), which a plot can draw.
public struct ProfileInterval: Sendable {
    public enum End: String, Sendable {
        /// ℓ_p crosses ℓ̂ − χ²₁(level)/2 here.
        case crossing
        /// The estimate is on this edge of the domain: the interval is one-sided.
        case boundary
        /// ℓ_p stays above the cutoff up to the domain's edge: the data do not bound it here.
        case open
        /// The restricted fits failed before the cutoff was reached (the value is the last one reached).
        case failed
    }

    public struct Point: Sendable {
        public let value: Double
        public let logLikelihood: Double
        public let signedRoot: Double
        public init(value: Double, logLikelihood: Double, signedRoot: Double) {
            self.value = value
            self.logLikelihood = logLikelihood
            self.signedRoot = signedRoot
        }
    }

    public let lower: Double
    public let upper: Double
    public let lowerEnd: End
    public let upperEnd: End
    /// (upper − θ̂)/(θ̂ − lower), when both ends are crossings.
    public let asymmetry: Double?
    public let isAsymmetric: Bool
    /// Why the profile stopped, for a failed end.
    public let failure: String?
    public let points: [Point]

    public init(
        lower: Double, upper: Double, lowerEnd: End, upperEnd: End, asymmetry: Double?, isAsymmetric: Bool,
        failure: String?, points: [Point]
    ) {
        self.lower = lower
        self.upper = upper
        self.lowerEnd = lowerEnd
        self.upperEnd = upperEnd
        self.asymmetry = asymmetry
        self.isAsymmetric = isAsymmetric
        self.failure = failure
        self.points = points
    }

    /// The flag the table prints beside the interval ("" when there is nothing to say).
    public var flag: String {
        var flags: [String] = []
        if isAsymmetric { flags.append("asymmetric") }
        if lowerEnd == .boundary || upperEnd == .boundary { flags.append("one-sided") }
        if lowerEnd == .open { flags.append("open below") }
        if upperEnd == .open { flags.append("open above") }
        if lowerEnd == .failed || upperEnd == .failed { flags.append("incomplete") }
        return flags.joined(separator: ", ")
    }
}
