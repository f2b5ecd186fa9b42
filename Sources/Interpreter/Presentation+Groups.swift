import Model
import Report
import Symbolic

/// The terms whose params are picked per row by data, as mathematics: ℓ as a sum over
/// groups of rows of the term's template, the statistics with their value in each group,
/// and the score and Hessian of one group (the Hessian is zero between groups).
extension Presentation {
    var groups: [GroupedTerm] { likelihood.groups }

    /// A shape other than a plain vector as declared ("simplex[3, 4]", "matrix[3, 2], row 1 held at 0").
    static func shapeText(_ e: ParameterLayout.Entry) -> String? {
        switch e.shape {
        case .scalar, .vector: return nil
        case .baselineVector, .matrix(_, _, true): return e.shape.description + ", first row held at 0 (the baseline)"
        default: return e.shape.description
        }
    }

    /// The linear predictors of a matrix param's rows (`B[2]·x`), in order.
    func rowPredictors(_ entry: ParameterLayout.Entry) -> [(Symbol, row: String, data: String)] {
        model.predictorDescriptions.sorted { $0.key < $1.key }.compactMap { symbol, description in
            guard description.hasPrefix(entry.name + "["), let dot = description.firstIndex(of: "·") else { return nil }
            return (symbol, String(description[..<dot]), String(description[description.index(after: dot)...]))
        }
    }

    /// ∂ℓ/∂B[k] = Σᵢ xᵢ·(…) for each row of a matrix param met through a predictor (a softmax's).
    func rowPredictorScores(_ entry: ParameterLayout.Entry) -> [String] {
        rowPredictors(entry).flatMap { symbol, row, data in
            remainders.filter { $0.depends(on: symbol) }.map {
                "∂\(objective)/∂\(row) = " + $0.derivative(withRespectTo: symbol).printedAsRowSum(weight: data)
            }
        }
    }

    /// ∂²ℓ/∂B[2]∂B[3]ᵀ: the blocks between two rows' predictors (a softmax couples its categories).
    func crossPredictorHessians() -> [String] {
        var lines: [String] = []
        for entry in model.layout.entries {
            guard case .matrix = entry.shape else { continue }
            let rows = rowPredictors(entry)
            for (a, p) in rows.enumerated() {
                for q in rows[(a + 1)...] {
                    for r in remainders where r.depends(on: p.0) && r.depends(on: q.0) {
                        let h = r.derivative(withRespectTo: p.0).derivative(withRespectTo: q.0)
                        lines.append(
                            "∂²ℓ/∂\(p.row)∂\(q.row)ᵀ = "
                                + h.printedAsRowSum(weight: "\(p.data)ᵢ\(p.data)ᵀ").replacingOccurrences(
                                    of: "\(p.data)ᵢ\(p.data)ᵀᵢ", with: "\(p.data)ᵢ\(p.data)ᵢᵀ"))
                    }
                }
            }
        }
        return lines
    }

    /// The params some term picks per row (their score and Hessian are shown per group).
    var pickedParams: Set<String> { Set(likelihood.selectors.map(\.parameter)) }

    /// "Σₖ" for groups k, "Σᵢⱼ" for cells (i, j).
    func sumSign(_ group: GroupedTerm) -> String {
        "Σ" + group.letters.map(GroupedTerm.subscriptLetter).joined()
    }

    /// Each grouped term's part of ℓ: Σₖ [T(θₖ; nₖ, Σ_{class=k} x, …)].
    func groupTerms() -> [String] {
        groups.map { g in
            let t = g.form.value.substituting(displayPilots)
            return "\(sumSign(g)) [\(shown(t))]"
        }
    }

    /// "where k runs over the 3 groups of species (setosa, versicolor, virginica)".
    func groupLines() -> [String] {
        var lines: [String] = []
        for g in groups {
            let names = (0..<min(g.cellCount, 6)).map { groupName(g, $0) }.joined(separator: "; ")
            let more = g.cellCount > 6 ? "; …" : ""
            let by = g.condition.replacingOccurrences(of: "=", with: " = ")
            let line = "  and \(sumSign(g)) runs over the \(g.cellCount) groups of rows with \(by) (\(names)\(more))"
            if !lines.contains(line) { lines.append(line) }
        }
        return lines
    }

    /// The name of cell c: its levels (or codes), "setosa", "the, cat".
    func groupName(_ g: GroupedTerm, _ c: Int) -> String {
        zip(g.cellColumns, g.cellCodes).map { column, codes -> String in
            let code = Int(codes[c])
            if let labels = g.indexColumns[column].labels, code >= 1, code <= labels.count { return labels[code - 1] }
            return String(code)
        }.joined(separator: ", ")
    }

    /// The per-group statistics: nₖ and each Σ_{class=k} …, raw sums, each group's value.
    func groupStatistics() -> [ShowForm.Statistic] {
        var out: [ShowForm.Statistic] = []
        let limit = 10_000
        var seen: Set<String> = []
        for g in groups {
            let names = (0..<min(g.cellCount, limit)).map { groupName(g, $0) }
            let symbols = [g.countSymbol] + g.form.statistics.map(\.symbol)
            for s in symbols {
                guard let values = g.raw[s] else { continue }
                // nₖ of several terms over the same groups is one statistic.
                guard seen.insert(model.store.name(of: s) + "#" + names.prefix(20).joined(separator: ";")).inserted
                else { continue }
                out.append(
                    ShowForm.Statistic(
                        name: model.store.name(of: s), groupValues: Array(values.prefix(limit)), groups: names,
                        count: g.cellCount))
            }
        }
        return out
    }

    /// ∂ℓ/∂μₖ for each param picked per row: the template's derivative (one group's score).
    func groupScores() -> [String] {
        var lines: [String] = []
        for g in groups {
            let t = g.form.value.substituting(displayPilots)
            for s in g.selectors {
                let d = t.derivative(withRespectTo: s.symbol)
                lines.append(
                    "∂\(objective)/∂\(model.store.name(of: s.symbol)) = \(shown(d))   (each group \(g.letters.joined(separator: ", ")))"
                )
                if case .simplex = s.shape {
                    lines.append(
                        "  (\(s.parameter) is a simplex: on Σ = 1 the maximum has this equal to one Lagrange multiplier λ for every component of a row)"
                    )
                }
            }
        }
        return lines
    }

    /// One group's second derivatives; those between different groups are 0 (a block-diagonal
    /// Hessian: O(groups) entries, never a dense k×k matrix for a large table).
    func groupHessians() -> [String] {
        var lines: [String] = []
        for g in groups {
            let t = g.form.value.substituting(displayPilots)
            for (a, s) in g.selectors.enumerated() {
                for r in g.selectors[a...] {
                    let d = t.derivative(withRespectTo: s.symbol).derivative(withRespectTo: r.symbol)
                    let (x, y) = (model.store.name(of: s.symbol), model.store.name(of: r.symbol))
                    let label = s.symbol == r.symbol ? "∂²\(objective)/∂\(x)²" : "∂²\(objective)/∂\(x)∂\(y)"
                    lines.append("\(label) = \(shown(d))")
                }
            }
            if !g.selectors.isEmpty {
                lines.append("  (zero between different groups: the Hessian is block-diagonal, one block per group)")
            }
        }
        return lines
    }
}
