import Syntax

extension Session {
    /// The formulas (param-dependent lets) that `name` depends on, directly or through
    /// other formulas, in the order they were defined, `name` last.
    ///
    /// Found with an explicit stack, so that lowering or evaluating them in this order —
    /// each one finding the ones it uses already done — never recurses through a chain
    /// of lets: `let aᵢ = aᵢ₋₁ + μ` 100,000 times deep would otherwise be as deep on the
    /// machine stack.
    func formulaDependencies(of name: String) -> [String] {
        var seen: Set<String> = [name]
        var pending = [name]
        while let next = pending.popLast() {
            guard let formula = formulas[next] else { continue }
            for used in Session.names(in: formula) where formulas[used] != nil && seen.insert(used).inserted {
                pending.append(used)
            }
        }
        guard seen.count > 1 else { return [name] }
        return environment.names.filter { seen.contains($0) }
    }

    /// Every name an expression mentions.
    static func names(in e: ExpressionSyntax) -> [String] {
        switch e.kind {
        case .number, .string: return []
        case .name(let n): return [n]
        case .vector(let items): return items.flatMap(names)
        case .unary(_, let a), .member(let a, _): return names(in: a)
        case .binary(_, let a, let b): return names(in: a) + names(in: b)
        case .call(_, let args): return args.flatMap { names(in: $0.value) }
        case .index(let a, let idx): return names(in: a) + idx.flatMap(names)
        }
    }
}
