/// Plain ASCII for a terminal whose character set is not UTF-8: the mathematics a plot's
/// labels are written in (ℓ̂ − χ²₁(0.95)/2, σ̂, ‖∇ℓ‖, (XᵀX)⁻¹) spelt as a reader would type
/// it (lhat - chi^2_1(0.95)/2, sigmahat, ||grad l||, (X'X)^-1).
///
/// Greek letters become their names, a combining circumflex the suffix "hat", a run of
/// superscripts "^" and the run, a run of subscripts "_" and the run; a character with
/// no ASCII spelling becomes "?". The result is always ASCII.
enum ASCIIText {
    static func fold(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(\.isASCII) { return text }
        var out = ""
        var script: Character? = nil  // "^" or "_" while inside a run of super- or subscripts
        for scalar in text.unicodeScalars {
            if let (mark, plain) = ASCIIText.scripted(scalar) {
                if script != mark { out.append(mark) }
                script = mark
                out += plain
                continue
            }
            script = nil
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else if scalar.value == 0x302 {
                out += "hat"
            } else if let name = ASCIIText.greek[scalar] {
                out += name
            } else {
                out += ASCIIText.symbols[scalar] ?? "?"
            }
        }
        return out
    }

    /// A superscript or subscript character: its mark and its plain form.
    static func scripted(_ scalar: Unicode.Scalar) -> (Character, String)? {
        if let plain = superscripts[scalar] { return ("^", plain) }
        if let plain = subscripts[scalar] { return ("_", plain) }
        return nil
    }

    static let superscripts = table("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", "0123456789+-=()ni")
    static let subscripts = table("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₖₙₚᵢⱼ", "0123456789+-=()aeoxknpij")

    /// Each scalar of `from` spelt as the character at the same place in `to`.
    static func table(_ from: String, _ to: String) -> [Unicode.Scalar: String] {
        Dictionary(zip(from.unicodeScalars, to.map(String.init)), uniquingKeysWith: { a, _ in a })
    }

    static let greek: [Unicode.Scalar: String] = {
        let lower = "α β γ δ ε ζ η θ ι κ λ μ ν ξ ο π ρ σ τ υ φ χ ψ ω".split(separator: " ")
        let names =
            "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega"
            .split(separator: " ")
        let upper = "Α Β Γ Δ Ε Ζ Η Θ Ι Κ Λ Μ Ν Ξ Ο Π Ρ Σ Τ Υ Φ Χ Ψ Ω".split(separator: " ")
        var table: [Unicode.Scalar: String] = ["ς": "sigma", "ϕ": "phi", "ϵ": "epsilon", "ϑ": "theta"]
        for (k, name) in names.enumerated() {
            if let l = lower[k].unicodeScalars.first { table[l] = String(name) }
            if let u = upper[k].unicodeScalars.first { table[u] = name.prefix(1).uppercased() + name.dropFirst() }
        }
        return table
    }()

    static let symbols: [Unicode.Scalar: String] = [
        "ℓ": "l", "−": "-", "–": "-", "—": "--", "·": "*", "×": "x", "±": "+-", "√": "sqrt", "≤": "<=", "≥": ">=",
        "≈": "~", "≠": "!=", "∞": "inf", "→": "->", "←": "<-", "…": "...", "‖": "||", "∇": "grad ", "∂": "d", "ᵀ": "'",
        "’": "'", "‘": "'", "“": "\"", "”": "\"", "∈": "in", "●": "o", "°": "deg", "\u{A0}": " ", "′": "'",
    ]
}
