/// What `derive` prints, as data: the lesson's steps for one model — model,
/// likelihood, log-likelihood, score, solution, second-derivative check,
/// standard errors — and the fit they arrive at.
public struct Derivation: Sendable {
    public struct Step: Sendable {
        /// "1", "3′".
        public let number: String
        public let title: String
        /// The step's text, a line each (equations indented in the text rendering).
        public let lines: [String]
        public init(number: String, title: String, lines: [String]) {
            self.number = number
            self.title = title
            self.lines = lines
        }
    }

    public let model: String
    public let steps: [Step]
    public let fit: FitReport

    public init(model: String, steps: [Step], fit: FitReport) {
        self.model = model
        self.steps = steps
        self.fit = fit
    }
}
