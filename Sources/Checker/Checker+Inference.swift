import Diagnostics
import Syntax

extension Checker {
    /// `compare m0, m1, …`: two or more different models, each fitted before this line.
    mutating func checkCompare(_ models: [Name], _ span: SourceSpan) -> CheckedCompare? {
        if models.count < 2 { error(CheckerMessage.compareNeedsTwo, at: span, help: CheckerMessage.compareExample) }
        var seen: Set<String> = []
        for model in models {
            guard checkModelName(model) else { continue }
            if seen.contains(model.text) { error(CheckerMessage.givenTwice(model.text), at: model.span) }
            seen.insert(model.text)
            if !environment.fittedModels.contains(model.text) {
                error(
                    CheckerMessage.compareUnfitted(model.text), at: model.span,
                    help: CheckerMessage.fitModelFirst(model.text))
            }
        }
        return CheckedCompare(models: models.map(\.text))
    }

    /// profile(b1), profile(w[2]), profile(m1.b1), profile(w), each with an optional
    /// `level: 0.99`: after a fit, the profile-likelihood interval [lower, upper] (a K×2
    /// matrix for a vector param).
    mutating func inferProfile(_ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        let positional = args.filter { $0.label == nil }
        guard positional.count == 1, let target = positional.first?.value else {
            error(CheckerMessage.profileArguments, at: span)
            return .unknown
        }
        for arg in args {
            guard let label = arg.label else { continue }
            guard label.text == "level" else {
                error(CheckerMessage.profileOption(label.text), at: label.span, help: CheckerMessage.profileOptions)
                continue
            }
            let level = requireData(arg.value, role: CheckerMessage.Role.level)
            expectScalar(level, arg.value, role: CheckerMessage.Role.level)
            if let v = Checker.literalValue(arg.value), !(v > 0 && v < 1) {
                error(CheckerMessage.badLevel(v), at: arg.value.span)
            }
        }
        if !environment.hasFit {
            error(CheckerMessage.onlyAfterFit("profile"), at: span, help: CheckerMessage.addFitFirst)
        }
        let info = infer(target)
        guard isParamReference(target), info.usesParams || !info.fitted.isEmpty || info.shape.isUnknown else {
            error(CheckerMessage.profileNeedsParam, at: target.span)
            return .unknown
        }
        switch info.shape {
        case .vector(let k): return ExpressionInfo(shape: .matrix(k, 2))
        default: return ExpressionInfo(shape: .vector(2))
        }
    }

    /// Whether an expression names a param or a component: `b`, `w[2]`, `m1.b`, `m1.w[2]`.
    func isParamReference(_ e: ExpressionSyntax) -> Bool {
        switch e.kind {
        case .name, .member: return true
        case .index(let base, let indices): return indices.count == 1 && isParamReference(base)
        default: return false
        }
    }

    /// pvalue(b), pvalue(w), pvalue(m1.b), pvalue(formula): the two-sided p of the Wald test
    /// that it is 0, with the shape of its argument.
    mutating func inferPValue(_ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        var info = inferSE(args, span)
        if case .unknown = info.shape { return info }
        info.fitted = []
        return info
    }
}
