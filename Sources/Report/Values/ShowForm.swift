/// What `show` prints, as data: one of a model's symbolic objects as
/// mathematics (each line an equation or an entry), with the numbers behind it.
public struct ShowForm: Sendable {
    /// A sufficient statistic (or n) and its value: "Σx" = 50.1.
    public struct Statistic: Sendable {
        public let name: String
        public let value: Double
        /// A statistic summed within each group of rows (nₖ, Σ_{class=k} x): its value in each
        /// group, the first of them when there are very many, and the groups' names.
        public let groupValues: [Double]?
        public let groups: [String]?
        /// How many groups there are (more than `groupValues` holds for a very large table).
        public let groupCount: Int
        public init(name: String, value: Double) {
            self.name = name
            self.value = value
            groupValues = nil
            groups = nil
            groupCount = 0
        }

        public init(name: String, groupValues: [Double], groups: [String], count: Int) {
            self.name = name
            value = groupValues.reduce(0, +)
            self.groupValues = groupValues
            self.groups = groups
            groupCount = count
        }
    }

    /// A param as `show params` lists it.
    public struct Parameter: Sendable {
        public let name: String
        public let length: Int?
        public let lower: Double?
        public let upper: Double?
        public let start: [Double]
        /// The names of a vector's components, from the columns they multiply (`woolB`), when known.
        public let components: [String]?
        /// As declared, "simplex[3, 4]"; nil for a scalar or a plain vector.
        public let shape: String?
        public init(
            name: String, length: Int?, lower: Double?, upper: Double?, start: [Double], components: [String]? = nil,
            shape: String? = nil
        ) {
            self.name = name
            self.length = length
            self.lower = lower
            self.upper = upper
            self.start = start
            self.components = components
            self.shape = shape
        }
    }

    public enum Body: Sendable {
        /// Mathematics, a line each (ℓ, its score, its Hessian, the model, the tape).
        case lines([String])
        /// The statistics found; `summarised` false when a per-row part remains (its lines follow).
        case statistics([Statistic], summarised: Bool, perRow: [String])
        case parameters([Parameter])
        /// Where the rows are and the SQL a fit sends (`show plan`).
        case plan(DataPlan)
    }

    /// The `show` target: loglik, score, hessian, stats, tape, params, model.
    public let target: String
    /// The model's name, "" for the unnamed one.
    public let model: String
    public let body: Body
    /// The numbers the lines refer to ("where n = 10, Σx = 7"), for JSON.
    public let statistics: [Statistic]

    public init(target: String, model: String, body: Body, statistics: [Statistic] = []) {
        self.target = target
        self.model = model
        self.body = body
        self.statistics = statistics
    }
}
