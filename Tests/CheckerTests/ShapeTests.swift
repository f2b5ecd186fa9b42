import Checker
import Diagnostics
import Testing

/// Shapes: element-wise operations, the dot product, matrix literals and literal indices.
@Suite struct ShapeTests {
    typealias F = CheckerFixture

    static let elementwiseHelp = "element-wise operations need equal shapes, or a number on one side"

    @Test func vectorLengthMismatch() {
        let ds = F.diagnostics("print [1, 2] + [1, 2, 3]")
        #expect(ds.map(\.message) == ["shapes do not match: a vector of 2 and a vector of 3"])
        #expect(ds.first?.span?.text == "[1, 2] + [1, 2, 3]")
        #expect(ds.first?.help == Self.elementwiseHelp)
        #expect(ds.first?.notes.map(\.message) == ["this is a vector of 2", "this is a vector of 3"])
        #expect(ds.first?.notes.map { $0.span?.text } == ["[1, 2]", "[1, 2, 3]"])
    }

    @Test func shapesFlowThroughNames() {
        #expect(
            F.check("data x = [1, 2, 3]\ndata y = [1, 2]\nlet z = x * 2\nprint z - y") == [
                "4:7: shapes do not match: a vector of 3 and a vector of 2 [\(Self.elementwiseHelp)]"
            ])
    }

    @Test func matrixVectorMismatch() {
        #expect(
            F.check("print [[1, 2], [3, 4]] + [1, 2]") == [
                "1:7: shapes do not match: a 2×2 matrix and a vector of 2 [\(Self.elementwiseHelp)]"
            ])
        #expect(
            F.check("print [[1, 2], [3, 4]] * [[1, 2, 3], [4, 5, 6]]") == [
                "1:7: shapes do not match: a 2×2 matrix and a 2×3 matrix [\(Self.elementwiseHelp)]"
            ])
        #expect(
            F.check("print [[1, 2], [3, 4]] / [[1, 2]]") == [
                "1:7: shapes do not match: a 2×2 matrix and a 1×2 matrix [\(Self.elementwiseHelp)]"
            ])
    }

    @Test func aNumberBroadcastsOverAnything() {
        #expect(F.check("data m = [[1, 2], [3, 4]]\nprint 2 * m + 1, [1, 2] ^ 2, 1 - [1]").isEmpty)
        #expect(F.check("print min([1, 2], 3), max([[1, 2]], 0)").isEmpty)
        #expect(
            F.check("print max([1, 2], [1, 2, 3])") == [
                "1:11: shapes do not match: a vector of 2 and a vector of 3 [\(Self.elementwiseHelp)]"
            ])
    }

    @Test func dotProductShapes() {
        #expect(
            F.check("print [1, 2] · [1, 2, 3]") == [
                "1:7: '·' needs as many components as columns: one side has 2, the other 3 columns"
            ])
        #expect(
            F.check("print [[1, 2], [3, 4], [5, 6]] · [1, 2, 3]") == [
                "1:7: '·' needs as many components as columns: one side has 3, the other 2 columns"
            ])
        #expect(
            F.check("param w: vector[2]\ndata X = [[1, 2, 3], [4, 5, 6]]\nlet e = X · w") == [
                "3:9: '·' needs as many components as columns: one side has 2, the other 3 columns"
            ])
        #expect(
            F.check("print dot([1, 2], [1, 2, 3])") == [
                "1:11: '·' needs as many components as columns: one side has 2, the other 3 columns"
            ])
        #expect(
            F.check("print [1, 2] · 3") == [
                "1:7: '·' takes a vector and a vector, or a data matrix and a vector, but here it has a vector of 2 and a number"
            ])
        // A matrix and a matching vector give one value per row.
        #expect(
            F.check(
                "data y = [1, 2, 3]\nparam w: vector[2]\ndata X = [[1, 2], [3, 4], [5, 6]]\nmodel y ~ Normal(X · w, 1)"
            ).isEmpty)
        #expect(
            F.check(
                "data y = [1, 2]\nparam w: vector[2]\ndata X = [[1, 2], [3, 4], [5, 6]]\nmodel y ~ Normal(w · X, 1)")
                == [
                    "4:18: Normal's μ has 3 values, but the modelled data has 2 rows"
                ])
    }

    @Test func raggedAndMixedMatrixLiterals() {
        #expect(F.check("print [[1, 2], [3]]") == ["1:16: row 2 of the matrix has 1 value, but row 1 has 2"])
        #expect(
            F.check("print [[1, 2], [3, 4], [5, 6, 7]]") == ["1:24: row 3 of the matrix has 3 values, but row 1 has 2"])
        let mixed = "a literal mixes numbers and vectors; a matrix is written [[1, 2], [3, 4]]"
        #expect(F.check("print [[1, 2], 3]") == ["1:16: \(mixed)"])
        #expect(F.check("print [1, [2, 3]]") == ["1:11: \(mixed)"])
        #expect(
            F.check("print [[[1]]]") == [
                "1:8: a literal can be a vector [1, 2] or a matrix [[1, 2], [3, 4]], but not nested deeper"
            ])
    }

    @Test func literalIndicesAreCheckedAgainstLiteralShapes() {
        #expect(F.check("print [1, 2][3]") == ["1:14: index 3 is out of range: the vector has 2 elements"])
        #expect(F.check("data x = [1, 2]\nprint x[2], x[1]").isEmpty)
        #expect(F.check("data x = [1, 2]\nprint x[3]") == ["2:9: index 3 is out of range: the vector has 2 elements"])
        let m = "data m = [[1, 2, 3], [4, 5, 6]]\n"
        #expect(F.check(m + "print m[3, 1]") == ["2:9: index 3 is out of range: the matrix has 2 rows"])
        #expect(F.check(m + "print m[1, 4]") == ["2:12: index 4 is out of range: the matrix has 3 columns"])
        #expect(F.check(m + "print m[5]") == ["2:9: index 5 is out of range: the matrix has 2 rows"])
        #expect(F.check(m + "print m[2, 3], m[2]").isEmpty)
        let whole = "an index is a whole number from 1 (indexing starts at 1), but it is"
        #expect(F.check("print [1, 2][0]") == ["1:14: \(whole) 0"])
        #expect(F.check("print [1, 2][-1]") == ["1:14: \(whole) -1"])
        #expect(F.check("print [1, 2][1.5]") == ["1:14: \(whole) 1.5"])
        // A computed index is checked when it runs, not here.
        #expect(F.check("print [1, 2][3 - 1], [1, 2][1 + 2]").isEmpty)
    }

    @Test func indexingNeedsTheRightNumberOfIndices() {
        #expect(F.check("print 3[1]") == ["1:7: cannot index a number with 1 index"])
        #expect(F.check("print [1, 2][1, 1]") == ["1:7: cannot index a vector of 2 with 2 indexes"])
        #expect(F.check("print [[1]][1, 1, 1]") == ["1:7: cannot index a 1×1 matrix with 3 indexes"])
        #expect(F.check("print [1, 2][[1]]") == ["1:14: an index must be a number, but it is a vector of 1"])
    }

    @Test func builtinArityAndShapes() {
        #expect(F.check("print log(1, 2)") == ["1:7: log() takes 1 argument, but 2 were given"])
        #expect(F.check("print sqrt()") == ["1:7: sqrt() takes 1 argument, but 0 were given"])
        #expect(F.check("print dot([1, 2])") == ["1:7: dot() takes 2 arguments, but 1 was given"])
        #expect(F.check("print log(x: 1)") == ["1:11: log() takes no named arguments"])
        #expect(
            F.check("print length([[1, 2], [3, 4]])") == [
                "1:14: length() takes a vector, but this is a 2×2 matrix [for a matrix use nrow() or ncol()]"
            ])
        #expect(F.check("print nrow([1, 2])") == ["1:12: nrow() takes a matrix or a table, but this is a vector of 2"])
        #expect(F.check("print ncol(3)") == ["1:12: ncol() takes a matrix or a table, but this is a number"])
        #expect(
            F.check("print logsumexp([1, 2], [3, 4])") == [
                "1:17: each argument of logsumexp must be a number, but it is a vector of 2",
                "1:25: each argument of logsumexp must be a number, but it is a vector of 2",
            ])
        #expect(F.check("print logsumexp(1, 2), logsumexp([1, 2]), sum([[1, 2]]), max(1)").isEmpty)
    }

    /// `max()` with no arguments: the message should say "at least 1", not print Int.max.
    @Test func variadicArityMessage() {
        let message = F.check("print max()").first ?? ""
        #expect(message.hasPrefix("1:7: max() takes"))
        #expect(!message.contains("9223372036854775807"))

    }
}
