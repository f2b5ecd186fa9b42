import Checker
import Diagnostics
import Fitting
import Foundation
import Inference
import LinearAlgebra
import Model
import Symbolic
import Syntax

extension Session {
    /// loglik(...), score(...), hessian(...) at a point; bare after a fit, at the estimate.
    func evaluateAtPoint(_ builtin: Builtin, _ args: [Argument], _ span: SourceSpan) throws -> Value {
        let model: StatisticalModel
        let theta: [Double]
        if args.isEmpty {
            guard let fit = lastFit else {
                throw Diagnostic.error(InterpreterMessage.needsPoint(builtin.rawValue), at: span)
            }
            model = fit.model
            theta = fit.estimate
        } else {
            guard let name = environment.pointModel else {
                throw Diagnostic.internalError(InterpreterMessage.unchecked("a point without a model"), at: span)
            }
            model = try builtModel(name, span)
            theta = try point(model, args, span)
        }
        return try value(builtin, of: model, at: theta, span)
    }

    /// ℓ, ∇ℓ or ∇²ℓ of a model at θ.
    func value(_ builtin: Builtin, of model: StatisticalModel, at theta: [Double], _ span: SourceSpan) throws -> Value {
        let order = builtin == .score ? 1 : builtin == .hessian ? 2 : 0
        if order == 2, model.layout.count > Fitter.parameterLimit {
            throw Diagnostic.error(InterpreterMessage.hessianTooLarge(model.layout.count), at: span)
        }
        let e = model.evaluate(theta, order: order, withPrior: false)
        switch builtin {
        case .score: return .vector(e.gradient)
        case .hessian: return .matrix(e.hessian)
        default: return .number(e.value)
        }
    }

    /// loglik(m), perplexity(m) at the current estimates; vcov(m), information(m) of fit m.
    func ofModel(_ builtin: Builtin, _ name: String, _ span: SourceSpan) throws -> Value {
        switch builtin {
        case .vcov, .information:
            guard let fit = fits[name] else {
                throw Diagnostic.error(InterpreterMessage.modelNotFitted(name), at: span)
            }
            return .matrix(builtin == .vcov ? fit.outcome.fullCovariance : fit.outcome.information)
        default:
            let model = try builtModel(name, span)
            let l = model.evaluate(try currentEstimate(model, span), order: 0, withPrior: false).value
            warnIfTrainingData(model, span)
            return .number(builtin == .perplexity ? Foundation.exp(-l / Double(model.rowCount)) : l)
        }
    }

    /// loglik(test) where test's data are the data the estimates were fitted to is the in-sample
    /// ℓ, not a held-out one: said, naming the fit (not for the fitted model itself).
    func warnIfTrainingData(_ model: StatisticalModel, _ span: SourceSpan) {
        let sources = Set(model.layout.entries.compactMap { estimatedBy[$0.name] }).subtracting([model.name])
        for source in sources.sorted() {
            guard let fit = fits[source], Nesting.sameData(model, fit.model) else { continue }
            output(.diagnostic(.warning(InterpreterMessage.heldOutIsTrainingData(model.name, source), at: span)))
        }
    }

    /// se(p), se(w), se(w[2]), se(m1.b1); or the delta-method standard error of a formula in params.
    func standardError(_ e: ExpressionSyntax, _ span: SourceSpan) throws -> Value {
        if let (model, member, index) = namedFitMember(e) {
            guard let fit = fits[model] else {
                throw Diagnostic.error(InterpreterMessage.modelNotFitted(model), at: e.span)
            }
            return try standardError(ofParam: member, index: index, in: fit, e)
        }
        guard let fit = fitFor(e) else { throw Diagnostic.error(InterpreterMessage.seOnlyAfterFit, at: span) }
        if case .name(let n) = e.kind, fit.model.layout.entry(n) != nil {
            return try standardError(ofParam: n, index: nil, in: fit, e)
        }
        return try deltaMethod(e, fit, span)
    }

    /// The fit whose covariance a se() uses: the last fit when it estimated every param the
    /// expression names, else the one fit that gave all of them their current estimates.
    func fitFor(_ e: ExpressionSyntax) -> FitRecord? {
        let named = paramsNamed(e)
        if let last = lastFit, named.allSatisfy({ last.model.layout.entry($0) != nil }) { return last }
        let sources = Set(named.compactMap { estimatedBy[$0] })
        if sources.count == 1, let only = sources.first, let fit = fits[only],
            named.allSatisfy({ fit.model.layout.entry($0) != nil })
        {
            return fit
        }
        return lastFit
    }

    /// The params an expression names, directly or through formulas.
    func paramsNamed(_ e: ExpressionSyntax) -> Set<String> {
        switch e.kind {
        case .number, .string: return []
        case .name(let n):
            if params[n] != nil { return [n] }
            return formulas[n].map(paramsNamed) ?? []
        case .vector(let items): return items.reduce(into: []) { $0.formUnion(paramsNamed($1)) }
        case .unary(_, let a), .member(let a, _): return paramsNamed(a)
        case .binary(_, let a, let b): return paramsNamed(a).union(paramsNamed(b))
        case .call(_, let args): return args.reduce(into: []) { $0.formUnion(paramsNamed($1.value)) }
        case .index(let a, let idx): return idx.reduce(into: paramsNamed(a)) { $0.formUnion(paramsNamed($1)) }
        }
    }

    /// `m1.b1` or `m1.w[2]`: the model, the param and the component (from 1).
    func namedFitMember(_ e: ExpressionSyntax) -> (String, String, ExpressionSyntax?)? {
        switch e.kind {
        case .member(let base, let p):
            if case .name(let m) = base.kind, models[m] != nil { return (m, p.text, nil) }
        case .index(let base, let indices) where indices.count == 1:
            if case .member(let b, let p) = base.kind, case .name(let m) = b.kind, models[m] != nil {
                return (m, p.text, indices[0])
            }
        default: break
        }
        return nil
    }

    func standardError(ofParam name: String, index: ExpressionSyntax?, in fit: FitRecord, _ e: ExpressionSyntax)
        throws -> Value
    {
        guard let entry = fit.model.layout.entry(name) else {
            throw Diagnostic.error(CheckerMessage.notAFitResult(name, of: fit.model.name), at: e.span)
        }
        var slots = Array(entry.slots)
        if let index {
            let i = try number(numeric(evaluate(index), index.span), index)
            guard i >= 1, i == i.rounded(), i <= Double(entry.size) else {
                throw Diagnostic.error(
                    InterpreterMessage.paramIndexOutOfRange(param: name, components: entry.size), at: index.span)
            }
            slots = [entry.offset + Int(i) - 1]
        }
        let values = try slots.map { try standardError(slot: $0, fit, e) }
        return entry.length == nil || index != nil ? .number(values[0]) : .vector(values)
    }

    func standardError(slot: Int, _ fit: FitRecord, _ e: ExpressionSyntax) throws -> Double {
        let name = fit.model.layout.slotName(slot)
        if let note = fit.outcome.boundary[slot] {
            throw Diagnostic.error(InterpreterMessage.noStandardError(name, reason: note), at: e.span)
        }
        guard let v = fit.outcome.standardError(slot: slot) else {
            throw Diagnostic.error(InterpreterMessage.noStandardError(name, reason: nil), at: e.span)
        }
        return v
    }

    /// √(∇gᵀ Σ ∇g) for a formula g in the params of the last fit, ∇g from its symbolic derivative.
    func deltaMethod(_ e: ExpressionSyntax, _ fit: FitRecord, _ span: SourceSpan) throws -> Value {
        let layout = fit.model.layout
        if case .vector(let xs) = try numeric(evaluate(e), e.span) {
            return try perRowDeltaMethod(e, fit, rows: xs.count, span)
        }
        var lowering = Lowering(session: self, store: fit.model.store, layout: layout)
        let g = try lowering.lower(e)
        guard !g.isRowLevel else { throw Diagnostic.error(InterpreterMessage.seNeedsParamFormula, at: e.span) }
        var values: [Symbol: Double] = [:]
        for (i, x) in fit.estimate.enumerated() { values[.parameter(i)] = x }
        let gradient = (0..<layout.count).map { g.derivative(withRespectTo: .parameter($0)).evaluate(values) }
        for (i, d) in gradient.enumerated() where d != 0 && !fit.outcome.free.contains(i) {
            _ = try standardError(slot: i, fit, e)
        }
        guard let c = fit.outcome.covariance else {
            throw Diagnostic.error(InterpreterMessage.noCovariance, at: span)
        }
        return .number(Uncertainty.deltaMethod(gradient: fit.outcome.free.map { gradient[$0] }, covariance: c))
    }
}
