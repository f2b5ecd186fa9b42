import Checker
import Diagnostics
import Fitting
import Inference
import LinearAlgebra
import Syntax

extension Session {
    /// `profile(b1)`, `profile(w[2], level: 0.99)`, `profile(m1.b1)`: the profile-likelihood
    /// interval [lower, upper] from the fit that estimated the param (a K×2 matrix for a
    /// vector param), computed on demand at levels other than the report's 95%.
    func profile(_ args: [Argument], _ span: SourceSpan) throws -> Value {
        guard let target = args.first(where: { $0.label == nil })?.value else {
            throw Diagnostic.internalError(InterpreterMessage.unchecked("profile() without a param"), at: span)
        }
        var level = 0.95
        if let given = args.first(where: { $0.label?.text == "level" })?.value {
            level = try number(numeric(evaluate(given), given.span), given)
            guard level > 0, level < 1 else { throw Diagnostic.error(CheckerMessage.badLevel(level), at: given.span) }
        }
        let (fit, slots, isVector) = try paramSlots(target)
        let intervals = try slots.map { slot -> (Double, Double) in
            do {
                return try Fitter.profile(fit.outcome, slot: slot, level: level).interval
            } catch let e as FitError {
                throw Diagnostic.error(e.message, at: target.span, help: e.help)
            }
        }
        if !isVector { return .vector([intervals[0].0, intervals[0].1]) }
        return .matrix(Matrix(rowVectors: intervals.map { [$0.0, $0.1] }))
    }

    /// `pvalue(b1)`: 2·Q(|z|) with z = estimate/se, for a param, a component, a vector param
    /// (one per component) or a formula in params (its delta-method standard error).
    func pValue(_ e: ExpressionSyntax, _ span: SourceSpan) throws -> Value {
        if let (fit, slots, _) = try? paramSlots(e) {
            for slot in slots where !FitOutcome.zeroIsInside(fit.model.layout.owner(slot)) {
                throw Diagnostic.error(InterpreterMessage.noWaldTestOfZero(fit.model.layout.slotName(slot)), at: e.span)
            }
        }
        let se = try standardError(e, span)
        let estimate = try numeric(evaluate(e), e.span)
        guard let s = se.elements, let x = estimate.elements, s.count == x.count else {
            throw Diagnostic.error(InterpreterMessage.seNeedsParamFormula, at: e.span)
        }
        return estimate.withElements(zip(x, s).map { WaldTest(estimate: $0, standardError: $1).p })
    }

    /// The fit and θ slots a param reference names: `b` (the last fit), `w` (every component),
    /// `w[2]`, `P[2, 3]`, `m1.b`, `m1.w[2]`; and whether it is a whole vector param.
    func paramSlots(_ e: ExpressionSyntax) throws -> (FitRecord, [Int], Bool) {
        var name: String
        var index: [ExpressionSyntax] = []
        var record: FitRecord?
        if let (model, member, i) = namedFitMember(e) {
            guard let fit = fits[model] else {
                throw Diagnostic.error(InterpreterMessage.modelNotFitted(model), at: e.span)
            }
            (record, name, index) = (fit, member, i)
        } else {
            switch e.kind {
            case .name(let n): name = n
            case .index(let base, let indices) where (1...2).contains(indices.count):
                guard case .name(let n) = base.kind else {
                    throw Diagnostic.error(CheckerMessage.profileNeedsParam, at: e.span)
                }
                (name, index) = (n, indices)
            default: throw Diagnostic.error(CheckerMessage.profileNeedsParam, at: e.span)
            }
            record = fitEstimating(name)
        }
        guard let fit = record else { throw Diagnostic.error(InterpreterMessage.seOnlyAfterFit, at: e.span) }
        guard let entry = fit.model.layout.entry(name) else {
            throw Diagnostic.error(CheckerMessage.notAFitResult(name, of: fit.model.name), at: e.span)
        }
        if index.isEmpty { return (fit, Array(entry.slots), entry.length != nil) }
        let positions = try index.map { try number(numeric(evaluate($0), $0.span), $0) }
        let whole = positions.allSatisfy { $0 >= 1 && $0 == $0.rounded() && $0 < 1e9 }
        guard whole, let k = entry.slot(at: positions.map { Int($0) }) else {
            throw Diagnostic.error(
                InterpreterMessage.paramIndexOutOfRange(param: name, components: entry.size), at: index[0].span)
        }
        return (fit, [entry.offset + k], false)
    }

    /// The fit whose estimate a bare param name reads: the last fit, if it estimated the param,
    /// else the latest fit that did.
    func fitEstimating(_ param: String) -> FitRecord? {
        if let last = lastFit, last.model.layout.entry(param) != nil { return last }
        return estimatedBy[param].flatMap { fits[$0] }
    }
}
