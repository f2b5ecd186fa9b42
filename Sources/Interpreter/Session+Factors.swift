import Checker
import Data
import Diagnostics
import LinearAlgebra
import Syntax

extension Session {
    /// The factor a value stands for in arithmetic and models: a factor, or a text column
    /// of categories (its levels sorted); nil for anything else, including a text column that
    /// is mostly numbers (`Column.isCategorical`), whose bad cell arithmetic reports. A row
    /// with no level is an error naming it.
    func factorValue(_ v: Value, _ span: SourceSpan) throws -> Factor? {
        if case .column(let c, _) = v, !c.isCategorical { return nil }
        return try levelsValue(v, span)
    }

    /// The factor of a factor or any text column (for comparisons, levels() and factor()).
    func levelsValue(_ v: Value, _ span: SourceSpan) throws -> Factor? {
        switch v {
        case .factor(let f): return f
        case .column(let c, _) where c.kind == .text:
            switch c.factor() {
            case .success(let f): return f
            case .failure(let why): throw Diagnostic.error(why.description, at: span)
            }
        default: return nil
        }
    }

    /// A factor or text column as its indicator columns (`w·d.tension`); other values as they are.
    func designed(_ v: Value, _ e: ExpressionSyntax) throws -> Value {
        guard let f = try factorValue(v, e.span) else { return v }
        return .design(try design(of: f, e))
    }

    /// The treatment-coded indicator columns of a factor; one level is an error.
    func design(of f: Factor, _ e: ExpressionSyntax) throws -> DesignMatrix {
        do {
            return try DesignMatrix(name: e.span.text, terms: [.factor(f)])
        } catch {
            throw Diagnostic.error(error.description, at: e.span)
        }
    }

    /// Text compared with text, row by row (or a number when both sides are strings); nil
    /// when neither side is text. `==`/`!=` with a string no row has is an error naming it.
    func compareText(_ op: BinaryOperator, _ x: Value, _ y: Value, _ a: ExpressionSyntax, _ b: ExpressionSyntax)
        throws -> Value?
    {
        for (v, e) in [(x, a), (y, b)] {
            if case .column(let c, _) = v, c.kind == .text, !c.isCategorical, case .failure(let p) = c.numbers() {
                throw Diagnostic.error(p.description, at: e.span)
            }
        }
        let (l, r) = (try texts(x, a), try texts(y, b))
        guard let l, let r else {
            if l == nil, r == nil { return nil }
            let (textValue, text) = l == nil ? (y, b) : (x, a)
            let span = a.span.merged(with: b.span)
            if case .string = textValue {
                throw Diagnostic.error(CheckerMessage.numberVersusString, at: span, help: CheckerMessage.compareLike)
            }
            let level = (try? levelsValue(textValue, text.span))??.levels.first
            throw Diagnostic.error(
                CheckerMessage.textVersusNumber, at: span,
                help: CheckerMessage.compareWithLevel(text.span.text, level: level))
        }
        if op == .equal || op == .notEqual {
            try checkLevel(x, y, b)
            try checkLevel(y, x, a)
        }
        guard l.count == r.count || l.count == 1 || r.count == 1 else {
            throw Diagnostic.error(
                InterpreterMessage.shapesDiffer(x.kindDescription, y.kindDescription), at: a.span.merged(with: b.span),
                help: InterpreterMessage.equalShapesHelp)
        }
        let test = Session.textTest(op)
        // A single text broadcasts over the other side (which may have no rows).
        let n = l.count == 1 ? r.count : l.count
        let out = (0..<n).map { i in test(l[l.count == 1 ? 0 : i], r[r.count == 1 ? 0 : i]) ? 1.0 : 0.0 }
        if case .string = x, case .string = y { return .number(out[0]) }
        return .vector(out)
    }

    /// Each row's text: a string is one, a text column or factor one per row; nil for numbers.
    func texts(_ v: Value, _ e: ExpressionSyntax) throws -> [String]? {
        if case .string(let s) = v { return [s] }
        guard let f = try levelsValue(v, e.span) else { return nil }
        return f.codes.map { f.levels[$0 - 1] }
    }

    /// `d.wool == "C"` where no row is "C": the error the checker gives, for values it could not see.
    func checkLevel(_ column: Value, _ other: Value, _ e: ExpressionSyntax) throws {
        guard case .string(let level) = other, let f = try levelsValue(column, e.span), f.code(of: level) == nil
        else { return }
        let why = FactorError.notALevel(level, factor: f.name, levels: f.levels)
        throw Diagnostic.error(
            why.description, at: e.span,
            help: Suggestion.closest(to: level, among: f.levels).map(CheckerMessage.didYouMean))
    }

    /// C-locale comparison of texts: by UTF-8 bytes.
    static func textTest(_ op: BinaryOperator) -> (String, String) -> Bool {
        switch op {
        case .equal: return { $0 == $1 }
        case .notEqual: return { $0 != $1 }
        case .less: return { Factor.precedes($0, $1) }
        case .lessEqual: return { !Factor.precedes($1, $0) }
        case .greater: return { Factor.precedes($1, $0) }
        default: return { !Factor.precedes($0, $1) }
        }
    }

    /// A numeric operand of a comparison; a missing cell is an error naming its row.
    func comparable(_ v: Value, _ span: SourceSpan) throws -> Value {
        if case .column(let c, _) = v, c.kind == .numeric, case .failure(let problem) = c.numbers() {
            throw Diagnostic.error(CheckerMessage.comparisonMissing(problem), at: span)
        }
        return try numeric(v, span)
    }

    /// `b*d.wool`, `b*d.tension` (b a vector), `d.wool*d.tension` (their interaction's
    /// columns); nil when neither side is a factor. The rules are the checker's
    /// (`Checker.factorProduct`).
    func factorProduct(_ x: Value, _ y: Value, _ a: ExpressionSyntax, _ b: ExpressionSyntax, _ span: SourceSpan)
        throws -> Value?
    {
        switch (try factorValue(x, a.span), try factorValue(y, b.span)) {
        case (nil, nil): return nil
        case (let f?, let g?):
            do {
                return .design(try DesignMatrix(name: span.text, terms: [.interaction(f, g)]))
            } catch {
                throw Diagnostic.error(error.description, at: span)
            }
        case (let f?, nil): return try coefficient(y, times: f, b, a, span)
        case (nil, let g?): return try coefficient(x, times: g, a, b, span)
        }
    }

    func coefficient(
        _ c: Value, times f: Factor, _ ce: ExpressionSyntax, _ fe: ExpressionSyntax, _ span: SourceSpan
    ) throws -> Value {
        let design = try design(of: f, fe)
        let labels = design.labels
        let coefficient = try numeric(c, ce.span)
        switch coefficient {
        case .number where labels.count == 1:
            return try elementwise(
                coefficient, .vector(design.matrix.elements), span, Session.operation(.multiply), name: "*")
        case .number:
            throw Diagnostic.error(
                CheckerMessage.oneCoefficientForFactor(ce.span.text, fe.span.text, f.levels.count, labels), at: span,
                help: CheckerMessage.declareCoefficients(ce.nameText, fe.span.text, labels.count))
        case .vector(let w) where w.count == labels.count:
            return try dot(.matrix(design.matrix), .vector(w), span)
        case .vector(let w) where w.count == f.count:
            throw Diagnostic.error(
                CheckerMessage.factorTimesData, at: span,
                help: CheckerMessage.indicatorProduct(ce.span.text, fe.span.text, f.levels.last ?? ""))
        case .vector(let w):
            throw Diagnostic.error(
                CheckerMessage.coefficientsForFactor(ce.span.text, components: w.count, fe.span.text, labels), at: span)
        default:
            throw Diagnostic.error(CheckerMessage.factorTimesData, at: span)
        }
    }
}

extension Session {
    /// `factor(x, ref: …, levels: …)`: a text column, factor or vector of numbers as a
    /// factor; `levels:` orders it in full, then `ref:` moves one level first.
    func makeFactor(_ args: [Argument], _ span: SourceSpan) throws -> Value {
        guard let column = args.first(where: { $0.label == nil })?.value else {
            throw Diagnostic.internalError(InterpreterMessage.unchecked("factor() without a column"), at: span)
        }
        var f = try factorArgument(column)
        if let order = args.first(where: { $0.label?.text == "levels" })?.value {
            guard let levels = Checker.levelLiterals(order) else {
                throw Diagnostic.error(CheckerMessage.levelsNeedLevels, at: order.span)
            }
            f = try reported(f.ordered(as: levels), at: order.span, among: [])
        }
        if let ref = args.first(where: { $0.label?.text == "ref" })?.value {
            guard let level = Checker.levelLiteral(ref) else {
                throw Diagnostic.error(CheckerMessage.refNeedsLevel, at: ref.span)
            }
            f = try reported(f.withBaseline(level), at: ref.span, among: f.levels)
        }
        return .factor(f)
    }

    func factorArgument(_ e: ExpressionSyntax) throws -> Factor {
        let v = try evaluate(e)
        if let f = try levelsValue(v, e.span) { return f }
        let xs: [Double]
        switch try numeric(v, e.span) {
        case .number(let x): xs = [x]
        case .vector(let v): xs = v
        default: throw Diagnostic.error(CheckerMessage.factorOfNonColumn(v.kindDescription), at: e.span)
        }
        if let i = xs.firstIndex(where: \.isNaN) {
            throw Diagnostic.error(InterpreterMessage.factorOfNaN(element: i + 1), at: e.span)
        }
        return Factor(name: Session.factorName(e), numbers: xs)
    }

    /// The name a factor's labels start with: its column's (`d.cyl` → cyl), a data name, or the text.
    static func factorName(_ e: ExpressionSyntax) -> String {
        switch e.kind {
        case .member(_, let column): return column.text
        case .name(let n): return n
        default: return e.span.text
        }
    }

    func reported(_ result: Result<Factor, FactorError>, at span: SourceSpan, among levels: [String]) throws -> Factor {
        switch result {
        case .success(let f): return f
        case .failure(let why):
            let hint = why.level.flatMap { Suggestion.closest(to: $0, among: levels) }
            throw Diagnostic.error(why.description, at: span, help: hint.map(CheckerMessage.didYouMean))
        }
    }

    /// `levels(x)`: a text column's or factor's levels, in order, as a factor whose rows they are.
    func levels(_ args: [Argument], _ span: SourceSpan) throws -> Value {
        let e = args[0].value
        let v = try evaluate(e)
        guard let f = try levelsValue(v, e.span) else {
            throw Diagnostic.error(
                CheckerMessage.levelsOfNonFactor(v.kindDescription), at: e.span, help: CheckerMessage.levelsOfNumbers)
        }
        return .factor(f.levelsAsFactor)
    }
}
