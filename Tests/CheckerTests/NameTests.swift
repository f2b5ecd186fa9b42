import Checker
import Diagnostics
import Testing

/// Names: undefined (with did-you-mean), defined twice, built-in names, what each kind of name is.
@Suite struct NameTests {
    typealias F = CheckerFixture

    @Test func undefinedNameWithSuggestion() {
        #expect(
            F.check("data flips = [1, 0]\nprint mean(fliqs)") == [
                "2:12: undefined name 'fliqs' [did you mean 'flips'?]"
            ])
        let d = F.diagnostics("data flips = [1, 0]\nprint mean(fliqs)")[0]
        #expect(d.span?.text == "fliqs")
    }

    @Test func suggestionsComeFromEverythingKnown() {
        #expect(F.check("print sigmoyd(1)") == ["1:7: unknown function 'sigmoyd' [did you mean 'sigmoid'?]"])
        #expect(F.check("let sigma = 1\nprint sigam") == ["2:7: undefined name 'sigam' [did you mean 'sigma'?]"])
        #expect(F.check("print Norml") == ["1:7: undefined name 'Norml' [did you mean 'Normal'?]"])
        // After a fit, its results are candidates too.
        #expect(F.check(F.model + "fit\nprint logik") == ["5:7: undefined name 'logik' [did you mean 'loglik'?]"])
    }

    @Test func undefinedNameWithoutPlausibleSuggestion() {
        #expect(F.check("data x = [1]\nprint zebra") == ["2:7: undefined name 'zebra'"])
        // A one-letter name is not "corrected" to another letter.
        #expect(F.check("data y = [1]\nparam μ\nmodel y ~ Normal(μ, σ)") == ["3:21: undefined name 'σ'"])
    }

    @Test func aNameIsUsableOnlyAfterItsDefinition() {
        #expect(F.check("print x\ndata x = [1]") == ["1:7: undefined name 'x'"])
    }

    @Test func definedTwiceWithANoteAtTheFirst() {
        let ds = F.diagnostics("let x = 1\nlet y = 2\ndata x = [3]")
        #expect(ds.count == 1)
        #expect(ds[0].message == "'x' is already defined (as a let)")
        #expect(ds[0].span?.position == "3:6")
        #expect(ds[0].help == "choose another name")
        #expect(ds[0].notes.map(\.message) == ["'x' was first defined here"])
        #expect(ds[0].notes.first?.span?.position == "1:5")
        #expect(F.check("param p\nparam p") == ["2:7: 'p' is already defined (as a param) [choose another name]"])
        #expect(F.check("data x = [1]\nparam x") == ["2:7: 'x' is already defined (as data) [choose another name]"])
        #expect(
            F.check("data y = [1]\nmodel m: y ~ Normal(0, 1)\nlet m = 3") == [
                "3:5: 'm' is already defined (as a model) [choose another name]"
            ])
    }

    @Test func theFirstDefinitionSurvivesARedefinition() {
        let env = F.environment("data x = [1, 2]\nlet x = 3")
        guard case .data(.vector(2))? = env["x"]?.binding else {
            Issue.record("x should still be data of length 2")
            return
        }
    }

    @Test(arguments: [
        "log", "exp", "sum", "mean", "var", "sd", "dot", "csv", "sample", "se", "loglik", "Normal", "Bernoulli",
    ])
    func builtinNamesCannotBeRedefined(name: String) {
        #expect(
            F.check("let \(name) = 1") == [
                "1:5: '\(name)' is the name of a built-in function and cannot be redefined [choose another name, such as '\(name)_']"
            ])
    }

    @Test func aFunctionNameIsNotAValue() {
        #expect(F.check("print log") == ["1:7: 'log' is a function; call it with arguments, e.g. log(x)"])
        #expect(F.check("print Normal") == ["1:7: 'Normal' is a function; call it with arguments, e.g. Normal(x)"])
    }

    @Test func aValueIsNotAFunction() {
        #expect(
            F.check("let x = 1\nlet y = x(2)") == [
                "2:9: 'x' is a let, not a function [to multiply, write '*' before '(']"
            ])
        #expect(
            F.check("data x = [1]\nprint x(2)") == [
                "2:7: 'x' is data, not a function [to multiply, write '*' before '(']"
            ])
        #expect(F.check("print foo(1)") == ["1:7: unknown function 'foo'"])
        // The arguments of an unknown function are still checked.
        #expect(F.check("print foo(zzz)") == ["1:7: unknown function 'foo'", "1:11: undefined name 'zzz'"])
    }

    @Test func environmentRecordsKindsShapesAndOrder() {
        let env = F.environment(
            """
            data x = [1, 2, 3]
            data m = [[1, 2], [3, 4]]
            param p in (0, 1)
            param w: vector[2]
            let q = p * 2
            let k = 3
            model y: x ~ Normal(q, 1)
            """)
        #expect(env.names == ["x", "m", "p", "w", "q", "k", "y"])
        #expect(env.params == ["p", "w"])
        #expect(env.models == ["y"])
        #expect(env.modelParams["y"] == ["p"])
        #expect(env.letParams["q"] == ["p"])
        #expect(env.letParams["k"] == nil)
        #expect(env.hasFit == false)
        if case .param(let info)? = env["p"]?.binding {
            #expect(info.bounds.0 == 0 && info.bounds.1 == 1)
            #expect(!info.isVector)
        } else {
            Issue.record("p is not a param")
        }
        if case .param(let info)? = env["w"]?.binding, case .vector(2) = info.shape {
        } else {
            Issue.record("w is not a vector[2] param")
        }
        if case .matrix(2, 2)? = { () -> Shape? in
            if case .data(let s)? = env["m"]?.binding { return s }
            return nil
        }() {
        } else {
            Issue.record("m is not a 2×2 matrix")
        }
        if case .let(.scalar, usesParams: true)? = env["q"]?.binding {} else { Issue.record("q") }
        #expect(env["x"]?.binding.kindName == "data")
        #expect(env["y"]?.binding.kindName == "a model")
    }
}
