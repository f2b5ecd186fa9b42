import Diagnostics

extension ShowForm {
    public var text: String {
        switch body {
        case .lines(let lines):
            return lines.joined(separator: "\n")
        case .statistics(let stats, let summarised, let perRow):
            var lines = ["sufficient statistics:"]
            for s in stats { lines.append("  \(s.name) = \(NumberFormat.significant(s.value))") }
            if summarised {
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
                let shape = (p.length.map { "vector[\($0)]" } ?? "scalar") + names
                let n = { (x: Double) in NumberFormat.significant(x) }
                let constraint: String
                switch (p.lower, p.upper) {
                case (let a?, let b?): constraint = "in (\(n(a)), \(n(b)))"
                case (let a?, nil): constraint = "> \(n(a))"
                case (nil, let b?): constraint = "< \(n(b))"
                case (nil, nil): constraint = "unconstrained"
                }
                lines.append("  \(p.name): \(shape), \(constraint), start \(p.start.map(n).joined(separator: ", "))")
            }
            return lines.joined(separator: "\n")
        }
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
