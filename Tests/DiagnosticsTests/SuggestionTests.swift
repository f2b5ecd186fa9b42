import Diagnostics
import Testing

@Suite struct SuggestionTests {
    static func distance(_ a: String, _ b: String) -> Int {
        Suggestion.editDistance(Array(a), Array(b))
    }

    @Test(arguments: [
        ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("flips", "flips", 0),
        ("kitten", "sitting", 3), ("flips", "fliqs", 1), ("sigma", "sigm", 1), ("mu", "mux", 1),
        // A swap of neighbours is one edit (optimal string alignment), not two.
        ("sigma", "sgima", 1), ("ab", "ba", 1), ("abcd", "badc", 2),
        // ...but OSA does not edit a swapped pair again: "ca" → "abc" is 3, not 2.
        ("ca", "abc", 3),
        ("μ", "σ", 1), ("θ̂", "θ", 1),
    ])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(Self.distance(a, b) == expected)
        #expect(Self.distance(b, a) == expected)
    }

    @Test func closestPicksTheNearestPlausibleTypo() {
        let names = ["flips", "heads", "sigma", "mean", "sd"]
        #expect(Suggestion.closest(to: "fliqs", among: names) == "flips")
        #expect(Suggestion.closest(to: "sgima", among: names) == "sigma")
        #expect(Suggestion.closest(to: "Sigma", among: names) == "sigma")
        // Too far: at most a third of the name's length (and at least one edit) is allowed.
        #expect(Suggestion.closest(to: "xyz", among: names) == nil)
        #expect(Suggestion.closest(to: "sigmaaaa", among: names) == nil)
        #expect(Suggestion.closest(to: "sigmaa", among: names) == "sigma")
        // Short names allow one edit.
        #expect(Suggestion.closest(to: "se", among: names) == "sd")
        // A one-letter name is no typo for another letter, but may be for a longer name.
        #expect(Suggestion.closest(to: "σ", among: ["y", "x"]) == nil)
        #expect(Suggestion.closest(to: "K", among: ["x"]) == nil)
        #expect(Suggestion.closest(to: "X", among: ["x"]) == "x")
        #expect(Suggestion.closest(to: "x", among: ["y", "xs"]) == "xs")
        // The name itself is never suggested.
        #expect(Suggestion.closest(to: "mean", among: ["mean"]) == nil)
        #expect(Suggestion.closest(to: "x", among: [String]()) == nil)
    }

    @Test func closestPrefersTheSmallestDistanceThenTheFirst() {
        #expect(Suggestion.closest(to: "abcdef", among: ["abcxyz", "abcdxf", "abcdeg"]) == "abcdxf")
        #expect(Suggestion.closest(to: "abcdef", among: ["abcdeg", "abcdxf"]) == "abcdeg")
    }
}
