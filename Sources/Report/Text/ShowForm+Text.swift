import Diagnostics

extension ShowForm {
    public var text: String {
        switch body {
        case .lines(let lines):
            return lines.joined(separator: "\n")
        case .statistics(let stats, let summarised, let perRow):
            var lines = ["sufficient statistics:"]
            var legends: [[String]] = []
            for s in stats {
                if let groups = s.groups, !legends.contains(groups) {
                    legends.append(groups)
                    let more = s.groupCount > groups.count || s.groupCount > 6 ? ", … (\(s.groupCount) groups)" : ""
                    lines.append("  per group of rows (\(groups.prefix(6).joined(separator: "; "))\(more)):")
                }
                lines.append("  \(s.name) = \(s.shownValue)")
            }
            if summarised, !legends.isEmpty {
                lines.append("ℓ, its score and its Hessian need only these: each evaluation costs O(groups), not O(n).")
            } else if summarised {
                lines.append("ℓ, its score and its Hessian need only these: each evaluation is O(1) in n.")
            } else {
                lines.append("per-row part (not summarised; evaluated by the compiled tape, O(n)):")
                for r in perRow { lines.append("  " + r) }
            }
            return lines.joined(separator: "\n")
        case .plan(let plan):
            return plan.text
        case .parameters(let params):
            let total = params.reduce(0) { $0 + ($1.length ?? 1) }
            var lines = ["params (θ has \(total) component\(total == 1 ? "" : "s")):"]
            for p in params {
                let names = p.components.map { " (" + $0.joined(separator: ", ") + ")" } ?? ""
                let shape = (p.shape ?? p.length.map { "vector[\($0)]" } ?? "scalar") + names
                let n = { (x: Double) in NumberFormat.significant(x) }
                let constraint: String
                switch (p.lower, p.upper) {
                case (let a?, let b?): constraint = "in (\(n(a)), \(n(b)))"
                case (let a?, nil): constraint = "> \(n(a))"
                case (nil, let b?): constraint = "< \(n(b))"
                case (nil, nil): constraint = "unconstrained"
                }
                let start = p.start.prefix(12).map(n).joined(separator: ", ") + (p.start.count > 12 ? ", …" : "")
                let kept = p.shape?.hasPrefix("simplex") == true ? "each row on the simplex" : constraint
                lines.append("  \(p.name): \(shape), \(kept), start \(start)")
            }
            return lines.joined(separator: "\n")
        }
    }
}

extension ShowForm.Statistic {
    /// "50.1"; per group "250.3, 296.8, 329.4", the first few of many ("…").
    public var shownValue: String {
        guard let values = groupValues else { return NumberFormat.significant(value) }
        let shown = 6
        let numbers = values.prefix(shown).map { NumberFormat.significant($0) }.joined(separator: ", ")
        return groupCount > shown ? "\(numbers), …" : numbers
    }
}

extension Derivation {
    /// "derive: MODEL", then each step as "N. Title: first line", later lines indented.
    public var text: String {
        var lines = ["derive: \(model)"]
        for step in steps {
            let first = step.lines.first.map { $0.isEmpty ? ":" : ": " + $0 } ?? ""
            lines.append("\(step.number). \(step.title)\(first)")
            for line in step.lines.dropFirst() { lines.append("   " + line) }
        }
        return lines.joined(separator: "\n")
    }
}
