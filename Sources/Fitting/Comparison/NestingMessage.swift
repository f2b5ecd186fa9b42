import Diagnostics

/// The wording of `compare`'s decisions about pairs of models.
enum NestingMessage {
    static func termCounts(_ a: String, _ na: Int, _ b: String, _ nb: Int) -> String {
        "\(a) has \(na) likelihood term\(na == 1 ? "" : "s") and \(b) has \(nb), so they do not model the same data"
    }

    static func rowCounts(_ a: String, _ na: Int, _ b: String, _ nb: Int) -> String {
        "\(a) is fitted to \(na) rows and \(b) to \(nb): their likelihoods are of different data, so comparing them means nothing"
    }

    static func responsesDiffer(_ a: String, _ response: String, _ b: String) -> String {
        "\(a) models \(response), and no term of \(b) models the same values: their likelihoods are of different data, so comparing them means nothing"
    }

    static func weightsDiffer(_ a: String, _ b: String, _ response: String) -> String {
        "\(a) and \(b) model the same values of \(response) with different weights or censoring, so their likelihoods are of different data"
    }

    static func mapFit(_ name: String) -> String {
        "\(name) is a MAP fit (it has priors): its ℓ̂ is not the maximum of ℓ, so a likelihood-ratio test does not apply"
    }

    static func notConverged(_ name: String) -> String {
        "\(name)'s fit stopped before the maximum, so its ℓ̂ is not the maximum a likelihood-ratio test needs"
    }

    static func sameSize(_ a: String, _ b: String, _ k: Int) -> String {
        "\(a) and \(b) both have \(k) parameter\(k == 1 ? "" : "s") and neither is a special case of the other: they are not nested (compare them by AIC)"
    }

    static func differentFamilies(_ a: String, _ fa: String, _ b: String, _ fb: String) -> String {
        "\(a) is a \(fa) model and \(b) a \(fb) model, and \(fa) is not a special case of \(fb): they are not nested (compare them by AIC)"
    }

    static func cannotExpress(_ large: String, _ small: String) -> String {
        "no values of \(large)'s params give the distributions \(small) fitted, row by row, so \(small) is not \(large) with some params fixed: they are not nested (compare them by AIC)"
    }

    static func fixedAt(_ name: String, _ value: Double) -> String {
        "\(name) = \(NumberFormat.mathematical(value, digits: 7))"
    }
}
