import Data
import Diagnostics
import Model
import Syntax

extension Checker {
    mutating func inferCall(_ callee: Name, _ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        if let family = Distributions.named(callee.text) {
            let call = DistributionCall(name: callee, arguments: args, span: span)
            var info = ExpressionInfo(shape: .unknown)
            guard let checked = checkDistribution(call) else { return info }
            for (arg, _, _) in flatArguments(checked, call) {
                let a = infer(arg)
                info.absorb(a)
                _ = numeric(a.shape, arg.span)
            }
            info.shape = .distribution(family.name)
            return info
        }
        guard let builtin = Builtin(rawValue: callee.text) else {
            if let entry = environment[callee.text] {
                error(
                    CheckerMessage.notAFunction(callee.text, kind: entry.binding.kindName), at: callee.span,
                    help: CheckerMessage.multiplyBeforeParenthesis)
            } else {
                let hint = Suggestion.closest(
                    to: callee.text, among: Builtin.allCases.map(\.rawValue) + Distributions.names)
                error(
                    CheckerMessage.unknownFunction(callee.text), at: callee.span,
                    help: hint.map(CheckerMessage.didYouMean))
            }
            for arg in args { _ = infer(arg.value) }
            return .unknown
        }
        switch builtin {
        case .csv: return inferCSV(args, span)
        case .sql: return inferSQL(args, span)
        case .sample: return inferSample(args, span)
        case .se: return inferSE(args, span)
        case .loglik, .perplexity, .vcov, .information:
            if let model = modelArgument(args) { return inferOfModel(builtin, model, span) }
            if builtin != .loglik {
                error(CheckerMessage.needsModelArgument(builtin.rawValue), at: span)
                return .unknown
            }
            return inferAtPoint(builtin, args, span)
        case .score, .hessian: return inferAtPoint(builtin, args, span)
        case .pdf, .logpdf, .cdf, .ccdf, .quantile: return inferOfDistribution(builtin, args, span)
        case .factor: return inferFactor(args, span)
        case .levels: return inferLevels(args, span)
        case .softmax where args.count == 1 && args[0].label == nil: return inferSoftmax(args[0].value)
        default: break
        }
        if let labelled = args.first(where: { $0.label != nil })?.label {
            error(CheckerMessage.noNamedArguments(builtin.rawValue), at: labelled.span)
        }
        let infos = args.map { infer($0.value) }
        var result = ExpressionInfo(shape: .unknown)
        for i in infos { result.absorb(i) }
        result.shape = shapeOf(builtin, infos, args, span)
        return result
    }

    mutating func arity(_ builtin: Builtin, _ args: [Argument], _ range: ClosedRange<Int>, _ span: SourceSpan) -> Bool {
        guard range.contains(args.count) else {
            error(CheckerMessage.arity(builtin.rawValue, range: range, given: args.count), at: span)
            return false
        }
        return true
    }

    mutating func shapeOf(_ builtin: Builtin, _ infos: [ExpressionInfo], _ args: [Argument], _ span: SourceSpan)
        -> Shape
    {
        switch builtin {
        case .dot:
            guard arity(builtin, args, 2...2, span) else { return .unknown }
            return paramMatrixProduct(infos[0], infos[1])
                ?? dotShape(infos[0].shape, infos[1].shape, args[0].value, args[1].value)
        case .atan2, .lbeta, .lchoose:
            guard arity(builtin, args, 2...2, span) else { return .unknown }
            return broadcast(infos[0].shape, infos[1].shape, args[0].value, args[1].value)
        case .min, .max, .logsumexp:
            guard arity(builtin, args, 1...Int.max, span) else { return .unknown }
            if args.count == 1 {
                _ = numeric(infos[0].shape, args[0].value.span)
                return .scalar
            }
            var shape = infos[0].shape
            for i in 1..<infos.count { shape = broadcast(shape, infos[i].shape, args[0].value, args[i].value) }
            if builtin == .logsumexp {
                for (info, arg) in zip(infos, args) {
                    expectScalar(info, arg.value, role: CheckerMessage.Role.logsumexpArgument)
                }
                return .scalar
            }
            return shape
        default:
            guard arity(builtin, args, 1...1, span) else { return .unknown }
            return unaryShape(builtin, infos[0].shape, args[0].value)
        }
    }

    mutating func unaryShape(_ builtin: Builtin, _ shape: Shape, _ arg: ExpressionSyntax) -> Shape {
        switch builtin.kind {
        case .elementwise:
            return numeric(shape, arg.span)
        default:
            break
        }
        switch builtin {
        case .softmax:
            switch numeric(shape, arg.span) {
            case .scalar:
                error(CheckerMessage.softmaxOfNumber, at: arg.span)
                return .unknown
            case let s: return s
            }
        case .length:
            if case .table = shape { return .scalar }
            if case .factor = shape { return .scalar }
            guard case .vector = numeric(shape, arg.span) else {
                if case .unknown = shape { return .scalar }
                error(CheckerMessage.lengthOfNonVector(shape), at: arg.span, help: CheckerMessage.useNrowOrNcol)
                return .unknown
            }
            return .scalar
        case .nrow, .ncol:
            switch shape {
            case .matrix, .design, .table, .unknown: return .scalar
            default:
                error(CheckerMessage.dimensionOfNonMatrix(builtin.rawValue, shape: shape), at: arg.span)
                return .unknown
            }
        default:
            _ = numeric(shape, arg.span)
            return .scalar
        }
    }

    mutating func inferCSV(_ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        guard args.count == 1, args[0].label == nil, case .string(let path) = args[0].value.kind else {
            error(CheckerMessage.csvNeedsPath, at: span)
            return .unknown
        }
        switch loadTable(path, span.file, args[0].value.span) {
        case .success(let table): return ExpressionInfo(shape: .table(table))
        case .failure(let d):
            report(d)
            return .unknown
        }
    }

    /// sample(DIST, [n], [seed: s])
    mutating func inferSample(_ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        let positional = args.filter { $0.label == nil }
        guard (1...2).contains(positional.count) else {
            error(CheckerMessage.sampleArguments, at: span)
            return .unknown
        }
        let dist = requireData(positional[0].value, role: CheckerMessage.Role.sampledDistribution)
        if case .distribution(let name) = dist.shape, let family = Distributions.named(name),
            family.isSimplexDistribution
        {
            error(CheckerMessage.simplexFamilyNotSampled(name), at: positional[0].value.span)
            return .unknown
        }
        guard case .distribution = dist.shape else {
            if case .unknown = dist.shape { return .unknown }
            error(CheckerMessage.sampleOfNonDistribution(dist.shape), at: positional[0].value.span)
            return .unknown
        }
        var count: Int?
        if positional.count == 2 {
            let n = requireData(positional[1].value, role: CheckerMessage.Role.sampleSize)
            expectScalar(n, positional[1].value, role: CheckerMessage.Role.sampleSize)
            if let v = Checker.literalValue(positional[1].value) {
                if v < 0 || v != v.rounded() || v > 100_000_000 {
                    error(CheckerMessage.badSampleSize(v), at: positional[1].value.span)
                } else {
                    count = Int(v)
                }
            }
        }
        for arg in args {
            guard let label = arg.label else { continue }
            guard label.text == "seed" else {
                error(CheckerMessage.sampleOption(label.text), at: label.span, help: CheckerMessage.sampleOptions)
                continue
            }
            let s = requireData(arg.value, role: CheckerMessage.Role.seed)
            expectScalar(s, arg.value, role: CheckerMessage.Role.seed)
        }
        return ExpressionInfo(shape: .vector(count))
    }

    /// pdf(D, x), logpdf, cdf, ccdf, quantile(D, p): a distribution, then numbers; the result
    /// has x's shape (the distribution's arguments may be vectors of the same length).
    mutating func inferOfDistribution(_ builtin: Builtin, _ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        guard args.count == 2, args.allSatisfy({ $0.label == nil }) else {
            error(CheckerMessage.distributionFunctionArguments(builtin.rawValue), at: span)
            return .unknown
        }
        var dist = infer(args[0].value)
        guard case .distribution = dist.shape else {
            if !dist.shape.isUnknown {
                error(
                    CheckerMessage.distributionFunctionOfNonDistribution(builtin.rawValue, dist.shape),
                    at: args[0].value.span)
            }
            return .unknown
        }
        if case .distribution(let name) = dist.shape, let family = Distributions.named(name),
            family.outcomeProbabilities != nil || family.isSimplexDistribution
        {
            error(CheckerMessage.noDistributionFunction(builtin.rawValue, name), at: args[0].value.span)
            return .unknown
        }
        let x = infer(args[1].value)
        dist.absorb(x)
        dist.shape = numeric(x.shape, args[1].value.span)
        return dist
    }

    mutating func inferSE(_ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        guard args.count == 1, args[0].label == nil else {
            error(CheckerMessage.seArguments, at: span)
            return .unknown
        }
        var info = infer(args[0].value)
        if !info.usesParams, info.fitted.isEmpty, !info.shape.isUnknown {
            error(CheckerMessage.seWithoutParams, at: args[0].value.span)
        }
        if !environment.hasFit {
            error(CheckerMessage.seBeforeFit, at: span, help: CheckerMessage.addFitFirst)
        }
        switch info.shape {
        case .scalar, .vector, .unknown: break
        default: error(CheckerMessage.seOfNonVector(info.shape), at: args[0].value.span)
        }
        info.params = []
        info.firstParam = nil
        return info
    }

    /// The model named by a call's only argument, `loglik(m2)`, if that is what it is.
    func modelArgument(_ args: [Argument]) -> Name? {
        guard args.count == 1, args[0].label == nil, case .name(let n) = args[0].value.kind,
            let entry = environment[n], case .model = entry.binding
        else { return nil }
        return Name(n, args[0].value.span)
    }

    /// loglik(m) and perplexity(m) at the current estimates; vcov(m), information(m) of fit m.
    mutating func inferOfModel(_ builtin: Builtin, _ model: Name, _ span: SourceSpan) -> ExpressionInfo {
        let params = environment.modelParams[model.text] ?? []
        switch builtin {
        case .vcov, .information:
            if !environment.fittedModels.contains(model.text) {
                error(
                    CheckerMessage.modelNotFitted(model.text, builtin.rawValue), at: span,
                    help: CheckerMessage.fitModelFirst(model.text))
            }
            let k = pointShape(.score, params).rows
            return ExpressionInfo(shape: .matrix(k, k))
        default:
            if !environment.hasFit {
                error(CheckerMessage.onlyAfterFit(builtin.rawValue), at: span, help: CheckerMessage.addFitFirst)
            }
            return ExpressionInfo(shape: .scalar)
        }
    }

    /// loglik(μ: 4, σ: 0.6): every param of the model, by name; or bare `loglik()` after a fit.
    mutating func inferAtPoint(_ builtin: Builtin, _ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        let model = environment.lastFitModel ?? defaultModel
        let wanted = model.flatMap { environment.modelParams[$0] } ?? []
        if args.isEmpty {
            if !environment.hasFit {
                error(CheckerMessage.needsAPoint(builtin.rawValue, example: wanted.first), at: span)
            }
            return ExpressionInfo(shape: pointShape(builtin, wanted))
        }
        if model == nil {
            error(CheckerMessage.noModelToEvaluate, at: span, help: CheckerMessage.stateAModel)
        }
        var given: Set<String> = []
        for arg in args {
            guard let label = arg.label else {
                error(CheckerMessage.pointByName(builtin.rawValue, example: wanted.first), at: arg.value.span)
                continue
            }
            // After a fit, params evaluate to their estimates: loglik(μ: 4, σ: σ).
            let value =
                environment.hasFit
                ? infer(arg.value) : requireData(arg.value, role: CheckerMessage.Role.pointCoordinate)
            guard let entry = environment[label.text], case .param(let p) = entry.binding else {
                let hint = Suggestion.closest(to: label.text, among: wanted)
                error(
                    CheckerMessage.notAParamOfModel(label.text), at: label.span,
                    help: hint.map(CheckerMessage.didYouMean))
                continue
            }
            if given.contains(label.text) { error(CheckerMessage.givenTwice(label.text), at: label.span) }
            given.insert(label.text)
            checkPointValue(label, value, p, arg.value)
        }
        let missing = wanted.filter { !given.contains($0) }
        if !missing.isEmpty, model != nil {
            error(CheckerMessage.missingPointValues(builtin.rawValue, params: missing), at: span)
        }
        return ExpressionInfo(shape: pointShape(builtin, wanted))
    }

    mutating func checkPointValue(_ label: Name, _ value: ExpressionInfo, _ p: ParamInfo, _ e: ExpressionSyntax) {
        switch (p.length, value.shape) {
        case (.none, .scalar), (_, .unknown): return
        case (.some(let k), .vector(let n)):
            if let k, let n, k != n {
                error(CheckerMessage.pointLength(label.text, components: k, given: n), at: e.span)
            }
        case (.none, _):
            error(CheckerMessage.pointNotANumber(label.text, shape: value.shape), at: e.span)
        case (.some, _):
            error(CheckerMessage.pointNotAVector(label.text), at: e.span)
        }
    }

    var defaultModel: String? { environment.defaultModel }

    func pointShape(_ builtin: Builtin, _ params: [String]) -> Shape {
        var total: Int? = 0
        for p in params {
            guard let entry = environment[p], case .param(let info) = entry.binding else { continue }
            switch info.length {
            case .none: total = total.map { $0 + 1 }
            case .some(let k): total = total.flatMap { t in k.map { t + $0 } }
            }
        }
        switch builtin {
        case .score: return .vector(total)
        case .hessian: return .matrix(total, total)
        default: return .scalar
        }
    }
}
