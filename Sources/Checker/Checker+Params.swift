import Diagnostics
import Syntax

extension Checker {
    /// The largest dimension of a param's shape, and the most components a param may have.
    public static let largestDimension = 1_000_000
    public static let mostComponents = 10_000_000

    /// A param's shape: its kind and its dimensions (each nil when not a literal). Each
    /// dimension is a whole number ≥ 1 that does not depend on params; a simplex has at
    /// least two outcomes and takes no constraint (it is already constrained).
    mutating func checkShape(_ decl: ParamDeclaration) -> (ParamInfo.Kind, [Int?]) {
        guard let shape = decl.shape else { return (.scalar, []) }
        let kind: ParamInfo.Kind
        switch shape {
        case .vector: kind = .vector
        case .simplex: kind = .simplex
        case .matrix: kind = .matrix
        }
        var dimensions: [Int?] = []
        let role = kind == .vector ? CheckerMessage.Role.vectorLength : CheckerMessage.Role.dimension(shape.keyword)
        for e in shape.dimensions {
            let info = requireData(e, role: role)
            guard let k = Checker.literalValue(e) else {
                expectScalar(info, e, role: role)
                dimensions.append(nil)
                continue
            }
            if k < 1 || k != k.rounded() || k > Double(Checker.largestDimension) {
                error(
                    kind == .vector
                        ? CheckerMessage.badVectorLength(k) : CheckerMessage.badDimension(k, shape: shape.keyword),
                    at: e.span)
                dimensions.append(1)
                continue
            }
            dimensions.append(Int(k))
        }
        if kind == .simplex, let outcomes = dimensions.last ?? nil, outcomes < 2,
            let e = shape.dimensions.last
        {
            error(CheckerMessage.simplexTooSmall(outcomes), at: e.span)
        }
        if let total = ParamInfo.product(dimensions), total > Checker.mostComponents {
            error(CheckerMessage.tooManyComponents(decl.name.text, total), at: decl.name.span)
        }
        if kind == .simplex, decl.constraint != nil {
            error(CheckerMessage.simplexConstrained(decl.name.text), at: decl.constraintSpan)
        }
        return (kind, dimensions)
    }
}

extension ParamInfo {
    /// The product of the dimensions, nil if one is unknown.
    static func product(_ dimensions: [Int?]) -> Int? {
        dimensions.reduce(Int?(1)) { total, d in total.flatMap { t in d.map { t * $0 } } }
    }
}
