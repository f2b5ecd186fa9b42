import Diagnostics
import Foundation
import Interpreter
import Testing

/// Arithmetic with broadcasting, comparisons, and 1-based indexing.
@Suite struct EvaluationTests {
    typealias F = InterpreterFixture

    @Test func arithmeticAndPrecedence() {
        #expect(F.number("2^10") == 1024)
        #expect(F.number("-2^2") == -4)  // −(2²)
        #expect(F.number("2^3^2") == 512)  // 2^(3²) = 2⁹
        #expect(F.number("2^-1") == 0.5)
        #expect(F.number("(-2)^2") == 4)
        #expect(F.number("3²") == 9)
        #expect(F.number("1 + 2 * 3 - 4 / 8") == 6.5)
        #expect(F.number("7 − 2 × 3 ÷ 4") == 5.5)
        #expect(F.number("10 - 4 - 3") == 3)  // left-associative
        #expect(F.number("2 / 4 / 5") == 0.1)
    }

    @Test func broadcasting() {
        #expect(F.numbers("[1, 2, 3] * 2 + 1") == [3, 5, 7])
        #expect(F.numbers("1 - [1, 2, 3]") == [0, -1, -2])
        #expect(F.numbers("[1, 2] * [3, 4]") == [3, 8])
        #expect(F.numbers("[8, 9] / [2, 3]") == [4, 3])
        #expect(F.numbers("[2, 3] ^ 2") == [4, 9])
        #expect(F.numbers("2 ^ [1, 2, 3]") == [2, 4, 8])
        #expect(F.numbers("[[1, 2], [3, 4]] * 2") == [2, 4, 6, 8])
        #expect(F.numbers("[[1, 2], [3, 4]] + [[10, 20], [30, 40]]") == [11, 22, 33, 44])
        #expect(F.numbers("-[1, -2]") == [-1, 2])
        #expect(F.numbers("[1, 2]²") == [1, 4])
    }

    @Test func shapeErrorsAtRunTime() {
        // Lengths the checker cannot know (from a computed sample size) are checked when run.
        let (ok, t) = F.run("data k = 3\ndata s = sample(Normal(0, 1), k, seed: 1)\nprint s + [1, 2]")
        #expect(!ok)
        #expect(t.errors == ["3:7: shapes do not match: a vector of 3 and a vector of 2"])
    }

    @Test func comparisonsGiveOneOrZero() {
        let (_, t) = F.run("print 1 < 2, 2 < 1, 2 <= 2, 3 >= 4, 1 == 1, 1 != 1, 1 ≠ 2, 2 ≥ 2, 1 ≤ 0")
        #expect(t.printed == ["1 0 1 0 1 0 1 1 0"])
        #expect(F.numbers("[1, 2] == [1, 3]") == [1, 0])
        #expect(F.numbers("[1, 2, 3] > 1") == [0, 1, 1])
        #expect(F.number("1 ≈ 1 + 1e-12") == 1)
        #expect(F.number("1 ≈ 2") == 0)
    }

    @Test func dotProducts() {
        // 1·4 + 2·5 + 3·6 = 32
        #expect(F.number("[1, 2, 3] · [4, 5, 6]") == 32)
        #expect(F.number("[1, 2, 3] ⋅ [4, 5, 6]") == 32)
        #expect(F.number("dot([1, 2, 3], [4, 5, 6])") == 32)
        // Row-wise: [1·1 + 2·(−1), 3·1 + 4·(−1), 5·1 + 6·(−1)] = [−1, −1, −1]
        #expect(F.numbers("[[1, 2], [3, 4], [5, 6]] · [1, -1]") == [-1, -1, -1])
        #expect(F.numbers("[1, -1] · [[1, 2], [3, 4], [5, 6]]") == [-1, -1, -1])
        #expect(F.numbers("dot([[1, 2], [3, 5]], [2, 1])") == [4, 11])
    }

    @Test func oneBasedIndexing() {
        let setup = "data x = [10, 20, 30]\ndata m = [[1, 2, 3], [4, 5, 6]]"
        #expect(F.number("x[1]", setup: setup) == 10)
        #expect(F.number("x[3]", setup: setup) == 30)
        #expect(F.numbers("m[2]", setup: setup) == [4, 5, 6])
        #expect(F.number("m[2, 3]", setup: setup) == 6)
        #expect(F.number("m[1, 1]", setup: setup) == 1)
        #expect(F.number("m[2][1]", setup: setup) == 4)
        #expect(F.number("x[length(x)]", setup: setup) == 30)
        #expect(F.number("x[1 + 1]", setup: setup) == 20)
    }

    @Test func indexErrorsWithComputedIndices() {
        let setup = "data x = [10, 20]\ndata m = [[1, 2], [3, 4]]\nlet i = 3\n"
        #expect(F.output(setup + "print x[i]") == ["4:9: index 3 is out of range: the vector has 2 elements"])
        #expect(
            F.output(setup + "print x[i - 3]") == [
                "4:9: an index is a whole number from 1 (indexing starts at 1), but it is 0"
            ])
        #expect(
            F.output(setup + "print x[i / 2]") == [
                "4:9: an index is a whole number from 1 (indexing starts at 1), but it is 1.5"
            ])
        #expect(F.output(setup + "print m[i]") == ["4:9: row index 3 is out of range: the matrix has 2 rows"])
        #expect(F.output(setup + "print m[1, i]") == ["4:12: column index 3 is out of range: the matrix has 2 columns"])
        #expect(
            F.output(setup + "print x[length(x) + 1]") == ["4:9: index 3 is out of range: the vector has 2 elements"])
    }

    @Test func tables() {
        let setup = "data d = csv(\"cars.csv\")\n"
        func run(_ s: String) -> (Bool, Transcript) { F.run(setup + s, directory: F.directory) }
        #expect(run("print d.speed + d.dist").1.printed == ["[6, 11, 24]"])
        #expect(run("print d[dist, speed]").1.printed == ["[[ 2, 4],\n [ 4, 7],\n [16, 8]]"])
        #expect(
            run("print nrow(d), ncol(d), length(d), nrow(d[speed, dist]), ncol(d[speed])").1.printed == ["3 3 3 3 1"])
        #expect(run("print d.label[2]").1.printed == ["b"])
        #expect(
            run("print mean(d.label)").1.errors == [
                "2:12: cars.csv row 1 (line 2), column 'label': expected a number, found 'a'"
            ])
        let (_, g) = F.run("data g = csv(\"gaps.csv\")\nprint g.b + 1", directory: F.directory)
        #expect(
            g.errors == [
                "2:7: gaps.csv row 2 (line 3), column 'b': the cell is empty (a missing value), which arithmetic cannot use"
            ])
    }

    /// A relative csv path resolves against the script's folder.
    @Test func csvPathsResolveAgainstTheScriptsFolder() {
        let (ok, t) = F.run("data d = csv(\"cars.csv\")\nprint sum(d.dist)", directory: F.directory)
        #expect(ok)
        #expect(t.printed == ["22"])
        let (missing, m) = F.run("data d = csv(\"cars.csv\")", directory: "/nonexistent-mle")
        #expect(!missing)
        #expect(
            m.errors == ["1:14: cars.csv: cannot read the file '/nonexistent-mle/cars.csv': no such file or directory"])
    }

    /// The parser allows trees 5,000 deep; evaluating one needs a large stack, which `withLargeStack` gives.
    @Test func theDeepestExpressionTheParserAllowsRuns() {
        let terms = 4_999
        let source =
            "let s = 1" + String(repeating: "+1", count: terms - 1) + "\nprint s\nprint -("
            + String(repeating: "(", count: 150) + "2" + String(repeating: ")", count: 150) + ")"
        let printed = withLargeStack { () -> [String] in
            let (_, t) = F.run(source)
            return t.printed + t.errors
        }
        #expect(printed == ["\(terms)", "-2"])
    }
}
