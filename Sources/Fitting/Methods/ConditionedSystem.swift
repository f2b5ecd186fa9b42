import LinearAlgebra

/// A least-squares system X·β ≈ y rewritten in a basis where neither the units nor
/// the offsets of the columns matter, so that the rank decision and the solution
/// keep their digits on badly scaled data (x = 10⁶ + [0, .5, 1, 1.5, 2]; y near 10⁻²⁰⁰).
///
/// With an invertible k×k matrix A and a scale s > 0, the problem min ‖X·β − y‖ is the
/// same as min ‖(X·A)·z − y/s‖ with β = s·A·z, and (XᵀX)⁻¹ = A·((XA)ᵀ(XA))⁻¹·Aᵀ. A is
/// built from column operations:
///
/// 1. each column divided by the power of two nearest its largest |xᵢⱼ| (units; exact,
///    and no squares, so no overflow);
/// 2. when the model has an intercept (a column constant over the rows), its projection
///    taken out of every other column, xⱼ ← xⱼ − (⟨xⱼ, x_c⟩/⟨x_c, x_c⟩)·x_c: centring, which
///    turns [1, 10⁶ + t] (condition number 10¹²) into [1, t − t̄] (condition number ≈ 1);
/// 3. each column divided so again.
///
/// y is divided by s, the power of two nearest max |yᵢ|, so the residual sum of squares neither underflows
/// (values near 10⁻²⁰⁰, whose squares are 0 in doubles) nor overflows (near 10²⁰⁰).
struct ConditionedSystem {
    /// X·A, then the rows appended for priors (they are transformed alike).
    let matrix: Matrix
    /// y / s.
    let response: [Double]
    /// A, k×k.
    let transform: Matrix
    /// s.
    let responseScale: Double

    /// - Parameters:
    ///   - x: the system's matrix (√w-scaled rows, prior rows appended after the first `rows`).
    ///   - y: its right-hand side.
    ///   - rows: how many leading rows are observations (the rest are prior rows).
    ///   - intercept: a column constant over the observations (before √w scaling), if any.
    init(x: Matrix, y: [Double], rows: Int, intercept: Int?) {
        let k = x.columns
        var a = Matrix.identity(k)
        var m = x
        ConditionedSystem.scaleColumns(&m, &a, rows: rows)
        if let c = intercept {
            let base = (0..<rows).map { m[$0, c] }
            let norm2 = base.reduce(0) { $0 + $1 * $1 }
            if norm2 > 0 {
                for j in 0..<k where j != c {
                    let projection = (0..<rows).reduce(0) { $0 + m[$1, j] * base[$1] } / norm2
                    for i in 0..<m.rows { m[i, j] -= projection * m[i, c] }
                    for i in 0..<k { a[i, j] -= projection * a[i, c] }
                }
            }
        }
        ConditionedSystem.scaleColumns(&m, &a, rows: rows)
        let s = y.reduce(0) { Swift.max($0, Swift.abs($1)) }
        let scale = s > 0 && s.isFinite ? ConditionedSystem.powerOfTwo(near: s) : 1
        responseScale = scale
        response = y.map { $0 / scale }
        matrix = m
        transform = a
    }

    /// Divides each column of `m` by the power of two nearest its largest |entry| over the
    /// observation rows (and records the operation in `a`); a zero column is left as it is.
    /// A power of two, because dividing by it is exact: dividing 10⁸ + 0.1·t by 10⁸ would
    /// round each value by 10⁻¹⁶ and leave the spread, 10⁻⁹ after scaling, 7 digits.
    static func scaleColumns(_ m: inout Matrix, _ a: inout Matrix, rows: Int) {
        for j in 0..<m.columns {
            let largest = (0..<rows).reduce(0) { Swift.max($0, Swift.abs(m[$1, j])) }
            guard largest > 0, largest.isFinite else { continue }
            let scale = powerOfTwo(near: largest)
            for i in 0..<m.rows { m[i, j] /= scale }
            for i in 0..<a.rows { a[i, j] /= scale }
        }
    }

    /// 2^e with 2^e ≤ x < 2^(e+1), for finite x > 0.
    static func powerOfTwo(near x: Double) -> Double {
        Double(sign: .plus, exponent: x.exponent, significand: 1)
    }

    /// β = s·A·z.
    func coefficients(_ z: [Double]) -> [Double] {
        (transform * z).map { $0 * responseScale }
    }

    /// (XᵀX)⁻¹ = A·C·Aᵀ from C = ((XA)ᵀ(XA))⁻¹.
    func unscaledCovariance(_ c: Matrix) -> Matrix {
        transform * c * transform.transposed
    }

    /// The first column constant (and nonzero) over the rows of `x`: the intercept.
    static func interceptColumn(_ x: Matrix) -> Int? {
        guard x.rows >= 2 else { return nil }
        return (0..<x.columns).first { j in
            x[0, j] != 0 && (1..<x.rows).allSatisfy { x[$0, j] == x[0, j] }
        }
    }
}
