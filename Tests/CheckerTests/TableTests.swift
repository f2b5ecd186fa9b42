import Checker
import Diagnostics
import Testing

/// Tables from `csv(...)`: columns by name, text and missing cells named by row, column and cell.
@Suite struct TableTests {
    typealias F = CheckerFixture

    @Test func columnsAreVectorsAndSubsetsAreMatrices() {
        let env = F.environment("data d = csv(\"cars.csv\")\ndata s = d.speed\ndata X = d[speed, dist]")
        if case .data(.vector(3))? = env["s"]?.binding {} else { Issue.record("d.speed is not a vector of 3") }
        if case .data(.design(3, ["speed", "dist"], expanded: false))? = env["X"]?.binding {
        } else {
            Issue.record("d[speed, dist] is not 3×2 with its columns' names")
        }
        #expect(
            F.check("data d = csv(\"cars.csv\")\nprint mean(d.speed), d[\"speed\", dist], nrow(d), ncol(d), length(d)")
                .isEmpty)
        // A text column may be printed; only arithmetic needs numbers.
        #expect(F.check("data d = csv(\"cars.csv\")\nprint d.label").isEmpty)
    }

    @Test func unknownColumnWithSuggestion() {
        #expect(
            F.check("data d = csv(\"cars.csv\")\nprint d.sped") == [
                "2:9: cars.csv has no column 'sped' [did you mean 'speed'?]"
            ])
        #expect(
            F.check("data d = csv(\"cars.csv\")\nprint d.Speed") == [
                "2:9: cars.csv has no column 'Speed' [did you mean 'speed'?]"
            ])
        #expect(
            F.check("data d = csv(\"cars.csv\")\nprint d.weight") == [
                "2:9: cars.csv has no column 'weight' [its columns are speed, dist, label]"
            ])
        #expect(
            F.check("data d = csv(\"cars.csv\")\ndata X = d[speed, dst]") == [
                "2:19: cars.csv has no column 'dst' [did you mean 'dist'?]"
            ])
        #expect(
            F.check("data d = csv(\"cars.csv\")\ndata X = d[speed, 1]") == [
                "2:19: a table is indexed by column names, e.g. d[x1, x2]"
            ])
    }

    /// A text column of categories is a factor: arithmetic on it names its first cell and says
    /// how to use it (compare it, or give it coefficients).
    @Test func textColumnInArithmeticNamesRowColumnAndCell() {
        let message = "cars.csv row 1 (line 2), column 'label': expected a number, found 'a'"
        let help = { (e: String) in
            "[compare it with a level for a 0/1 vector (\(e) == \"c\"), or give it coefficients in a model (b*\(e), w·\(e))]"
        }
        #expect(F.check("data d = csv(\"cars.csv\")\nprint d.label + 1") == ["2:7: \(message) \(help("d.label"))"])
        #expect(F.check("data d = csv(\"cars.csv\")\nprint mean(d.label)") == ["2:12: \(message) \(help("d.label"))"])
        #expect(
            F.check("data aq = csv(\"na.csv\")\nlet c = aq.ozone - 30") == [
                "2:9: na.csv row 2 (line 3), column 'ozone': expected a number, found 'NA'"
            ])
        #expect(
            F.check("data d = csv(\"cars.csv\")\nparam μ\nmodel d.speed ~ Normal(d.label, 1)") == [
                "3:24: \(message) \(help("d.label"))"
            ])
    }

    @Test func missingCellInArithmetic() {
        let message =
            "gaps.csv row 2 (line 3), column 'b': the cell is empty (a missing value), which arithmetic cannot use"
        #expect(F.check("data g = csv(\"gaps.csv\")\nprint mean(g.b)") == ["2:12: \(message)"])
        #expect(F.check("data g = csv(\"gaps.csv\")\nprint g.b * 2") == ["2:7: \(message)"])
        #expect(F.check("data g = csv(\"gaps.csv\")\ndata X = g[a, b]") == ["2:15: \(message)"])
        #expect(F.check("data g = csv(\"gaps.csv\")\nprint g.a * 2").isEmpty)
    }

    /// A text column as the modelled data should name its first bad cell, as it does everywhere else.
    @Test func textColumnAsTheModelledData() {
        let found = F.check("data d = csv(\"cars.csv\")\nparam μ\nmodel d.label ~ Normal(μ, 1)")
        #expect(found.count == 1)
        #expect(
            found == [
                "3:7: cars.csv row 1 (line 2), column 'label': expected a number, found 'a' [compare it with a level "
                    + "for a 0/1 vector (d.label == \"c\"), or give it coefficients in a model (b*d.label, w·d.label)]"
            ])

    }

    @Test func tablesAreNotNumbers() {
        #expect(
            F.check("data d = csv(\"cars.csv\")\nprint d + 1") == [
                "2:7: a table cannot be used in arithmetic [use one of its columns, e.g. d.x, or d[a, b] for a matrix]"
            ])
        #expect(F.check("data x = [1]\nprint x.y") == ["2:7: '.' picks a column of a table, but this is a vector of 1"])
    }

    @Test func csvArgumentsAndMissingFiles() {
        #expect(
            F.check("data d = csv(1)") == ["1:10: csv() takes the file's path as a string, e.g. csv(\"data/cars.csv\")"]
        )
        #expect(
            F.check("data d = csv(\"cars.csv\", 2)") == [
                "1:10: csv() takes the file's path as a string, e.g. csv(\"data/cars.csv\")"
            ])
        let missing = F.check("data d = csv(\"nope.csv\")")
        #expect(missing.count == 1)
        #expect(missing.first?.hasPrefix("1:14: nope.csv: cannot read the file '") == true)
        #expect(missing.first?.hasSuffix("nope.csv': no such file or directory") == true)
    }
}
