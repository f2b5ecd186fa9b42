import Checker
import Diagnostics
import Fitting
import Foundation
import LinearAlgebra
import Model
import Report
import Symbolic
import Syntax

extension Session {
    /// `show loglik | score | hessian | stats | tape | params | model`, as a value.
    func showForm(_ target: ShowTarget, of model: StatisticalModel) -> ShowForm {
        let show = Presentation(model: model)
        let lines = { (text: String) in ShowForm.Body.lines(text.components(separatedBy: "\n")) }
        switch target {
        case .loglik:
            return ShowForm(
                target: target.rawValue, model: model.name, body: lines(show.logLikelihood()),
                statistics: show.statisticValues())
        case .score: return ShowForm(target: target.rawValue, model: model.name, body: lines(show.score()))
        case .hessian: return ShowForm(target: target.rawValue, model: model.name, body: lines(show.hessian()))
        case .stats:
            return ShowForm(
                target: target.rawValue, model: model.name,
                body: .statistics(
                    show.statisticValues(), summarised: model.likelihood.isFullySummarised,
                    perRow: show.remainders.map { $0.printedAsRowSum() }))
        case .tape:
            return ShowForm(target: target.rawValue, model: model.name, body: lines(model.likelihood.tapeListing()))
        case .params:
            return ShowForm(
                target: target.rawValue, model: model.name,
                body: .parameters(
                    model.layout.entries.map {
                        ShowForm.Parameter(
                            name: $0.name, length: $0.length, lower: $0.lower, upper: $0.upper, start: $0.start,
                            components: $0.labels, shape: Presentation.shapeText($0))
                    }))
        case .model: return ShowForm(target: target.rawValue, model: model.name, body: lines(show.modelStatement()))
        case .plan: return ShowForm(target: target.rawValue, model: model.name, body: .plan(dataPlan(model)))
        case .em:
            let steps = EMDerivation.lines(model) ?? [InterpreterMessage.noEM(model.description)]
            return ShowForm(target: target.rawValue, model: model.name, body: .lines(steps))
        }
    }
}

/// The symbolic objects of a model as mathematics, shared by `show` and `derive`.
struct Presentation {
    let model: StatisticalModel
    /// Show ℓ + log p(θ) (what a MAP fit maximises) instead of ℓ alone.
    var includePrior = false

    /// The objective's name in formulas: ℓ, or ℓ + log p(θ) with priors.
    var objective: String { includePrior && model.hasPriors ? "(ℓ + log π)" : "ℓ" }

    var likelihood: LogLikelihood { model.likelihood }

    /// Pilots (centring values) set to 0, so statistics read as raw sums Σx, Σx².
    var displayPilots: [Symbol: Double] { likelihood.displayPilots }

    /// ℓ's statistics part as people read it.
    var summaryDisplay: Expr {
        let base = includePrior && model.hasPriors ? likelihood.summary + model.logPrior : likelihood.summary
        return base.substituting(displayPilots)
    }

    /// A derived expression as people read it (statistics collected by parameter functions).
    func shown(_ e: Expr) -> String { e.collectedByParameters().printed() }

    var remainders: [Expr] { likelihood.forms.compactMap(\.remainder) }

    func logLikelihood() -> String {
        var rhs: [String] = []
        let s = summaryDisplay
        if !s.isConstant(0) { rhs.append(shown(s)) }
        rhs += groupTerms()
        for r in remainders { rhs.append(r.printedAsRowSum()) }
        var lines = ["\(model.signature) = " + (rhs.isEmpty ? "0" : rhs.joined(separator: " + "))]
        lines += whereLines()
        lines += groupLines()
        return lines.joined(separator: "\n")
    }

    /// "where n = 10, Σx = 50.1, …" and "η = w·x".
    func whereLines() -> [String] {
        var lines: [String] = []
        let stats = statisticValues()
        if !stats.isEmpty {
            lines.append("  where " + stats.map { "\($0.name) = \($0.shownValue)" }.joined(separator: ", "))
        }
        for (symbol, description) in model.predictorDescriptions.sorted(by: { $0.key < $1.key }) {
            lines.append("  and \(model.store.name(of: symbol)) = \(description), per row")
        }
        return lines
    }

    /// n and each statistic with its value (raw sums, Σx = 50.1, not centred ones).
    func statisticValues() -> [ShowForm.Statistic] {
        var out: [ShowForm.Statistic] = []
        let grouped = Set(groups.map(\.term))
        for (t, form) in likelihood.forms.enumerated() where !grouped.contains(t) {
            let count = Symbol.count(t)
            if form.value.depends(on: count) || form.remainder != nil {
                out.append(ShowForm.Statistic(name: model.store.name(of: count), value: Double(likelihood.rows[t])))
            }
            for stat in form.statistics {
                out.append(
                    ShowForm.Statistic(
                        name: model.store.name(of: stat.symbol),
                        value: likelihood.rawStatisticValues[stat.symbol] ?? .nan))
            }
        }
        return out + groupStatistics()
    }

    func score() -> String {
        var lines: [String] = []
        let picked = pickedParams
        for entry in model.layout.entries where !picked.contains(entry.name) {
            if case .matrix = entry.shape {
                lines += rowPredictorScores(entry)
                continue
            }
            // A vector param met through a linear predictor has one line: ∂ℓ/∂w = Σᵢ xᵢ·(…).
            let throughPredictors = entry.length == nil ? [] : predictorScore(entry)
            if !throughPredictors.isEmpty {
                lines.append("∂\(objective)/∂\(entry.name) = " + throughPredictors.joined(separator: " + "))
                continue
            }
            for k in 0..<entry.size {
                let symbol = Symbol.parameter(entry.offset + k)
                let parts = scalarScore(symbol)
                if entry.length != nil, parts.isEmpty { continue }
                let name = entry.length == nil ? entry.name : model.store.name(of: symbol)
                lines.append("∂\(objective)/∂\(name) = " + (parts.isEmpty ? "0" : parts.joined(separator: " + ")))
            }
        }
        lines += groupScores()
        return lines.joined(separator: "\n")
    }

    /// ∂/∂θ of the statistics part and of each per-row remainder.
    func scalarScore(_ symbol: Symbol) -> [String] {
        var parts: [String] = []
        let d = summaryDisplay.derivative(withRespectTo: symbol)
        if !d.isConstant(0) { parts.append(shown(d)) }
        for r in remainders {
            let dr = r.derivative(withRespectTo: symbol)
            if !dr.isConstant(0) { parts.append(dr.printedAsRowSum()) }
        }
        return parts
    }

    /// Xᵀ·∂R/∂η for each linear predictor with this vector param.
    func predictorScore(_ entry: ParameterLayout.Entry) -> [String] {
        var parts: [String] = []
        for (symbol, description) in model.predictorDescriptions where description.hasPrefix(entry.name + "·") {
            let matrix = String(description.dropFirst(entry.name.count + 1))
            for r in remainders where r.depends(on: symbol) {
                parts.append(r.derivative(withRespectTo: symbol).printedAsRowSum(weight: matrix))
            }
        }
        return parts
    }

    func hessian() -> String {
        var lines: [String] = groupHessians() + crossPredictorHessians()
        let s = summaryDisplay
        let scalarSlots = model.layout.entries.filter { $0.length == nil }
        for (i, a) in scalarSlots.enumerated() {
            for b in scalarSlots[i...] {
                let (sa, sb) = (Symbol.parameter(a.offset), Symbol.parameter(b.offset))
                var parts: [String] = []
                let d = s.derivative(withRespectTo: sa).derivative(withRespectTo: sb)
                if !d.isConstant(0) { parts.append(shown(d)) }
                for r in remainders {
                    let dr = r.derivative(withRespectTo: sa).derivative(withRespectTo: sb)
                    if !dr.isConstant(0) { parts.append(dr.printedAsRowSum()) }
                }
                let label = a.name == b.name ? "∂²\(objective)/∂\(a.name)²" : "∂²\(objective)/∂\(a.name)∂\(b.name)"
                lines.append("\(label) = " + (parts.isEmpty ? "0" : parts.joined(separator: " + ")))
            }
        }
        for (symbol, description) in model.predictorDescriptions.sorted(by: { $0.key < $1.key }) {
            guard let dot = description.firstIndex(of: "·") else { continue }
            let w = String(description[..<dot])
            let x = String(description[description.index(after: dot)...])
            for a in scalarSlots {
                for r in remainders where r.depends(on: symbol) {
                    let cross = r.derivative(withRespectTo: .parameter(a.offset)).derivative(withRespectTo: symbol)
                    if !cross.isConstant(0) {
                        lines.append("∂²ℓ/∂\(a.name)∂\(w) = " + cross.printedAsRowSum(weight: x))
                    }
                }
            }
            for r in remainders where r.depends(on: symbol) {
                let h = r.derivative(withRespectTo: symbol).derivative(withRespectTo: symbol)
                lines.append(
                    "∂²ℓ/∂\(w)∂\(w)ᵀ = "
                        + h.printedAsRowSum(weight: "\(x)ᵢ\(x)ᵀ").replacingOccurrences(
                            of: "\(x)ᵢ\(x)ᵀᵢ", with: "\(x)ᵢ\(x)ᵢᵀ"))
            }
        }
        return lines.joined(separator: "\n")
    }

    func modelStatement() -> String {
        var lines: [String] = []
        for term in model.terms {
            let texts = term.arguments.map { $0.printedPerRow() }
            let family = term.family.mixture?.written(texts) ?? "\(term.family.name)(\(texts.joined(separator: ", ")))"
            var line = "\(term.response.printedPerRow()) ~ \(family), i = 1…\(term.rows)"
            if let w = term.weight { line += ", weight \(w.printedPerRow())" }
            if let c = term.censored { line += ", censored where \(c.printedPerRow()) = 1" }
            lines.append(line)
        }
        if model.hasPriors { lines.append("priors: " + model.priorNames.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}
