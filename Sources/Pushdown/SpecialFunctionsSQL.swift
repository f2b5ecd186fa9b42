/// log Γ, ψ and ψ′ written in SQL, which has none of them, for arguments z > 0.
///
/// Each shifts the argument up by recurrence until the asymptotic (Stirling) series is
/// accurate to a few ulps, then sums that series by Horner's rule in r = 1/w²:
///
///     log Γ(z) = log Γ(z + 8) − log(z(z+1)⋯(z+7)),
///     log Γ(w) = (w − ½) log w − w + ½ log 2π + Σₖ B₂ₖ / (2k(2k−1) w^(2k−1))   (w = z + 8 ≥ 8);
///     ψ(z) = ψ(z + 10) − Σₖ₌₀⁹ 1/(z + k),  ψ(w) = log w − 1/(2w) − Σₖ B₂ₖ / (2k w^(2k));
///     ψ′(z) = ψ′(z + 12) + Σₖ₌₀¹¹ 1/(z + k)²,  ψ′(w) = 1/w + 1/(2w²) + Σₖ B₂ₖ / w^(2k+1).
///
/// With the shifts and the seven terms kept, the first omitted term is below 3·10⁻¹⁶
/// relative at the smallest w (checked against GSL in PushdownTests).
enum SpecialFunctionsSQL {
    static func logGamma(_ z: String) -> String {
        let w = "(\(z) + 8.0)"
        let r = "(1.0 / (\(w) * \(w)))"
        // 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156
        let series = horner(
            ["1.0 / 12", "1.0 / 360", "1.0 / 1260", "1.0 / 1680", "1.0 / 1188", "691.0 / 360360", "1.0 / 156"], r)
        let product = (0..<8).map { $0 == 0 ? z : "(\(z) + \($0).0)" }.joined(separator: " * ")
        return "((\(w) - 0.5) * ln(\(w)) - \(w) + 0.91893853320467274178 + \(series) / \(w) - ln(\(product)))"
    }

    static func digamma(_ z: String) -> String {
        let w = "(\(z) + 10.0)"
        let r = "(1.0 / (\(w) * \(w)))"
        // 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760, 1/12
        let series = horner(
            ["1.0 / 12", "1.0 / 120", "1.0 / 252", "1.0 / 240", "1.0 / 132", "691.0 / 32760", "1.0 / 12"], r)
        let shifts = (0..<10).map { "1.0 / " + ($0 == 0 ? z : "(\(z) + \($0).0)") }.joined(separator: " - ")
        return "(ln(\(w)) - 0.5 / \(w) - \(r) * \(series) - \(shifts))"
    }

    static func trigamma(_ z: String) -> String {
        let w = "(\(z) + 12.0)"
        let r = "(1.0 / (\(w) * \(w)))"
        // 1/6, −1/30, 1/42, −1/30, 5/66, −691/2730, 7/6
        let series = horner(["1.0 / 6", "1.0 / 30", "1.0 / 42", "1.0 / 30", "5.0 / 66", "691.0 / 2730", "7.0 / 6"], r)
        let shifts = (0..<12).map { k -> String in
            let a = k == 0 ? z : "(\(z) + \(k).0)"
            return "1.0 / (\(a) * \(a))"
        }.joined(separator: " + ")
        return "(1.0 / \(w) + 0.5 * \(r) + \(r) / \(w) * \(series) + \(shifts))"
    }

    /// c₀ − r·(c₁ − r·(c₂ − …)): the alternating series Σ (−1)ᵏ cₖ rᵏ by Horner's rule.
    static func horner(_ coefficients: [String], _ r: String) -> String {
        var text = coefficients.last ?? "0"
        for c in coefficients.dropLast().reversed() { text = "(\(c) - \(r) * \(text))" }
        return text
    }
}
