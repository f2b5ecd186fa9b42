import Foundation

/// Random decimal numbers spelled the ways files spell them, and the ways that are
/// hard to convert, for checking a number parser against the C library's `strtod`
/// (the tests and `mle-bench csv verify`).
///
/// Each draw picks one family: the shortest round-trip spelling of a random double
/// (any exponent), `%.17g` of one, `%.Ng` with 1–25 digits, fixed notation with many
/// leading zeros (as polars writes small numbers), random digit strings with random
/// points and exponents (19+ digit mantissas, exponents beyond ±400, "5.", ".5",
/// leading zeros, signs), subnormals, the neighbourhoods of the largest and smallest
/// doubles, integers around 2⁵³ and 2⁶⁴, and the exact decimal midpoint between two
/// adjacent doubles (the tie cases), cut short or nudged by a digit.
public struct DecimalSpellings: Sendable {
    private var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    public mutating func next() -> String {
        switch generator.next() % 10 {
        case 0: return randomDouble().description
        case 1: return String(format: "%.17g", randomDouble())
        case 2: return String(format: "%.\(1 + generator.next() % 25)g", scaledNormal())
        case 3: return String(format: "%.\(generator.next() % 30)f", scaledNormal() * 1e-6)
        case 4, 5: return digitString()
        case 6: return String(format: generator.next() % 2 == 0 ? "%.17g" : "%.25g", subnormal())
        case 7: return String(format: "%.\(15 + generator.next() % 10)g", nearLimit())
        case 8: return String(UInt64.max - generator.next() % (1 << 12) * (1 << (generator.next() % 53)))
        default: return midpoint()
        }
    }

    /// A finite double from random bits: every exponent equally likely.
    private mutating func randomDouble() -> Double {
        while true {
            let x = Double(bitPattern: generator.next())
            if x.isFinite { return x }
        }
    }

    private mutating func scaledNormal() -> Double {
        generator.normal() * pow(10, Double(Int(generator.next() % 40) - 20))
    }

    private mutating func subnormal() -> Double {
        Double(bitPattern: generator.next() % (1 << 52) | (generator.next() % 2) << 63)
    }

    /// Within a few units in the last place of the largest double, the smallest normal
    /// one, or the smallest subnormal one.
    private mutating func nearLimit() -> Double {
        let anchors: [Double] = [.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude]
        var x = anchors[Int(generator.next() % 3)]
        for _ in 0..<(generator.next() % 4) { x = generator.next() % 2 == 0 ? x.nextDown : x.nextUp }
        return x
    }

    /// Digits with a random point and exponent: up to 25 before the point and 25 after.
    private mutating func digitString() -> String {
        let sign = ["", "-", "+"][Int(generator.next() % 3)]
        var whole = (0..<(generator.next() % 26)).map { _ in String(generator.next() % 10) }.joined()
        var fraction = (0..<(generator.next() % 26)).map { _ in String(generator.next() % 10) }.joined()
        if whole.isEmpty && fraction.isEmpty { whole = String(generator.next() % 10) }
        if generator.next() % 4 == 0 { fraction = String(repeating: "0", count: Int(generator.next() % 20)) + fraction }
        var text = sign + whole
        if !fraction.isEmpty || generator.next() % 8 == 0 { text += "." + fraction }
        if generator.next() % 2 == 0 {
            let exponent = Int(generator.next() % 801) - 400
            text +=
                (generator.next() % 2 == 0 ? "e" : "E") + (exponent >= 0 && generator.next() % 2 == 0 ? "+" : "")
                + String(exponent)
        }
        return text
    }

    /// The exact decimal halfway between a random positive double and the next one up,
    /// sometimes cut to 17–40 significant digits or with a 1 appended (just above).
    private mutating func midpoint() -> String {
        let x = abs(randomDouble())
        guard x < .greatestFiniteMagnitude else { return "1.7976931348623158e308" }
        // x = m · 2^e with m a whole number; the midpoint is (2m + 1) · 2^(e − 1).
        let bits = x.bitPattern
        let biased = Int(bits >> 52)
        let m = biased == 0 ? bits & (1 << 52 - 1) : bits & (1 << 52 - 1) | 1 << 52
        let e = (biased == 0 ? 1 : biased) - 1075
        var digits = Limbs(2 * m + 1)
        var text: String
        if e - 1 >= 0 {
            for _ in 0..<(e - 1) { digits.multiply(by: 2) }
            text = digits.decimal
        } else {
            for _ in 0..<(1 - e) { digits.multiply(by: 5) }
            let all = digits.decimal
            let scale = 1 - e
            let padded = String(repeating: "0", count: max(0, scale + 1 - all.count)) + all
            text = padded.dropLast(scale) + "." + padded.suffix(scale)
        }
        switch generator.next() % 4 {
        case 0: return text + "1"
        case 1: return String(text.prefix(17 + Int(generator.next() % 24)))
        default: return text
        }
    }
}

/// A whole number as little-endian 32-bit limbs: enough to write exact midpoints.
private struct Limbs {
    var limbs: [UInt32]

    init(_ value: UInt64) { limbs = [UInt32(truncatingIfNeeded: value), UInt32(value >> 32)] }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
    }

    /// The decimal digits, by repeated division by 10⁹.
    var decimal: String {
        var remaining = limbs
        var groups: [UInt32] = []
        while remaining.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for index in remaining.indices.reversed() {
                let current = remainder << 32 | UInt64(remaining[index])
                remaining[index] = UInt32(current / 1_000_000_000)
                remainder = current % 1_000_000_000
            }
            groups.append(UInt32(remainder))
        }
        guard let top = groups.last else { return "0" }
        return String(top) + groups.dropLast().reversed().map { String(format: "%09u", $0) }.joined()
    }
}
