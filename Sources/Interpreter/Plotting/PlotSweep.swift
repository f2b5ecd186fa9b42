import Checker
import Diagnostics
import Fitting
import Model
import Report
import Syntax

/// The session's state a plot over data changes, kept to be put back afterwards.
struct SessionSnapshot {
    let values: [String: Value]
    let modelCache: [String: StatisticalModel]
    let emptyLevels: [String: [Lowering.EmptyLevelUse]]
    let fits: [String: FitRecord]
    let lastFit: FitRecord?
    let estimates: [String: Value]
}

extension Session {
    func snapshot() -> SessionSnapshot {
        SessionSnapshot(
            values: values, modelCache: modelCache, emptyLevels: emptyLevels, fits: fits, lastFit: lastFit,
            estimates: estimates)
    }

    func restore(_ s: SessionSnapshot) {
        values = s.values
        modelCache = s.modelCache
        emptyLevels = s.emptyLevels
        fits = s.fits
        lastFit = s.lastFit
        estimates = s.estimates
    }
}

/// Binds a plot's variable to each value of its grid. A new name is only bound. Data the
/// script defined is rebound, and then, in order: the data and lets defined from it (by
/// their expressions, through other lets too) are evaluated again; the models whose lines
/// or priors use any of them are rebuilt; and those that had been fitted are fitted
/// again with the method asked for then, the last fit's model last (so `loglik` and
/// the params' names read what they read before, at this value).
final class PlotSweep {
    let session: Session
    let variable: String
    /// Data and lets to evaluate again, in order of definition.
    let dependents: [(name: String, value: ExpressionSyntax)]
    /// Models to rebuild, and those of them to fit again (in the order to fit them).
    let models: [String]
    let refitted: [String]

    init(session: Session, variable: String, rebinds: Bool) {
        self.session = session
        self.variable = variable
        guard rebinds else {
            (dependents, models, refitted) = ([], [], [])
            return
        }
        var changed: Set<String> = [variable]
        var dependents: [(name: String, value: ExpressionSyntax)] = []
        let start = session.definitions.firstIndex { $0.name == variable } ?? session.definitions.count
        for definition in session.definitions[start...].dropFirst() where session.mentions(definition.value, changed) {
            dependents.append(definition)
            changed.insert(definition.name)
        }
        self.dependents = dependents
        let models = session.modelOrder.filter { session.modelUses($0, changed) }
        self.models = models
        let last = session.lastFit?.model.name
        refitted = models.filter { session.fits[$0] != nil && $0 != last } + models.filter { $0 == last }
    }

    /// The variable at x, and everything that depends on it brought up to date.
    func bind(_ x: Double, _ span: SourceSpan) throws {
        session.values[variable] = .number(x)
        for (name, value) in dependents { session.values[name] = try session.evaluate(value) }
        for model in models { session.modelCache[model] = nil }
        for model in refitted {
            guard let previous = session.fits[model] else { continue }
            let built = try session.builtModel(model, span)
            let record = try session.fitted(FitProblem(model: built, request: previous.request), at: span, span)
            session.remember(record)
        }
    }
}

extension Session {
    /// Whether an expression uses any of `names`, directly or through a formula (a let of params).
    func mentions(_ e: ExpressionSyntax, _ names: Set<String>) -> Bool {
        var seen: Set<String> = []
        return mentions(e, names, &seen)
    }

    func mentions(_ e: ExpressionSyntax, _ names: Set<String>, _ seen: inout Set<String>) -> Bool {
        switch e.kind {
        case .number, .string: return false
        case .name(let n):
            if names.contains(n) { return true }
            guard let formula = formulas[n], seen.insert(n).inserted else { return false }
            return mentions(formula, names, &seen)
        case .vector(let items): return items.contains { mentions($0, names, &seen) }
        case .unary(_, let a), .member(let a, _): return mentions(a, names, &seen)
        case .binary(_, let a, let b): return mentions(a, names, &seen) || mentions(b, names, &seen)
        case .call(_, let args): return args.contains { mentions($0.value, names, &seen) }
        case .index(let a, let idx): return mentions(a, names, &seen) || idx.contains { mentions($0, names, &seen) }
        }
    }

    /// Whether a model's lines, or the priors on its params, use any of `names`.
    func modelUses(_ model: String, _ names: Set<String>) -> Bool {
        for term in models[model] ?? [] {
            let parts =
                [term.response] + term.arguments
                + [term.weight, term.censored, term.truncation?.lower, term.truncation?.upper]
                .compactMap { $0 }
            if parts.contains(where: { mentions($0, names) }) { return true }
        }
        let params = environment.modelParams[model] ?? []
        return params.contains { p in priors[p]?.arguments.contains { mentions($0, names) } ?? false }
    }
}
