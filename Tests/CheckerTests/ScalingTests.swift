import Checker
import Diagnostics
import Syntax
import Testing

/// Every checked statement keeps the environment after it, so a snapshot must cost
/// O(log n), not a copy of everything defined so far: 5,000 lets took half a minute and
/// four gigabytes when each snapshot copied its tables (quadratic), and take a few seconds now.
@Suite struct CheckerScalingTests {
    @Test func fiveThousandLetsCheckInLinearSpace() throws {
        let n = 5000
        var text = "param μ\nlet a0 = μ\n"
        for i in 1...n { text += "let a\(i) = a\(i - 1) + μ\n" }
        let file = SourceFile(name: "lets.mle", text: text)
        let (program, syntax) = Parser.parse(file)
        #expect(syntax.isEmpty)
        var checker = Checker(loadTable: CheckerFixture.loadTable)
        let result = checker.check(program: program)
        let checked = try #require(result)
        #expect(checked.statements.count == n + 2)
        // Each snapshot sees exactly what was defined before it, and shares the rest.
        // (Statement 0 is the param, statement i + 1 defines aᵢ.)
        #expect(checked.statements[10].environment["a9"] != nil)
        #expect(checked.statements[10].environment["a10"] == nil)
        #expect(checked.statements.last?.environment.names.count == n + 2)
        #expect(checked.statements.last?.environment.letParams["a\(n)"] == ["μ"])
    }
}
