import Data
import Diagnostics
import Syntax

extension Checker {
    /// `factor(x)`, `factor(x, ref: "L")`, `factor(x, levels: ["L", "M", "H"])`: a column
    /// (text, or numbers) as a factor. `levels:` gives the order in full (the first is the
    /// baseline; a level may have no rows); `ref:` then moves one level first.
    mutating func inferFactor(_ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        let positional = args.filter { $0.label == nil }
        guard positional.count == 1, args.first?.label == nil else {
            error(CheckerMessage.factorArguments, at: span)
            return .unknown
        }
        var ref: (String, SourceSpan)?
        var order: ([String], SourceSpan)?
        var seen: Set<String> = []
        for arg in args {
            guard let label = arg.label else { continue }
            if !seen.insert(label.text).inserted {
                error(CheckerMessage.givenTwice(label.text), at: label.span)
                continue
            }
            switch label.text {
            case "ref":
                guard let level = Checker.levelLiteral(arg.value) else {
                    error(CheckerMessage.refNeedsLevel, at: arg.value.span)
                    continue
                }
                ref = (level, arg.value.span)
            case "levels":
                guard let levels = Checker.levelLiterals(arg.value) else {
                    error(CheckerMessage.levelsNeedLevels, at: arg.value.span)
                    continue
                }
                order = (levels, arg.value.span)
            default:
                error(CheckerMessage.factorOption(label.text), at: label.span, help: CheckerMessage.factorOptions)
            }
        }
        guard var factor = factorArgument(positional[0].value) else { return .unknown }
        if let (levels, at) = order {
            switch factor.ordered(as: levels) {
            case .success(let f): factor = f
            case .failure(let why):
                error(why.description, at: at)
                return .unknown
            }
        }
        if let (level, at) = ref {
            switch factor.withBaseline(level) {
            case .success(let f): factor = f
            case .failure(let why):
                let hint = Suggestion.closest(to: level, among: factor.levels)
                error(why.description, at: at, help: hint.map(CheckerMessage.didYouMean))
                return .unknown
            }
        }
        return ExpressionInfo(shape: .factor(factor, nil))
    }

    /// The factor of factor()'s argument when it is known before running: a text column, a
    /// factor, or a table's numeric column; nil after reporting, or when it is a computed
    /// vector (whose levels are found when it runs).
    mutating func factorArgument(_ e: ExpressionSyntax) -> Factor? {
        let info = requireData(e, role: CheckerMessage.Role.factorArgument)
        switch info.shape {
        case .factor(let f, _): return f
        case .vector, .unusableColumn:
            guard let column = columnBehind(e) else {
                if case .unusableColumn(_, let problem) = info.shape { error(problem.description, at: e.span) }
                return nil
            }
            switch column.factor() {
            case .success(let f): return f
            case .failure(let why):
                error(why.description, at: e.span)
                return nil
            }
        case .unknown: return nil
        default:
            error(CheckerMessage.factorOfNonColumn(info.shape.description), at: e.span)
            return nil
        }
    }

    /// `levels(x)`: the levels of a text column or factor, in order, as a column of texts.
    mutating func inferLevels(_ args: [Argument], _ span: SourceSpan) -> ExpressionInfo {
        guard args.count == 1, args[0].label == nil else {
            error(CheckerMessage.levelsArguments, at: span)
            return .unknown
        }
        let e = args[0].value
        let info = requireData(e, role: CheckerMessage.Role.factorArgument)
        switch info.shape {
        case .factor(let f, _): return ExpressionInfo(shape: .factor(f.levelsAsFactor, nil))
        case .unknown: return .unknown
        case .unusableColumn(_, let problem) where problem.cell != nil:
            _ = reportMissingLevel(info.shape, e)
            return .unknown
        default:
            error(
                CheckerMessage.levelsOfNonFactor(info.shape.description), at: e.span,
                help: CheckerMessage.levelsOfNumbers)
            return .unknown
        }
    }

    /// A level written in a script: a string, or a number (as the level of a numeric
    /// factor is written: `ref: 6` is the level "6").
    public static func levelLiteral(_ e: ExpressionSyntax) -> String? {
        if case .string(let s) = e.kind { return s }
        return literalValue(e).map(NumberFormat.shortest)
    }

    /// `["L", "M", "H"]`: a vector literal of levels, or nil if it is not one.
    public static func levelLiterals(_ e: ExpressionSyntax) -> [String]? {
        guard case .vector(let items) = e.kind, !items.isEmpty else { return nil }
        let levels = items.compactMap(levelLiteral)
        return levels.count == items.count ? levels : nil
    }
}
