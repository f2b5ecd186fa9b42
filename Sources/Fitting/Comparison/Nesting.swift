import Foundation
import Model
import Symbolic

/// How two fitted models relate, for a likelihood-ratio test: decided from their
/// likelihood terms and params, never from their names.
///
/// Two models are on the same data when their terms can be paired so that each
/// pair models the same response values (same rows, same weights, same censoring).
/// A model A is nested in a model B with more parameters when every distribution A
/// can give the rows is one B can give: the paired terms are of the same family (or
/// A's family is a special case of B's, as the Normal is the Student-t with ν = ∞),
/// and at A's estimate (and at a second point near it, so a coincidence cannot pass
/// for nesting) some θ_B reproduces A's distribution arguments on every row
/// (ArgumentMatching). Then A is B with k_B − k_A of B's parameters fixed, and
/// LR = 2(ℓ̂_B − ℓ̂_A) is asymptotically χ²(k_B − k_A) — or a χ̄² mixture for each
/// restriction that puts a parameter on the edge of its domain.
public enum Nesting {
    public enum Relation: Sendable, Equatable {
        /// The models are fitted to different data: no comparison of ℓ means anything.
        case differentData(String)
        /// Model `restricted` (0: the first, 1: the second) is the other with `degreesOfFreedom`
        /// parameters fixed, `boundary` of them on their domain's edge; `fixedAt` says where,
        /// when it can be told ("w[1] = 0").
        case nested(restricted: Int, degreesOfFreedom: Int, boundary: Int, fixedAt: [String])
        /// The same distributions with the same number of parameters: a reparametrisation.
        case equivalent
        /// Neither is a special case of the other (or the test does not apply), and why.
        case notNested(String)
    }

    public static func relation(_ a: FitOutcome, _ b: FitOutcome) -> Relation {
        let pairs: [(Int, Int)]
        switch termPairs(a.model, b.model) {
        case .failure(let why): return .differentData(why.reason)
        case .success(let p): pairs = p
        }
        if let why = untestable(a) ?? untestable(b) { return .notNested(why) }
        let (ka, kb) = (a.parameterCount, b.parameterCount)
        if ka == kb {
            if nests(a, in: b, pairs) != nil, nests(b, in: a, pairs.map { ($1, $0) }) != nil { return .equivalent }
            return .notNested(NestingMessage.sameSize(a.model.name, b.model.name, ka))
        }
        let (small, large, restricted) = ka < kb ? (a, b, 0) : (b, a, 1)
        let oriented = ka < kb ? pairs : pairs.map { ($1, $0) }
        switch nestsExplained(small, in: large, oriented) {
        case .success(let (boundary, fixedAt)):
            return .nested(
                restricted: restricted, degreesOfFreedom: large.parameterCount - small.parameterCount,
                boundary: boundary, fixedAt: fixedAt)
        case .failure(let why): return .notNested(why.reason)
        }
    }

    struct Reason: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// Why an LR test of this fit means nothing: a MAP fit, or one that stopped short of the maximum.
    static func untestable(_ fit: FitOutcome) -> String? {
        if fit.model.hasPriors { return NestingMessage.mapFit(fit.model.name) }
        if !fit.solution.converged { return NestingMessage.notConverged(fit.model.name) }
        return nil
    }

    // MARK: Same data

    /// Whether two models' terms model the same responses (with the same weights and censoring).
    public static func sameData(_ a: StatisticalModel, _ b: StatisticalModel) -> Bool {
        if case .success = termPairs(a, b) { return true }
        return false
    }

    /// Each term of a paired with a term of b on the same response values, or why the data differ.
    static func termPairs(_ a: StatisticalModel, _ b: StatisticalModel) -> Result<[(Int, Int)], Reason> {
        guard a.terms.count == b.terms.count else {
            return .failure(Reason(NestingMessage.termCounts(a.name, a.terms.count, b.name, b.terms.count)))
        }
        guard a.rowCount == b.rowCount else {
            return .failure(Reason(NestingMessage.rowCounts(a.name, a.rowCount, b.name, b.rowCount)))
        }
        let da = a.terms.indices.map { data(a, $0) }
        let db = b.terms.indices.map { data(b, $0) }
        var used: Set<Int> = []
        var pairs: [(Int, Int)] = []
        for (i, x) in da.enumerated() {
            guard let j = db.indices.first(where: { !used.contains($0) && db[$0] == x }) else {
                let j = db.indices.first { !used.contains($0) && db[$0].response == x.response }
                let why =
                    j == nil
                    ? NestingMessage.responsesDiffer(a.name, response(a, i), b.name)
                    : NestingMessage.weightsDiffer(a.name, b.name, response(a, i))
                return .failure(Reason(why))
            }
            used.insert(j)
            pairs.append((i, j))
        }
        return .success(pairs)
    }

    struct TermData: Equatable {
        let response: [Double]
        let weight: [Double]?
        let censored: [Double]?
    }

    static func data(_ m: StatisticalModel, _ t: Int) -> TermData {
        let term = m.terms[t]
        let wanted = [term.response] + [term.weight, term.censored].compactMap { $0 }
        let v = m.likelihood.perRow(wanted, term: t)
        guard v.count == wanted.count else { return TermData(response: [.nan], weight: nil, censored: nil) }
        var k = 1
        func next(_ e: Expr?) -> [Double]? {
            guard e != nil else { return nil }
            defer { k += 1 }
            return v[k]
        }
        return TermData(response: v[0], weight: next(term.weight), censored: next(term.censored))
    }

    /// The response of term t as written ("d.am"), for messages.
    static func response(_ m: StatisticalModel, _ t: Int) -> String {
        guard t < m.termDescriptions.count else { return "y" }
        let d = m.termDescriptions[t]
        return d.components(separatedBy: " ~ ").first ?? d
    }

    // MARK: Nesting

    static func nests(_ small: FitOutcome, in large: FitOutcome, _ pairs: [(Int, Int)]) -> (Int, [String])? {
        if case .success(let r) = nestsExplained(small, in: large, pairs) { return r }
        return nil
    }

    /// Whether `small` is `large` with some parameters fixed: the number of them on their
    /// boundary, and where they are fixed, or why not.
    static func nestsExplained(_ small: FitOutcome, in large: FitOutcome, _ pairs: [(Int, Int)]) -> Result<
        (Int, [String]), Reason
    > {
        var termPairs: [ArgumentMatching.TermPair] = []
        var fixed: [Int: Double] = [:]
        for (s, l) in pairs {
            switch mapping(small.model, s, large.model, l) {
            case .failure(let why): return .failure(why)
            case .success(let (map, fix)):
                termPairs.append(ArgumentMatching.TermPair(small: s, large: l, mapping: map))
                fixed.merge(fix) { a, _ in a }
            }
        }
        let matching = ArgumentMatching(small: small.model, large: large.model, pairs: termPairs, fixed: fixed)
        var start = large.estimate
        for (slot, v) in fixed { start[slot] = v }
        guard let first = matching.match(at: small.estimate, from: start),
            let second = matching.match(at: nearby(small), from: first.theta)
        else {
            return .failure(Reason(NestingMessage.cannotExpress(large.model.name, small.model.name)))
        }
        let layout = large.model.layout
        var boundary = first.boundary.union(second.boundary)
        for (slot, v) in fixed where isEdge(v, layout.owner(slot)) { boundary.insert(slot) }
        // Slots the two matches put at the same value are the ones the restriction fixes.
        let restricted = (0..<layout.count).filter {
            let (x, y) = (first.theta[$0], second.theta[$0])
            return x == y || abs(x - y) <= 1e-9 * max(1, abs(x)) || (boundary.contains($0) && fixed[$0] == nil)
        }
        let df = large.parameterCount - small.parameterCount
        let fixedAt =
            restricted.count == df
            ? restricted.map { slot -> String in
                let value = boundary.contains(slot) ? edgeValue(slot, first.theta, layout) : first.theta[slot]
                return NestingMessage.fixedAt(
                    layout.slotName(slot), snapped(value, scale: large.standardError(slot: slot)))
            } : []
        return .success((min(boundary.count, df), fixedAt))
    }

    /// For each argument of the large term, the small term's argument it must equal (nil
    /// for one a special case fixes), and the large model's slots that special case fixes.
    static func mapping(_ small: StatisticalModel, _ s: Int, _ large: StatisticalModel, _ l: Int) -> Result<
        ([Int?], [Int: Double]), Reason
    > {
        let (fs, fl) = (small.terms[s].family, large.terms[l].family)
        if fs.name == fl.name { return .success((fl.parameters.indices.map { $0 }, [:])) }
        guard let special = fl.specialCases.first(where: { $0.family == fs.name }) else {
            return .failure(Reason(NestingMessage.differentFamilies(small.name, fs.name, large.name, fl.name)))
        }
        let argument = large.terms[l].arguments[special.argument]
        var fixed: [Int: Double] = [:]
        if case .parameter(let slot)? = argument.symbol {
            fixed[slot] = special.value
        } else if argument.constantValue != special.value {
            return .failure(Reason(NestingMessage.differentFamilies(small.name, fs.name, large.name, fl.name)))
        }
        let map = fl.parameters.indices.map { j in special.arguments.firstIndex(of: j) }
        return .success((map, fixed))
    }

    /// The small model's estimate moved half a standard error (in unconstrained coordinates,
    /// so it stays in the domain) along every slot not on its boundary.
    static func nearby(_ fit: FitOutcome) -> [Double] {
        let transforms = fit.model.layout.transforms
        return fit.estimate.enumerated().map { i, x in
            guard fit.boundary[i] == nil else { return x }
            let t = transforms[i]
            let u = t.u(x)
            let jacobian = abs(t.derivatives(u).first)
            let se = fit.standardError(slot: i) ?? 0.1 * max(1, abs(x))
            let step = jacobian > 0 && se.isFinite ? 0.5 * se / jacobian : 0.1
            return t.theta(u + (i % 2 == 0 ? step : -step))
        }
    }

    /// Whether a value is at the edge of a param's domain (∞ counts for an unbounded side).
    static func isEdge(_ v: Double, _ entry: ParameterLayout.Entry?) -> Bool {
        if v.isInfinite { return true }
        return v == entry?.lower || v == entry?.upper
    }

    /// A matched value that is 0 up to the matching's precision (10⁻⁶ of the param's standard
    /// error, or of 1) reads as 0.
    static func snapped(_ x: Double, scale: Double?) -> Double {
        abs(x) <= 1e-6 * (scale ?? 1) ? 0 : x
    }

    /// The edge a boundary slot went to.
    static func edgeValue(_ slot: Int, _ theta: [Double], _ layout: ParameterLayout) -> Double {
        let t = layout.transforms[slot]
        let u = t.u(theta[slot])
        return t.theta(u > 0 ? .infinity : -.infinity)
    }
}
