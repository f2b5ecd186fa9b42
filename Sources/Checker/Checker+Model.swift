import Diagnostics
import Model
import Syntax

extension Checker {
    mutating func checkModel(_ decl: ModelDeclaration) -> CheckedModel? {
        let modelName = decl.name?.text ?? ""
        if let name = decl.name {
            if let entry = environment[name.text] {
                if case .model = entry.binding {
                } else {
                    error(CheckerMessage.nameTakenForModel(name.text, kind: entry.binding.kindName), at: name.span)
                    return nil
                }
            } else {
                define(name, .model)
            }
        }
        let response = infer(decl.response)
        if let p = response.firstParam {
            error(CheckerMessage.paramOnLeftOfTilde(p.text), at: p.span, help: CheckerMessage.givePrior(p.text))
        }
        var family = checkDistribution(decl.distribution)
        if let f = family, f.isSimplexDistribution {
            error(CheckerMessage.simplexFamilyModelsNoData(f.name), at: decl.distribution.name.span)
            family = nil
        }
        let outcomes = family?.outcomeProbabilities
        var rows = response.shape.rows
        switch response.shape {
        case .scalar, .vector, .unknown: break
        case .unusableColumn(let n, let problem) where outcomes != nil && problem.cell != nil:
            rows = n
        case .factor(let f, _) where outcomes != nil:
            rows = f.count
        case .unusableColumn(_, let problem):
            error(problem.description, at: decl.response.span)
        case .factor(let f, let problem):
            error(
                problem?.description ?? CheckerMessage.modelledDataNotVector(response.shape), at: decl.response.span,
                help: CheckerMessage.factorHelp(decl.response.span.text, level: f.levels.last))
        default:
            error(CheckerMessage.modelledDataNotVector(response.shape), at: decl.response.span)
        }
        var params = response.params
        let arguments = family.map { flatArguments($0, decl.distribution) } ?? []
        for (arg, owner, i) in arguments {
            let info = infer(arg)
            params.append(contentsOf: info.params)
            if owner.mixture == nil, family?.mixture == nil, i == outcomes {
                checkOutcomeArgument(info, arg, rows: rows)
                continue
            }
            // A simplex of weights is one value for every row, of K components (checked with the mixture).
            if case .simplex? = owner.mixture?.weights, i == 0 { continue }
            checkRows(
                info, arg, rows: rows, role: CheckerMessage.Role.parameter(parameterName(owner, i), of: owner.name))
            if i < owner.parameters.count { checkDomain(owner, i, arg) }
        }
        for (modifier, role) in [
            (decl.weight, CheckerMessage.Role.weight), (decl.censored, CheckerMessage.Role.censoring),
        ] {
            guard let modifier else { continue }
            let info = requireData(modifier, role: role)
            checkRows(info, modifier, rows: rows, role: role)
        }
        for bound in [decl.truncation?.lower, decl.truncation?.upper].compactMap({ $0 }) {
            let info = requireData(bound, role: CheckerMessage.Role.truncationBound)
            checkRows(info, bound, rows: rows, role: CheckerMessage.Role.truncationBound)
        }
        let responseText = decl.response.span.text.filter { !$0.isWhitespace }
        let replaces = environment.modelResponses[modelName]?.contains(responseText) ?? false
        if replaces {
            environment.modelResponses[modelName] = []
            environment.modelParams[modelName] = []
            environment.fittedModels.remove(modelName)
        }
        if !environment.models.contains(modelName) { environment.models.append(modelName) }
        environment.modelResponses[modelName, default: []].append(responseText)
        var used = environment.modelParams[modelName] ?? []
        for p in params where !used.contains(p) { used.append(p) }
        environment.modelParams[modelName] = used
        guard let family else { return nil }
        let description =
            "\(decl.response.span.text) ~ \(decl.distribution.span.text)"
            + (decl.weight.map { " weight \($0.span.text)" } ?? "")
            + (decl.censored.map { (decl.censoring == .left ? " censored left " : " censored ") + $0.span.text } ?? "")
            + (decl.truncation.map { " " + $0.span.text } ?? "")
        var term = CheckedTerm(
            response: decl.response, family: family, arguments: arguments.map(\.syntax),
            weight: decl.weight, censored: decl.censored, description: description,
            span: decl.response.span.merged(with: decl.distribution.span))
        term.censoring = decl.censoring
        term.truncation = decl.truncation
        return CheckedModel(name: modelName, term: term, replaces: replaces)
    }

    func parameterName(_ family: any Distribution, _ i: Int) -> String {
        i < family.parameters.count ? family.parameters[i].name : CheckerMessage.Role.argument(i + 1)
    }

    /// The distribution's name and arity.
    mutating func checkDistribution(_ dist: DistributionCall) -> (any Distribution)? {
        guard let family = Distributions.named(dist.name.text) else {
            let hint = Suggestion.closest(to: dist.name.text, among: Distributions.names)
            error(
                CheckerMessage.unknownDistribution(dist.name.text), at: dist.name.span,
                help: hint.map(CheckerMessage.didYouMean) ?? CheckerMessage.knownDistributions(Distributions.names))
            return nil
        }
        if family.mixture != nil { return checkMixture(dist) }
        let want = family.parameters.count
        if let named = dist.arguments.first(where: { $0.label != nil })?.label {
            error(
                CheckerMessage.positionalDistributionArguments, at: named.span,
                help: CheckerMessage.writeDistribution(family.name, parameters: family.parameters.map(\.name)))
            return nil
        }
        if dist.arguments.count != want {
            error(
                CheckerMessage.distributionArity(
                    family.name, parameters: family.parameters.map(\.name), given: dist.arguments.count),
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
                error(CheckerMessage.rowCount(role, values: n, rows: rows), at: e.span)
            }
        case .unusableColumn(_, let problem):
            error(problem.description, at: e.span)
        case .factor(let f, let problem):
            error(
                problem?.description ?? CheckerMessage.factorNotPerRow(role, e.span.text), at: e.span,
                help: CheckerMessage.factorHelp(e.span.text, level: f.levels.last))
        default:
            error(CheckerMessage.notPerRow(role, shape: info.shape), at: e.span)
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
        case .real, .nonnegativeInteger, .simplex: ok = true
        case .positive: ok = (lo ?? -.infinity) >= 0
        case .unitInterval: ok = (lo ?? -.infinity) >= 0 && (hi ?? .infinity) <= 1
        }
        guard !ok else { return }
        report(
            Diagnostic.warning(
                CheckerMessage.unconstrainedParam(
                    name, family: family.name, parameter: family.parameters[i].name, domain: domain),
                at: entry.span, help: CheckerMessage.declareConstrained(name, domain: domain)
            )
            .note(CheckerMessage.usedAsHere(family: family.name, parameter: family.parameters[i].name), at: arg.span))
    }
}
