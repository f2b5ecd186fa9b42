import Diagnostics
import Foundation
import Inference
import LinearAlgebra
import Model
import Report
import Symbolic
import Syntax

extension Session {
    /// Standard errors from the observed information (−∇²ℓ at the estimate, θ's own
    /// coordinates), Wald intervals, ℓ̂, AIC and BIC; with the honest diagnostics.
    func infer(_ model: BuiltModel, _ solution: Solution, _ span: SourceSpan) throws -> FitRecord {
        let theta = solution.estimate
        let free = (0..<model.layout.count).filter { solution.boundary[$0] == nil }
        var covariance: Matrix?
        if let known = solution.knownCovariance {
            covariance = try combinedCovariance(model, theta, known, free, span)
        } else if !free.isEmpty {
            let hessian = model.evaluate(theta, order: 2, withPrior: model.hasPriors).hessian
            switch Uncertainty.covariance(hessian: hessian, free: free) {
            case .success(let c): covariance = c
            case .failure(let problem):
                if let separated = separation(model, theta, span, quasi: true) { throw separated }
                throw notIdentifiable(model, problem, free, span)
            }
        }
        let logLikelihood = model.evaluate(theta, order: 0, withPrior: false).value
        var logPosterior: Double?
        if model.hasPriors { logPosterior = model.evaluate(theta, order: 0, withPrior: true).value }
        let k = model.layout.count
        let n = model.rowCount
        var rows: [FitReport.Row] = []
        for i in 0..<k {
            let se = covariance.flatMap { c in free.firstIndex(of: i).map { c[$0, $0].squareRoot() } }
            rows.append(
                FitReport.Row(
                    name: model.layout.slotName(i), estimate: theta[i], standardError: se,
                    interval: se.map { Uncertainty.wald(theta[i], $0) },
                    note: solution.boundary[i] == nil ? nil : InterpreterMessage.onTheBoundary))
        }
        var notes = solution.notes + solution.boundary.sorted { $0.key < $1.key }.map(\.value)
        if model.hasPriors {
            notes.append(InterpreterMessage.posteriorMode(priors: model.priorNames))
        }
        for row in rows {
            guard let (lo, hi) = row.interval,
                let entry = model.layout.entries.first(where: {
                    row.name == $0.name || row.name.hasPrefix($0.name + "[")
                })
            else { continue }
            if (entry.lower.map { lo < $0 } ?? false) || (entry.upper.map { hi > $0 } ?? false) {
                notes.append(InterpreterMessage.intervalLeavesDomain(row.name))
            }
        }
        let report = FitReport(
            model: modelDescription(model), observations: n, solver: solution.solver, reason: solution.reason,
            closedForms: solution.closedForms, iterations: solution.iterations, gradientNorm: solution.gradientNorm,
            rows: rows, logLikelihood: logLikelihood, logPosterior: logPosterior,
            aic: Uncertainty.aic(logLikelihood: logLikelihood, parameters: k),
            bic: Uncertainty.bic(logLikelihood: logLikelihood, parameters: k, observations: n),
            parameterCount: k, notes: notes)
        return FitRecord(
            model: model, estimate: theta, logLikelihood: logLikelihood, covariance: covariance,
            free: free, boundary: solution.boundary, report: report)
    }

    /// Least squares' coefficient covariance σ̂²(XᵀX)⁻¹ from its QR factor, with the rest
    /// (σ) from the observed information; at the MLE the two blocks are uncorrelated.
    func combinedCovariance(
        _ model: BuiltModel, _ theta: [Double], _ known: (slots: [Int], matrix: Matrix),
        _ free: [Int], _ span: SourceSpan
    ) throws -> Matrix {
        var c = Matrix(rows: free.count, columns: free.count)
        let others = free.filter { !known.slots.contains($0) }
        if !others.isEmpty {
            let hessian = model.evaluate(theta, order: 2, withPrior: model.hasPriors).hessian
            switch Uncertainty.covariance(hessian: hessian, free: others) {
            case .success(let sub):
                for (a, i) in others.enumerated() {
                    for (b, j) in others.enumerated() {
                        c[free.firstIndex(of: i)!, free.firstIndex(of: j)!] = sub[a, b]
                    }
                }
            case .failure(let problem): throw notIdentifiable(model, problem, others, span)
            }
        }
        for (a, i) in known.slots.enumerated() {
            for (b, j) in known.slots.enumerated() {
                guard let p = free.firstIndex(of: i), let q = free.firstIndex(of: j) else { continue }
                c[p, q] = known.matrix[a, b]
            }
        }
        return c
    }

    func notIdentifiable(_ model: BuiltModel, _ problem: Uncertainty.Identifiability, _ free: [Int], _ span: SourceSpan)
        -> Diagnostic
    {
        let largest = problem.direction.map(abs).max() ?? 0
        let involved = zip(free, problem.direction).filter { abs($0.1) > 0.2 * largest }
        let names = involved.map { model.layout.slotName($0.0) }
        var along = ""
        for (k, (slot, weight)) in involved.enumerated() {
            let term = "\(Format.number(abs(weight), digits: 3))·\(model.layout.slotName(slot))"
            along += k == 0 ? (weight < 0 ? "−" : "") + term : (weight < 0 ? " − " : " + ") + term
        }
        if problem.isIndefinite {
            return .error(
                InterpreterMessage.notAMaximum(along: along, names), at: span,
                help: InterpreterMessage.notAMaximumHelp)
        }
        return .error(
            InterpreterMessage.flatLikelihood(along: along, names), at: span,
            help: InterpreterMessage.flatLikelihoodHelp)
    }

    func modelDescription(_ model: BuiltModel) -> String {
        model.declarations.map { d in
            "\(d.response.span.text) ~ \(d.distribution.span.text)"
                + (d.weight.map { " weight \($0.span.text)" } ?? "")
                + (d.censored.map { " censored \($0.span.text)" } ?? "")
        }.joined(separator: "; ")
    }

    /// se(p), se(w), se(w[2]); or the delta-method standard error of a formula in params.
    func standardError(_ e: ExpressionSyntax, _ span: SourceSpan) throws -> Value {
        guard let fit = lastFit else { throw Diagnostic.error(InterpreterMessage.seOnlyAfterFit, at: span) }
        let layout = fit.model.layout
        func se(_ slot: Int) throws -> Double {
            if let note = fit.boundary[slot] {
                throw Diagnostic.error(
                    InterpreterMessage.noStandardError(layout.slotName(slot), reason: note), at: e.span)
            }
            guard let v = fit.standardError(slot: slot) else {
                throw Diagnostic.error(
                    InterpreterMessage.noStandardError(layout.slotName(slot), reason: nil), at: e.span)
            }
            return v
        }
        if case .name(let n) = e.kind, let entry = layout.entry(n) {
            let values = try (0..<entry.size).map { try se(entry.offset + $0) }
            return entry.length == nil ? .number(values[0]) : .vector(values)
        }
        var lowering = Lowering(session: self, store: fit.model.store, layout: layout)
        let g = try lowering.lower(e)
        guard !g.isRowLevel else {
            throw Diagnostic.error(InterpreterMessage.seNeedsParamFormula, at: e.span)
        }
        let params = (0..<layout.count).map { Symbol.parameter($0) }
        var values: [Symbol: Double] = [:]
        for (i, x) in fit.estimate.enumerated() { values[.parameter(i)] = x }
        let gradient = params.map { g.derivative(withRespectTo: $0).evaluate(values) }
        for (i, d) in gradient.enumerated() where d != 0 && !fit.free.contains(i) { _ = try se(i) }
        guard let c = fit.covariance else { throw Diagnostic.error(InterpreterMessage.noCovariance, at: span) }
        return .number(Uncertainty.deltaMethod(gradient: fit.free.map { gradient[$0] }, covariance: c))
    }
}
