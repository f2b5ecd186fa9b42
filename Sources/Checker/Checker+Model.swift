import Diagnostics
import Model
import Syntax

extension Checker {
    mutating func checkModel(_ decl: ModelDeclaration) {
        let modelName = decl.name?.text ?? ""
        if let name = decl.name {
            if let entry = environment[name.text] {
                if case .model = entry.binding {} else {
                    error("'\(name.text)' is \(entry.binding.kindName), so it cannot also name a model", at: name.span)
                    return
                }
            } else {
                define(name, .model)
            }
        }
        let response = infer(decl.response)
        if let p = response.firstParam {
            error("the left of '~' must be data, but '\(p.text)' is a param", at: p.span,
                  help: "to give a param a prior, write 'prior \(p.text) ~ ...'")
        }
        switch response.shape {
        case .scalar, .vector, .unknown: break
        case .unusableColumn(_, let problem):
            error(problem.description, at: decl.response.span)
        default:
            error("the modelled data must be a vector (one value per row), but it is \(response.shape)",
                  at: decl.response.span)
        }
        let rows = response.shape.rows
        var params = response.params
        if let family = checkDistribution(decl.distribution) {
            for (i, arg) in decl.distribution.arguments.enumerated() {
                let info = infer(arg.value)
                params.append(contentsOf: info.params)
                checkRows(info, arg.value, rows: rows, role: "\(family.name)'s \(parameterName(family, i))")
                if i < family.parameters.count { checkDomain(family, i, arg.value) }
            }
        }
        for (modifier, role) in [(decl.weight, "a weight"), (decl.censored, "a censoring indicator")] {
            guard let modifier else { continue }
            let info = requireData(modifier, role: role)
            checkRows(info, modifier, rows: rows, role: role)
        }
        if !environment.models.contains(modelName) { environment.models.append(modelName) }
        var used = environment.modelParams[modelName] ?? []
        for p in params where !used.contains(p) { used.append(p) }
        environment.modelParams[modelName] = used
    }

    func parameterName(_ family: any Distribution, _ i: Int) -> String {
        i < family.parameters.count ? family.parameters[i].name : "argument \(i + 1)"
    }

    /// The distribution's name and arity.
    mutating func checkDistribution(_ dist: DistributionCall) -> (any Distribution)? {
        guard let family = Distributions.named(dist.name.text) else {
            let hint = Suggestion.closest(to: dist.name.text, among: Distributions.names)
            error("unknown distribution '\(dist.name.text)'", at: dist.name.span,
                  help: hint.map { "did you mean '\($0)'?" } ?? "the distributions are \(Distributions.names.joined(separator: ", "))")
            return nil
        }
        let want = family.parameters.count
        if let named = dist.arguments.first(where: { $0.label != nil })?.label {
            error("a distribution's arguments are positional", at: named.span,
                  help: "write \(family.name)(\(family.parameters.map(\.name).joined(separator: ", ")))")
            return nil
        }
        if dist.arguments.count != want {
            let list = family.parameters.map(\.name).joined(separator: ", ")
            error("\(family.name) takes \(want) argument\(want == 1 ? "" : "s") (\(list)), but \(dist.arguments.count) \(dist.arguments.count == 1 ? "was" : "were") given",
                  at: dist.span)
            return nil
        }
        return family
    }

    /// A per-row value must be a number or have one value per row of the modelled data.
    mutating func checkRows(_ info: ExpressionInfo, _ e: ExpressionSyntax, rows: Int?, role: String) {
        switch info.shape {
        case .scalar, .unknown: return
        case .vector(let n):
            if let n, let rows, n != rows {
                error("\(role) has \(n) values, but the modelled data has \(rows) rows", at: e.span)
            }
        case .unusableColumn(_, let problem):
            error(problem.description, at: e.span)
        default:
            error("\(role) must be a number or a vector with one value per row, but it is \(info.shape)", at: e.span)
        }
    }

    /// Warns when a bare param is used where the distribution needs a domain its constraint does not ensure.
    mutating func checkDomain(_ family: any Distribution, _ i: Int, _ arg: ExpressionSyntax) {
        guard let name = arg.nameText, let entry = environment[name], case .param(let info) = entry.binding else {
            return
        }
        let domain = family.parameters[i].domain
        let (lo, hi) = info.bounds
        let ok: Bool
        switch domain {
        case .real, .nonnegativeInteger: ok = true
        case .positive: ok = (lo ?? -.infinity) >= 0
        case .unitInterval: ok = (lo ?? -.infinity) >= 0 && (hi ?? .infinity) <= 1
        }
        guard !ok else { return }
        let fix = domain == .positive ? "> 0" : "in (0, 1)"
        report(
            Diagnostic.warning(
                "param '\(name)' is used as \(family.name)'s \(family.parameters[i].name), which must be \(domain), but it is declared without that constraint",
                at: entry.span, help: "declare it as 'param \(name) \(fix)'")
                .note("used as \(family.name)'s \(family.parameters[i].name) here", at: arg.span))
    }
}
