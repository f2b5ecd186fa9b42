import Diagnostics
import Foundation
import LinearAlgebra
import Model
import Symbolic
import Syntax

extension Session {
    /// `show loglik | score | hessian | stats | tape | params | model`.
    func show(_ target: Name, _ modelName: Name?, _ span: SourceSpan) throws {
        let model = try builtModel(try resolveModel(modelName, span), span)
        let text: String
        switch target.text {
        case "loglik": text = Presentation(model: model).logLikelihood()
        case "score": text = Presentation(model: model).score()
        case "hessian": text = Presentation(model: model).hessian()
        case "stats": text = Presentation(model: model).statistics()
        case "tape": text = model.likelihood.tapeListing()
        case "params": text = Presentation(model: model).parameters()
        case "model": text = Presentation(model: model).modelStatement()
        default: throw Diagnostic.error(InterpreterMessage.cannotShow(target.text), at: target.span)
        }
        output(.report(text))
    }
}

/// The symbolic objects of a model as mathematics, shared by `show` and `derive`.
struct Presentation {
    let model: BuiltModel
    /// Show ℓ + log p(θ) (what a MAP fit maximises) instead of ℓ alone.
    var includePrior = false

    /// The objective's name in formulas: ℓ, or ℓ + log p(θ) with priors.
    var objective: String { includePrior && model.hasPriors ? "(ℓ + log π)" : "ℓ" }

    var likelihood: LogLikelihood { model.likelihood }

    /// Pilots (centring values) set to 0, so statistics read as raw sums Σx, Σx².
    var displayPilots: [Symbol: Double] {
        var d: [Symbol: Double] = [:]
        for form in likelihood.forms { for p in form.pilots.compactMap({ $0 }) { d[p] = 0 } }
        return d
    }

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
        for r in remainders { rhs.append(r.printedAsRowSum()) }
        var lines = ["\(model.signature) = " + (rhs.isEmpty ? "0" : rhs.joined(separator: " + "))]
        lines += whereLines()
        return lines.joined(separator: "\n")
    }

    /// "where n = 10, Σx = 50.1, …" and "η = w·x".
    func whereLines() -> [String] {
        var lines: [String] = []
        let stats = statisticValues()
        if !stats.isEmpty { lines.append("  where " + stats.map { "\($0.0) = \($0.1)" }.joined(separator: ", ")) }
        for (symbol, description) in model.predictorDescriptions.sorted(by: { $0.key < $1.key }) {
            lines.append("  and \(model.store.name(of: symbol)) = \(description), per row")
        }
        return lines
    }

    /// (name, value) of n and each statistic, raw sums.
    func statisticValues() -> [(String, String)] {
        var out: [(String, String)] = []
        for (t, form) in likelihood.forms.enumerated() {
            let count = Symbol.count(t)
            if form.value.depends(on: count) || form.remainder != nil {
                out.append((model.store.name(of: count), Format.number(Double(likelihood.rows[t]))))
            }
            for stat in form.statistics {
                out.append(
                    (
                        model.store.name(of: stat.symbol),
                        Format.number(likelihood.rawStatisticValues[stat.symbol] ?? .nan)
                    ))
            }
        }
        return out
    }

    func statistics() -> String {
        var lines = ["sufficient statistics:"]
        for (name, value) in statisticValues() { lines.append("  \(name) = \(value)") }
        if likelihood.isFullySummarised {
            lines.append("ℓ, its score and its Hessian need only these: each evaluation is O(1) in n.")
        } else {
            lines.append("per-row part (not summarised; evaluated by the compiled tape, O(n)):")
            for r in remainders { lines.append("  " + r.printedAsRowSum()) }
        }
        return lines.joined(separator: "\n")
    }

    func score() -> String {
        var lines: [String] = []
        for entry in model.layout.entries {
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
        var lines: [String] = []
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

    func parameters() -> String {
        var lines = ["params (θ has \(model.layout.count) component\(model.layout.count == 1 ? "" : "s")):"]
        for e in model.layout.entries {
            let shape = e.length.map { "vector[\($0)]" } ?? "scalar"
            let constraint: String
            switch (e.lower, e.upper) {
            case (let a?, let b?): constraint = "in (\(Format.number(a)), \(Format.number(b)))"
            case (let a?, nil): constraint = "> \(Format.number(a))"
            case (nil, let b?): constraint = "< \(Format.number(b))"
            case (nil, nil): constraint = "unconstrained"
            }
            lines.append("  \(e.name): \(shape), \(constraint), start \(Format.vector(e.start).dropFirst().dropLast())")
        }
        return lines.joined(separator: "\n")
    }

    func modelStatement() -> String {
        var lines: [String] = []
        for term in model.terms {
            let args = term.arguments.map { $0.printedPerRow() }.joined(separator: ", ")
            var line = "\(term.response.printedPerRow()) ~ \(term.family.name)(\(args)), i = 1…\(term.rows)"
            if let w = term.weight { line += ", weight \(w.printedPerRow())" }
            if let c = term.censored { line += ", censored where \(c.printedPerRow()) = 1" }
            lines.append(line)
        }
        if model.hasPriors { lines.append("priors: " + model.priorNames.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}
