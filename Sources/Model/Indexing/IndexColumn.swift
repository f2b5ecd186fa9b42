import Symbolic

/// A data column that picks a param's components row by row (`d.class` in `μ[d.class]`):
/// whole numbers 1…extent, or a text column's levels coded by their position in the
/// param's level list (sorted, as R's factors).
public struct IndexColumn: Sendable {
    /// As written, for the names of per-group statistics: "class" in Σ_{class=k} x.
    public let name: String
    /// The 1-based code of each row.
    public let codes: [Int32]
    /// The number of components along the dimension it indexes.
    public let extent: Int
    /// The level names, when the column is text.
    public let labels: [String]?
    /// The letter that stands for its code in formulas (k in μₖ and Σ_{class=k} x).
    public var letter = "k"

    public init(name: String, codes: [Int32], extent: Int, labels: [String]?) {
        self.name = name
        self.codes = codes
        self.extent = extent
        self.labels = labels
    }

    public var rows: Int { codes.count }
}

/// A component of a param picked per row (`μ[d.class]`, `P[d.prev, y]`): one part per
/// dimension of the param, either a fixed 1-based index or an index column.
public struct Selector: Sendable {
    public enum Part: Sendable, Equatable {
        case fixed(Int)
        /// The index column (a position in the likelihood's `indexColumns`).
        case column(Int)
    }

    /// `.selected(k)`, the symbol that stands for the picked component in the IR.
    public let symbol: Symbol
    /// The param's name and where its slots start in θ.
    public let parameter: String
    public let offset: Int
    public let shape: ParamShape
    public let parts: [Part]

    public init(symbol: Symbol, parameter: String, offset: Int, shape: ParamShape, parts: [Part]) {
        self.symbol = symbol
        self.parameter = parameter
        self.offset = offset
        self.shape = shape
        self.parts = parts
    }

    /// The index columns this selector reads, in dimension order.
    public var columns: [Int] { parts.compactMap { if case .column(let c) = $0 { return c } else { return nil } } }

    /// The θ slot picked when each index column has the given 1-based code; nil when out of
    /// range or a component held fixed.
    public func slot(code: (Int) -> Int) -> Int? {
        let indices = parts.map { part -> Int in
            switch part {
            case .fixed(let i): return i
            case .column(let c): return code(c)
            }
        }
        return shape.slot(at: indices).map { offset + $0 }
    }

    /// The θ slot each row picks.
    public func rowSlots(_ columns: [IndexColumn], rows: Int) -> [Int32] {
        (0..<rows).map { i in Int32(slot { Int(columns[$0].codes[i]) } ?? 0) }
    }
}

/// A selector as a per-row input of a compiled tape: the slot it picks in each row.
struct RowSelector: Sendable {
    let symbol: Symbol
    let slots: [Int32]

    /// The row-level symbol that stands for it in a tape (a one-hot linear predictor).
    var rowSymbol: Symbol {
        if case .selected(let s) = symbol { return .predictor(RowSelector.firstPredictor + s) }
        return symbol
    }

    static let firstPredictor = 1_000_000
}
