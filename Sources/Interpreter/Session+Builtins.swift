import CGSL
import Checker
import Diagnostics
import Foundation
import LinearAlgebra
import Model
import Symbolic
import Syntax

extension Session {
    func call(_ callee: Name, _ args: [Argument], _ span: SourceSpan) throws -> Value {
        if let family = Distributions.named(callee.text) {
            if family.mixture != nil { return try mixtureValue(args, span) }
            let values = try args.map { try numeric(evaluate($0.value), $0.value.span) }
            return .distribution(family, values)
        }
        guard let builtin = Builtin(rawValue: callee.text) else {
            throw Diagnostic.internalError(InterpreterMessage.unchecked("function '\(callee.text)'"), at: callee.span)
        }
        switch builtin.kind {
        case .elementwise:
            let v = try numeric(evaluate(args[0].value), args[0].value.span)
            return try map(v, builtin, args[0].value.span)
        case .reduction:
            return try reduce(builtin, args, span)
        case .other:
            return try callOther(builtin, args, span)
        }
    }

    func callOther(_ builtin: Builtin, _ args: [Argument], _ span: SourceSpan) throws -> Value {
        switch builtin {
        case .dot:
            let x = try numeric(evaluate(args[0].value), args[0].value.span)
            let y = try numeric(evaluate(args[1].value), args[1].value.span)
            return try dot(x, y, span)
        case .softmax:
            return Session.softmax(try numeric(evaluate(args[0].value), args[0].value.span))
        case .csv:
            guard case .string(let path) = args[0].value.kind else {
                throw Diagnostic.internalError(InterpreterMessage.unchecked("csv() without a path"), at: span)
            }
            switch loadTable(path, span.file, args[0].value.span) {
            case .success(let t): return .table(t)
            case .failure(let d): throw d
            }
        case .sql:
            guard let call = Checker.queryCall(args, span) else {
                throw Diagnostic.internalError(InterpreterMessage.unchecked("sql() without its strings"), at: span)
            }
            switch loadQuery(call) {
            case .success(let t): return .table(t)
            case .failure(let d): throw d
            }
        case .sample:
            return try sample(args, span)
        case .loglik, .perplexity, .vcov, .information:
            if args.count == 1, args[0].label == nil, case .name(let m) = args[0].value.kind, models[m] != nil {
                return try ofModel(builtin, m, args[0].value.span)
            }
            return try evaluateAtPoint(builtin, args, span)
        case .score, .hessian:
            return try evaluateAtPoint(builtin, args, span)
        case .se:
            return try standardError(args[0].value, span)
        case .atan2, .lbeta, .lchoose:
            let x = try numeric(evaluate(args[0].value), args[0].value.span)
            let y = try numeric(evaluate(args[1].value), args[1].value.span)
            return try elementwise(x, y, span, Session.binaryFunction(builtin), name: builtin.rawValue)
        case .pdf, .logpdf, .cdf, .ccdf, .quantile:
            return try ofDistribution(builtin, args, span)
        case .factor:
            return try makeFactor(args, span)
        case .levels:
            return try levels(args, span)
        default:
            throw Diagnostic.internalError(InterpreterMessage.unchecked(builtin.rawValue), at: span)
        }
    }

    /// Element-wise functions; a result that is not a number (log of −1) is an error naming the element.
    func map(_ v: Value, _ builtin: Builtin, _ span: SourceSpan) throws -> Value {
        let f: (Double) -> Double
        switch builtin {
        case .log: f = { Foundation.log($0) }
        case .exp: f = { Foundation.exp($0) }
        case .sqrt: f = { $0.squareRoot() }
        case .log1p: f = { Foundation.log1p($0) }
        case .expm1: f = { Foundation.expm1($0) }
        case .sigmoid: f = Function.sigmoid.evaluate
        case .softplus: f = Function.softplus.evaluate
        case .lgamma: f = { Function.logGamma($0) }
        case .abs: f = { Swift.abs($0) }
        case .logit: f = Function.logit.evaluate
        case .sin: f = Function.sin.evaluate
        case .cos: f = Function.cos.evaluate
        case .tan: f = Function.tan.evaluate
        case .atan: f = Function.atan.evaluate
        case .log10: f = Function.log10.evaluate
        case .log2: f = Function.log2.evaluate
        case .digamma: f = Function.digamma.evaluate
        case .trigamma: f = Function.trigamma.evaluate
        case .erf: f = Function.erf.evaluate
        case .floor: f = Function.floor.evaluate
        case .round: f = Function.round.evaluate
        default: throw Diagnostic.internalError(InterpreterMessage.unchecked(builtin.rawValue), at: span)
        }
        let xs = v.elements!
        var out = [Double](repeating: 0, count: xs.count)
        for (i, x) in xs.enumerated() {
            let r = f(x)
            if r.isNaN && !x.isNaN {
                throw Diagnostic.error(
                    InterpreterMessage.functionUndefined(builtin.rawValue, at: x, element: xs.count > 1 ? i + 1 : nil),
                    at: span, help: InterpreterMessage.domainHelp(builtin))
            }
            out[i] = r
        }
        return v.withElements(out)
    }

    func reduce(_ builtin: Builtin, _ args: [Argument], _ span: SourceSpan) throws -> Value {
        let evaluated = try args.map { try evaluate($0.value) }
        if args.count == 1, let count = Session.count(of: evaluated[0], builtin) { return .number(Double(count)) }
        let values = try zip(evaluated, args).map { try numeric($0, $1.value.span) }
        if values.count > 1 { return try combine(builtin, values, args, span) }
        let v = values[0]
        let xs = v.elements!
        switch builtin {
        case .length: return .number(Double(xs.count))
        case .nrow, .ncol:
            guard case .matrix(let m) = v else {
                throw Diagnostic.error(
                    InterpreterMessage.needsMatrix(builtin.rawValue, found: v.kindDescription), at: span)
            }
            return .number(Double(builtin == .nrow ? m.rows : m.columns))
        case .sum: return .number(Arithmetic.sum(xs))
        case .logsumexp: return .number(Function.logsumexp.evaluate(xs))
        default: break
        }
        guard !xs.isEmpty else {
            throw Diagnostic.error(InterpreterMessage.noValues(builtin.rawValue), at: span)
        }
        switch builtin {
        case .mean: return .number(Arithmetic.mean(xs))
        case .min: return .number(xs.min()!)
        case .max: return .number(xs.max()!)
        case .var, .sd:
            guard xs.count >= 2 else {
                throw Diagnostic.error(InterpreterMessage.needsTwoValues(builtin.rawValue), at: span)
            }
            return .number(builtin == .var ? Arithmetic.variance(xs) : Arithmetic.standardDeviation(xs))
        default:
            throw Diagnostic.internalError(InterpreterMessage.unchecked(builtin.rawValue), at: span)
        }
    }

    /// nrow, ncol and length of a table (rows, columns, rows), and length of a text column or factor.
    static func count(of v: Value, _ builtin: Builtin) -> Int? {
        switch (v, builtin) {
        case (.table(let t), .ncol): return t.columns.count
        case (.table(let t), .nrow), (.table(let t), .length): return t.rowCount
        case (.factor(let f), .length): return f.count
        case (.column(let c, _), .length) where c.kind == .text: return c.count
        default: return nil
        }
    }

    /// min/max of several arguments (element-wise) and logsumexp of several numbers.
    func combine(_ builtin: Builtin, _ values: [Value], _ args: [Argument], _ span: SourceSpan) throws -> Value {
        if builtin == .logsumexp {
            return .number(Function.logsumexp.evaluate(try zip(values, args).map { try number($0, $1.value) }))
        }
        let f: (Double, Double) -> Double = builtin == .min ? { Swift.min($0, $1) } : { Swift.max($0, $1) }
        var acc = values[0]
        for v in values.dropFirst() { acc = try elementwise(acc, v, span, f, name: builtin.rawValue) }
        return acc
    }

    /// sample(DIST, [n], [seed: s]): n draws; with vector arguments, one draw per element.
    func sample(_ args: [Argument], _ span: SourceSpan) throws -> Value {
        let positional = args.filter { $0.label == nil }
        guard case .distribution(let family, let params) = try evaluate(positional[0].value) else {
            throw Diagnostic.error(InterpreterMessage.sampleNeedsDistribution, at: positional[0].value.span)
        }
        var count: Int?
        if positional.count == 2 {
            let n = try number(numeric(evaluate(positional[1].value), positional[1].value.span), positional[1].value)
            guard n >= 0, n == n.rounded(), n <= 100_000_000 else {
                throw Diagnostic.error(CheckerMessage.badSampleSize(n), at: positional[1].value.span)
            }
            count = Int(n)
        }
        let lengths = Set(
            params.compactMap { v -> Int? in if case .vector(let xs) = v { return xs.count } else { return nil } })
        guard lengths.count <= 1 else {
            throw Diagnostic.error(InterpreterMessage.argumentLengthsDiffer, at: positional[0].value.span)
        }
        if let m = lengths.first, let n = count, m != n {
            throw Diagnostic.error(InterpreterMessage.argumentsVersusDraws(values: m, draws: n), at: span)
        }
        guard let n = count ?? lengths.first else {
            throw Diagnostic.error(InterpreterMessage.sampleNeedsCount(family.name), at: span)
        }
        var seed: UInt64 = 1
        if let s = args.first(where: { $0.label?.text == "seed" }) {
            let x = try number(numeric(evaluate(s.value), s.value.span), s.value)
            guard x >= 0, x == x.rounded(), x < 1.8e19 else {
                throw Diagnostic.error(CheckerMessage.badSeed(x), at: s.value.span)
            }
            seed = UInt64(x)
        }
        let rng = RandomSource(seed: seed)
        var draws = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let a = params.map { v -> Double in
                if case .vector(let xs) = v { return xs[i] }
                return v.elements?.first ?? .nan
            }
            try checkArguments(family, a, positional[0].value.span)
            draws[i] = family.draw(a, using: rng)
        }
        return .vector(draws)
    }

    /// atan2(y, x); lbeta(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) (GSL's, which keeps its digits
    /// for large arguments); lchoose(n, k) = log Γ(n + 1) − log Γ(k + 1) − log Γ(n − k + 1).
    static func binaryFunction(_ builtin: Builtin) -> (Double, Double) -> Double {
        switch builtin {
        case .atan2: return { Foundation.atan2($0, $1) }
        case .lbeta:
            return { a, b in
                var r = gsl_sf_result()
                return gsl_sf_lnbeta_e(a, b, &r) == 0 ? r.val : .nan
            }
        default:
            return { n, k in Function.logGamma(n + 1) - Function.logGamma(k + 1) - Function.logGamma(n - k + 1) }
        }
    }

    /// pdf(D, x) and the others, element by element over x (and over vector arguments of D).
    func ofDistribution(_ builtin: Builtin, _ args: [Argument], _ span: SourceSpan) throws -> Value {
        guard case .distribution(let family, let params) = try evaluate(args[0].value),
            let kind = DistributionFunctions.Kind(rawValue: builtin.rawValue)
        else {
            throw Diagnostic.error(InterpreterMessage.sampleNeedsDistribution, at: args[0].value.span)
        }
        let x = try numeric(evaluate(args[1].value), args[1].value.span)
        let xs = x.elements ?? []
        var out = [Double](repeating: .nan, count: xs.count)
        for (i, xi) in xs.enumerated() {
            let a = try params.map { v -> Double in
                guard case .vector(let vs) = v else { return v.elements?.first ?? .nan }
                guard vs.count == xs.count else {
                    throw Diagnostic.error(
                        InterpreterMessage.argumentsVersusDraws(values: vs.count, draws: xs.count), at: span)
                }
                return vs[i]
            }
            try checkArguments(family, a, args[0].value.span)
            if kind == .quantile, !(xi >= 0 && xi <= 1) {
                throw Diagnostic.error(InterpreterMessage.probabilityOutside(xi), at: args[1].value.span)
            }
            out[i] = DistributionFunctions.evaluate(kind, family, a, xi)
        }
        return x.withElements(out)
    }

    func checkArguments(_ family: any Distribution, _ a: [Double], _ span: SourceSpan) throws {
        for (p, x) in zip(family.parameters, a) where !p.domain.contains(x) {
            throw Diagnostic.error(InterpreterMessage.outsideDomain(family.name, p.name, p.domain, x), at: span)
        }
    }
}
