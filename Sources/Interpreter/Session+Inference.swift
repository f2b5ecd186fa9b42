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
        try checkDatabases(model, at: span)
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
            guard let m = builtin == .vcov ? fit.outcome.fullCovariance : fit.outcome.information else {
                throw Diagnostic.error(
                    InterpreterMessage.matrixTooLarge(builtin.rawValue, name, parameters: fit.model.layout.count),
                    at: span, help: InterpreterMessage.readComponentsInstead)
            }
            return .matrix(m)
        default:
            let model = try builtModel(name, span)
            let theta = try currentEstimate(model, span)
            let l = model.evaluate(theta, order: 0, withPrior: false).value
            try checkDatabases(model, at: span)
            if l == -.infinity { noteImpossibleRows(model, theta, builtin, name, span) }
            return .number(builtin == .perplexity ? Foundation.exp(-l / Double(model.rowCount)) : l)
        }
    }

    /// ℓ = −∞ on held-out data: say which rows the estimates call impossible and why.
    func noteImpossibleRows(
        _ model: StatisticalModel, _ theta: [Double], _ builtin: Builtin, _ name: String, _ span: SourceSpan
    ) {
        let zero = model.likelihood.impossibleGroup(theta)
        let components = zero.map { $0.slots.filter { theta[$0] == 0 }.map(model.layout.slotName) } ?? []
        let simplex = zero.flatMap { $0.slots.first }.flatMap { model.layout.owner($0) }.map(\.isSimplex) ?? false
        output(
            .diagnostic(
                Diagnostic(
                    .note,
                    InterpreterMessage.impossibleRows(
                        builtin.rawValue, name, components: components, rows: zero?.rows, simplex: simplex),
                    at: span)))
    }

    /// se(p), se(w), se(w[2]), se(m1.b1); or the delta-method standard error of a formula in params.
    func standardError(_ e: ExpressionSyntax, _ span: SourceSpan) throws -> Value {
        if let (model, member, index) = namedFitMember(e) {
            guard let fit = fits[model] else {
                throw Diagnostic.error(InterpreterMessage.modelNotFitted(model), at: e.span)
            }
            return try standardError(ofParam: member, index: index, in: fit, e)
        }
        guard let fit = lastFit else { throw Diagnostic.error(InterpreterMessage.seOnlyAfterFit, at: span) }
        if case .name(let n) = e.kind, fit.model.layout.entry(n) != nil {
            return try standardError(ofParam: n, index: [], in: fit, e)
        }
        return try deltaMethod(e, fit, span)
    }

    /// `m1.b1`, `m1.w[2]` or `m1.P[2, 3]`: the model, the param and the component's indices (from 1).
    func namedFitMember(_ e: ExpressionSyntax) -> (String, String, [ExpressionSyntax])? {
        switch e.kind {
        case .member(let base, let p):
            if case .name(let m) = base.kind, models[m] != nil { return (m, p.text, []) }
        case .index(let base, let indices) where (1...2).contains(indices.count):
            if case .member(let b, let p) = base.kind, case .name(let m) = b.kind, models[m] != nil {
                return (m, p.text, indices)
            }
        default: break
        }
        return nil
    }

    func standardError(ofParam name: String, index: [ExpressionSyntax], in fit: FitRecord, _ e: ExpressionSyntax)
        throws -> Value
    {
        guard let entry = fit.model.layout.entry(name) else {
            throw Diagnostic.error(CheckerMessage.notAFitResult(name, of: fit.model.name), at: e.span)
        }
        var slots = Array(entry.slots)
        if !index.isEmpty {
            let positions = try index.map { try number(numeric(evaluate($0), $0.span), $0) }
            let whole = positions.allSatisfy { $0 >= 1 && $0 == $0.rounded() && $0 < 1e9 }
            guard whole, let k = entry.slot(at: positions.map { Int($0) }) else {
                throw Diagnostic.error(
                    InterpreterMessage.paramIndexOutOfRange(param: name, components: entry.size), at: index[0].span)
            }
            slots = [entry.offset + k]
        }
        let values = try slots.map { try standardError(slot: $0, fit, e) }
        if entry.length == nil || !index.isEmpty { return .number(values[0]) }
        return Session.value(of: entry, in: Session.spread(values, over: entry, in: fit.model.layout.count))
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
        var lowering = Lowering(session: self, store: fit.model.store, layout: layout)
        let g = try lowering.lower(e)
        let picked = g.symbols.contains { if case .selected = $0 { return true } else { return false } }
        guard !g.isRowLevel, !picked else {
            throw Diagnostic.error(InterpreterMessage.seNeedsParamFormula, at: e.span)
        }
        // Only the slots g mentions: a model of 10⁶ parameters differentiates a handful.
        let slots = g.symbols.compactMap { s -> Int? in if case .parameter(let i) = s { return i } else { return nil } }
            .sorted()
        var values: [Symbol: Double] = [:]
        for i in slots { values[.parameter(i)] = fit.estimate[i] }
        let gradient = slots.map { (slot: $0, value: g.derivative(withRespectTo: .parameter($0)).evaluate(values)) }
        for (i, d) in gradient where d != 0 && fit.outcome.boundary[i] != nil {
            _ = try standardError(slot: i, fit, e)
        }
        guard let c = fit.outcome.covariance else {
            throw Diagnostic.error(InterpreterMessage.noCovariance, at: span)
        }
        return .number(max(0, c.quadraticForm(gradient.filter { $0.value != 0 })).squareRoot())
    }
}
