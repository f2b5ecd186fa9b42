extension Expr {
    /// The expression as one row's formula, with row-level symbols subscripted: yᵢ·ηᵢ − softplus(ηᵢ).
    public func printedPerRow() -> String {
        let printer = Printer(store: store, inSum: true)
        return printer.finished(printer.text(self, 0))
    }

    /// Σᵢ prefixᵢ·(self) — how Xᵀ·(∂ℓ/∂η) reads: Σᵢ xᵢ·(yᵢ − σ(ηᵢ)).
    public func printedAsRowSum(weight prefix: String? = nil) -> String {
        let printer = Printer(store: store, inSum: true)
        let body = printer.finished(printer.text(self, prefix == nil && !isSum ? 1 : 2))
        return "Σᵢ " + (prefix.map { "\($0)ᵢ·" } ?? "") + body
    }
}

extension Expr {
    /// The same value regrouped for reading: products of statistics with sums of parameter
    /// functions are expanded, then terms are collected by their parameter part, so
    /// n·log(1 − p) + S·(log p − log(1 − p)) reads S·log p + (n − S)·log(1 − p).
    public func collectedByParameters() -> Expr {
        let isParameter: (Symbol) -> Bool = {
            switch $0 {
            case .parameter, .predictor, .variable, .selected: return true
            default: return false
            }
        }
        let expanded = self.expanded(where: { sum in sum.terms.allSatisfy { $0.symbols.contains(where: isParameter) } })
        var groups: [Expr: [Expr]] = [:]
        var order: [Expr] = []
        for term in expanded.terms {
            let parameterPart = store.mul(term.factors.filter { $0.symbols.contains(where: isParameter) })
            let dataPart = store.mul(term.factors.filter { !$0.symbols.contains(where: isParameter) })
            if groups[parameterPart] == nil { order.append(parameterPart) }
            groups[parameterPart, default: []].append(dataPart)
        }
        return store.add(order.map { store.mul([store.add(groups[$0]!), $0]) })
    }
}
