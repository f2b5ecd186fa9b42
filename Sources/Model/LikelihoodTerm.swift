import Diagnostics
import LinearAlgebra
import Symbolic

/// One `~` statement, lowered to the symbolic IR: y ~ Family(arguments) over `rows` rows.
public struct LikelihoodTerm {
    public let family: any Distribution
    public let response: Expr
    public let arguments: [Expr]
    public let weight: Expr?
    /// 1 where the row is right-censored (y is a lower bound), 0 where it is observed.
    public let censored: Expr?
    public let rows: Int

    public init(family: any Distribution, response: Expr, arguments: [Expr], weight: Expr?, censored: Expr?, rows: Int)
    {
        self.family = family
        self.response = response
        self.arguments = arguments
        self.weight = weight
        self.censored = censored
        self.rows = rows
    }

    /// The per-row log-likelihood f: log-density, or log-survival where censored, times the weight.
    public func core() throws(LikelihoodError) -> Expr {
        var f = family.logDensity(response, arguments)
        if let c = censored {
            guard let survival = family.logSurvival(response, arguments) else {
                throw .censoringUnsupported(family.name)
            }
            f = (1 - c) * f + c * survival
        }
        if let w = weight { f = w * f }
        return f
    }
}

/// A linear predictor ηₖ = Xₖ·wₖ: a data matrix (rows are observations) and the
/// flat-parameter slots of the vector parameter it multiplies.
public struct LinearPredictor {
    public let symbol: Symbol
    public let matrix: Matrix
    /// Slot of wₖ[1] in θ; wₖ occupies offset..<offset + K.
    public let offset: Int

    public init(symbol: Symbol, matrix: Matrix, offset: Int) {
        self.symbol = symbol
        self.matrix = matrix
        self.offset = offset
    }

    public var length: Int { matrix.columns }
    /// The θ slots of wₖ.
    public var slots: Range<Int> { offset..<(offset + length) }
    /// k, from ηₖ's symbol.
    public var index: Int {
        if case .predictor(let k) = symbol { return k }
        return 0
    }
}

public enum LikelihoodError: Error, CustomStringConvertible {
    case outsideSupport(family: String, support: Support, row: Int, value: Double)
    case censoringUnsupported(String)
    case notFinite(row: Int, what: String)

    public var description: String {
        switch self {
        case .outsideSupport(let family, let support, let row, let value):
            return "\(family) data must be \(support), but row \(row) is \(LikelihoodError.format(value))"
        case .censoringUnsupported(let family):
            return "censoring is not supported for \(family) (its survival function is not available)"
        case .notFinite(let row, let what):
            return "\(what) is not a finite number at row \(row)"
        }
    }

    static func format(_ x: Double) -> String { NumberFormat.shortest(x) }
}
