import Data
import Diagnostics
import Model
import Syntax

/// Params indexed by data (`μ[d.class]`, `P[d.prev]`), and the arguments that only a
/// family over outcomes takes (a simplex, a row of one, `softmax(B·x)`).
extension Checker {
    /// The param named by `base`, if it is a shaped one.
    func shapedParam(_ base: ExpressionSyntax) -> ParamInfo? {
        guard let n = base.nameText, let entry = environment[n], case .param(let p) = entry.binding, p.isVector
        else { return nil }
        return p
    }

    /// The rows of data with a value per row that can index a param: a numeric vector, or a
    /// text column (its levels name the components); nil for a number or anything else.
    func indexRows(_ shape: Shape) -> Int?? {
        switch shape {
        case .vector(let n): return .some(n)
        case .factor(let f, _): return .some(f.count)
        case .unusableColumn(let n, let problem) where problem.cell != nil: return .some(n)
        default: return nil
        }
    }

    /// `w[2]`, `P[2, 3]`: a number; `μ[d.g]`, `P[d.prev, d.next]`: one value per row; `P[d.prev]`:
    /// a row per row (`matrix(n, V)`, Categorical's argument); `P[2]`: one row.
    mutating func inferParamIndex(
        _ param: ParamInfo, _ base: ExpressionSyntax, _ indices: [ExpressionSyntax], _ span: SourceSpan
    ) -> ExpressionInfo {
        var info = infer(base)
        let dims = param.dimensions
        guard indices.count == dims.count || (dims.count == 2 && indices.count == 1) else {
            error(CheckerMessage.indexCount(base.span.text, dimensions: dims.count, given: indices.count), at: span)
            return .unknown
        }
        var perRow: Int?? = nil
        for (d, index) in indices.enumerated() {
            let i = infer(index)
            if let p = i.firstParam {
                error(CheckerMessage.dependsOnParam(CheckerMessage.Role.index, param: p.text), at: p.span)
            }
            if let rows = indexRows(i.shape) {
                if let outer = perRow, let n = outer, let rows, n != rows {
                    error(CheckerMessage.rowCount(CheckerMessage.Role.index, values: rows, rows: n), at: index.span)
                }
                perRow = .some(rows ?? perRow ?? nil)
                continue
            }
            expectScalar(i, index, role: CheckerMessage.Role.index)
            if let v = Checker.literalValue(index) {
                if v < 1 || v != v.rounded() {
                    error(CheckerMessage.badIndex(v), at: index.span)
                } else if let extent = dims[d], v > Double(extent) {
                    error(
                        CheckerMessage.indexOutOfRange(v, extent: CheckerMessage.vectorExtent(extent)), at: index.span)
                }
            }
        }
        let row = indices.count < dims.count
        switch (perRow, row) {
        case (nil, false): info.shape = .scalar
        case (nil, true): info.shape = .vector(dims[1])
        case (.some(let n), false): info.shape = .vector(n)
        case (.some(let n), true): info.shape = .matrix(n, dims[1])
        }
        return info
    }

    /// B·x with B a matrix param (K×p) and x a data matrix (n×p): one K-vector per row, n×K.
    func paramMatrixProduct(_ left: ExpressionInfo, _ right: ExpressionInfo) -> Shape? {
        for (p, x) in [(left, right), (right, left)] where p.usesParams && !x.usesParams {
            guard case .matrix(let k, _) = p.shape else { continue }
            if case .matrix(let n, _) = x.shape { return .matrix(n, k) }
            if case .design(let n, _, _) = x.shape { return .matrix(n, k) }
        }
        return nil
    }

    /// Categorical's argument: a one-row simplex param, a row of one picked per row (or fixed),
    /// or softmax of a per-row matrix; with one vector of probabilities per modelled row.
    mutating func checkOutcomeArgument(_ info: ExpressionInfo, _ arg: ExpressionSyntax, rows: Int?) {
        if let p = shapedParam(arg), p.kind == .simplex, p.dimensions.count == 1 { return }
        switch (arg.kind, info.shape) {
        case (_, .unknown): return
        case (.index, .matrix(let n, _)), (.call, .matrix(let n, _)):
            if let n, let rows, n != rows {
                error(
                    CheckerMessage.rowCount(
                        CheckerMessage.Role.parameter("p", of: "Categorical"), values: n, rows: rows), at: arg.span)
            }
        case (.index, .vector), (.call, .vector):
            return
        default:
            error(CheckerMessage.categoricalArgument, at: arg.span)
        }
    }

    /// softmax(x) of data: x's shape. In a model, softmax(a + B·x): the sum of a vector param
    /// (one intercept per category) and B·x (n×K) is one K-vector per row, n×K.
    mutating func inferSoftmax(_ arg: ExpressionSyntax) -> ExpressionInfo {
        var terms: [ExpressionSyntax] = []
        func split(_ e: ExpressionSyntax) {
            if case .binary(.add, let a, let b) = e.kind {
                split(a)
                split(b)
            } else {
                terms.append(e)
            }
        }
        split(arg)
        let infos = terms.map { infer($0) }
        var result = ExpressionInfo(shape: .unknown)
        for i in infos { result.absorb(i) }
        guard result.usesParams, terms.count > 1 else {
            result.shape = terms.count > 1 ? broadcastAll(infos, terms) : infos[0].shape
            if case .scalar = result.shape { error(CheckerMessage.softmaxOfNumber, at: arg.span) }
            return result
        }
        var rows: Int?? = nil
        var categories: Int?? = nil
        for (info, term) in zip(infos, terms) {
            switch info.shape {
            case .matrix(let n, let k) where info.usesParams:
                rows = .some(n)
                if let outer = categories, let c = outer, let k, c != k {
                    error(CheckerMessage.softmaxCategories(c, k), at: term.span)
                }
                categories = .some(k)
            case .vector(let k) where info.usesParams:
                if let outer = categories, let c = outer, let k, c != k {
                    error(CheckerMessage.softmaxCategories(c, k), at: term.span)
                }
                categories = .some(k)
            case .unknown: continue
            default: error(CheckerMessage.categoricalArgument, at: term.span)
            }
        }
        switch (rows, categories) {
        case (.some(let n), .some(let k)): result.shape = .matrix(n, k)
        case (nil, .some(let k)): result.shape = .vector(k)
        default: result.shape = .unknown
        }
        return result
    }

    /// The element-wise sum's shape of several terms.
    mutating func broadcastAll(_ infos: [ExpressionInfo], _ terms: [ExpressionSyntax]) -> Shape {
        var shape = infos[0].shape
        for i in 1..<infos.count { shape = broadcast(shape, infos[i].shape, terms[0], terms[i]) }
        return shape
    }

    /// A prior over a simplex (Dirichlet) goes on a simplex param, and only there.
    mutating func checkSimplexPrior(_ family: any Distribution, _ param: ParamInfo, _ name: Name) {
        if family.isSimplexDistribution, param.kind != .simplex {
            error(CheckerMessage.simplexPriorOnNonSimplex(family.name, name.text), at: name.span)
        } else if !family.isSimplexDistribution, param.kind == .simplex {
            error(CheckerMessage.priorOnSimplex(family.name, name.text), at: name.span)
        }
    }
}
