import Checker
import Data
import Diagnostics
import Testing

/// Comparisons and factors as the checker sees them: shapes, the expansion of text columns
/// into indicator columns, and the errors that name a level, a row or the expansion.
@Suite struct FactorTests {
    typealias F = CheckerFixture
    static let wb = "data d = csv(\"wb.csv\")\n"

    func shape(_ name: String, _ text: String) -> Shape? {
        if case .data(let s)? = F.environment(FactorTests.wb + text)[name]?.binding { return s }
        return nil
    }

    @Test func textColumnsAreFactorsWithSortedLevels() {
        guard case .factor(let f, let problem)? = shape("t", "data t = d.tension") else {
            Issue.record("d.tension is not a factor")
            return
        }
        #expect(f.levels == ["H", "L", "M"])
        #expect(f.codes == [2, 3, 1, 2])
        #expect(problem?.cell == "L")  // what arithmetic on it reports
        guard case .factor(let r, nil)? = shape("r", "data r = factor(d.tension, ref: \"L\")") else {
            Issue.record("factor(d.tension, ref: \"L\") is not a factor")
            return
        }
        #expect(r.levels == ["L", "H", "M"])
        guard case .factor(let o, nil)? = shape("o", "data o = factor(d.tension, levels: [\"L\", \"M\", \"H\"])") else {
            Issue.record("factor(d.tension, levels: …) is not a factor")
            return
        }
        #expect(o.levels == ["L", "M", "H"])
        guard case .factor(let n, nil)? = shape("n", "data n = factor(d.breaks, ref: 54)") else {
            Issue.record("factor(d.breaks) is not a factor")
            return
        }
        #expect(n.levels == ["54", "25", "26", "30"])
        guard case .factor(let l, nil)? = shape("l", "data l = levels(d.tension)") else {
            Issue.record("levels(d.tension) is not a column of levels")
            return
        }
        #expect(l.codes == [1, 2, 3])
    }

    @Test func tableColumnsExpandWithLabels() {
        guard case .design(4, let labels, expanded: true)? = shape("X", "data X = d[breaks, wool, tension]") else {
            Issue.record("d[breaks, wool, tension] is not a 4-row design")
            return
        }
        #expect(labels == ["breaks", "woolB", "tensionL", "tensionM"])
        guard case .design(4, let i, expanded: true)? = shape("I", "data I = d.wool * d.tension") else {
            Issue.record("d.wool * d.tension is not an interaction design")
            return
        }
        #expect(i == ["woolB:tensionL", "woolB:tensionM"])
        #expect(
            F.check(FactorTests.wb + "param w: vector[ncol(d[wool, tension])]\nprint ncol(d[wool, tension])").isEmpty)
    }

    @Test func comparisonsGiveZeroOneVectors() {
        if case .vector(4)? = shape("b", "data b = d.wool == \"B\"") {} else { Issue.record("not a vector of 4") }
        if case .vector(4)? = shape("b", "data b = \"B\" != d.wool") {} else { Issue.record("not a vector of 4") }
        if case .vector(4)? = shape("b", "data b = d.tension < \"M\"") {} else { Issue.record("not a vector of 4") }
        if case .vector(4)? = shape("b", "data b = d.wool == d.tension") {} else { Issue.record("not a vector") }
        if case .scalar? = shape("b", "data b = d.wool[1] == \"A\"") {} else { Issue.record("not a number") }
        if case .vector(4)? = shape("b", "data b = d.breaks >= 30") {} else { Issue.record("not a vector of 4") }
        // A text column with an empty cell: the row is named.
        #expect(
            F.check(FactorTests.wb + "print d.site == \"x\", sum(d.wool == \"A\")") == [
                "2:7: wb.csv row 2 (line 3), column 'site': the cell is empty (a missing value), so the row has no level"
            ])
    }

    @Test func aLevelNoRowHasIsNamed() {
        #expect(
            F.check(FactorTests.wb + "print d.wool == \"b\"") == [
                "2:17: no row of 'wool' has the level \"b\"; its levels are \"A\" and \"B\" [did you mean 'B'?]"
            ])
        #expect(
            F.check(FactorTests.wb + "data t = factor(d.tension, ref: \"X\")") == [
                "2:33: no row of 'tension' has the level \"X\"; its levels are \"H\", \"L\" and \"M\""
            ])
        #expect(
            F.check(FactorTests.wb + "data t = factor(d.tension, levels: [\"L\", \"M\"])") == [
                "2:36: row 3 of 'tension' has the level \"H\", which the levels given do not list"
            ])
    }

    @Test func textAndNumbersDoNotCompare() {
        #expect(
            F.check(FactorTests.wb + "print d.wool == 1") == [
                "2:7: a text column cannot be compared with a number [compare it with a level, in quotes: d.wool == \"A\"]"
            ])
        #expect(
            F.check(FactorTests.wb + "print d.breaks > \"B\"") == [
                "2:7: a number cannot be compared with a string "
                    + "[numbers compare with numbers (d.hp > 100), text with strings (d.wool == \"B\")]"
            ])
    }

    @Test func missingCellsAreNamedByRow() {
        let site = "wb.csv row 2 (line 3), column 'site': the cell is empty (a missing value), so the row has no level"
        #expect(F.check(FactorTests.wb + "param w: vector[1]\nlet e = w·d[site]") == ["3:13: \(site)"])
        #expect(F.check(FactorTests.wb + "print levels(d.site)") == ["2:14: \(site)"])
        #expect(F.check(FactorTests.wb + "data s = factor(d.site)") == ["2:17: \(site)"])
        #expect(
            F.check("data g = csv(\"gaps.csv\")\nprint g.b > 2") == [
                "2:7: gaps.csv row 2 (line 3), column 'b': the cell is empty (a missing value), "
                    + "so a comparison has no answer there"
            ])
        // R's NA in a numeric column makes it text to mle: the comparison names that cell.
        #expect(
            F.check("data aq = csv(\"na.csv\")\nprint aq.ozone > 30") == [
                "2:7: na.csv row 2 (line 3), column 'ozone': expected a number, found 'NA'"
            ])
    }

    /// A text column that is mostly numbers is a numeric column with a bad cell, not a factor,
    /// unless factor() says so.
    @Test func mostlyNumbersIsABadNumericColumn() {
        let bad = "wb.csv row 4 (line 5), column 'grade': expected a number, found '?'"
        #expect(F.check(FactorTests.wb + "data X = d[breaks, grade]") == ["2:20: \(bad)"])
        #expect(F.check(FactorTests.wb + "print d.grade + 1") == ["2:7: \(bad)"])
        #expect(F.check(FactorTests.wb + "print d.grade == \"?\"") == ["2:7: \(bad)"])
        #expect(F.check(FactorTests.wb + "data g = factor(d.grade)\nprint levels(g), g == \"?\"").isEmpty)
    }

    @Test func aCoefficientPerIndicatorColumn() {
        let ok = FactorTests.wb + "param b\nparam v: vector[2]\nparam w: vector[3]\n"
        #expect(F.check(ok + "model d.breaks ~ Poisson(exp(b*d.wool + v*d.tension + w·d[wool, tension]))").isEmpty)
        #expect(
            F.check(ok + "model d.breaks ~ Poisson(exp(b*d.tension))") == [
                "5:30: 'b' is one number, but d.tension has 3 levels, so it expands to 2 indicator columns "
                    + "(tensionL, tensionM), each with its own coefficient "
                    + "[declare 'param b: vector[2]' and write b·d.tension]"
            ])
        #expect(
            F.check(ok + "model d.breaks ~ Poisson(exp(w*d.tension))") == [
                "5:30: 'w' has 3 components, but d.tension expands to 2 indicator columns: tensionL, tensionM"
            ])
        #expect(
            F.check(ok + "model d.breaks ~ Poisson(exp(b + d.breaks*d.wool))") == [
                "5:34: a factor multiplies a coefficient (a param), not data with a value per row "
                    + "[for the data in the rows at one level, multiply by a comparison: d.breaks * (d.wool == \"B\")]"
            ])
    }

    @Test func theExpansionExplainsAWrongLength() {
        #expect(
            F.check(FactorTests.wb + "param w: vector[2]\nmodel d.breaks ~ Poisson(exp(w·d[wool, tension]))") == [
                "3:30: '·' needs as many components as columns: w has 2, but d[wool, tension] expands to 3 columns: "
                    + "woolB, tensionL, tensionM [a text column gives one indicator column for each level after the "
                    + "first (its baseline); declare 'param w: vector[3]']"
            ])
    }

    @Test func aFactorWithOneLevelIsCollinearWithTheIntercept() {
        #expect(
            F.check(FactorTests.wb + "param b\nmodel d.breaks ~ Poisson(exp(b*d.one))") == [
                "3:32: every row of 'one' has the level \"u\", so it has no indicator columns: "
                    + "a factor with one level is collinear with the intercept"
            ])
        #expect(F.check(FactorTests.wb + "print levels(d.one), d.one == \"u\"").isEmpty)
    }

    @Test func factorInArithmeticSaysHowToUseIt() {
        #expect(
            F.check(FactorTests.wb + "data t = factor(d.tension)\nprint t + 1") == [
                "3:7: a factor cannot be used in arithmetic [compare it with a level for a 0/1 vector (t == \"M\"), "
                    + "or give it coefficients in a model (b*t, w·t)]"
            ])
    }

    @Test func factorAndLevelsArguments() {
        #expect(
            F.check(FactorTests.wb + "print factor(d.tension, base: \"L\")") == [
                "2:25: factor() has no option 'base' "
                    + "[its options are ref: (the baseline level) and levels: (every level, in order)]"
            ])
        #expect(
            F.check(FactorTests.wb + "print factor(d.tension, ref: L)") == [
                "2:30: ref: is a level in quotes, such as ref: \"L\""
            ])
        #expect(F.check(FactorTests.wb + "print factor()").count == 1)
        #expect(
            F.check(FactorTests.wb + "print factor(d.wool, ref: \"A\", ref: \"B\")") == ["2:32: 'ref' is given twice"])
        #expect(F.check(FactorTests.wb + "print factor(d.wool, levels: [])").count == 1)
        #expect(
            F.check(FactorTests.wb + "print levels(d.breaks)") == [
                "2:14: levels() needs a text column or a factor, but this is a vector of 4 "
                    + "[a column of numbers has levels once it is a factor: levels(factor(d.cyl))]"
            ])
        #expect(F.check(FactorTests.wb + "print length(levels(d.tension)), length(d.wool)").isEmpty)
    }
}
