import LinearAlgebra

/// What a least-squares solver sees: residuals r(x) ∈ ℝⁿ and their Jacobian, to make
/// ½‖r(x)‖² as small as possible.
public protocol ResidualObjective {
    var dimension: Int { get }
    /// r(x), with the n×k Jacobian J = ∂r/∂x (row-major) when asked for; nil when r
    /// cannot be evaluated at x (a parameter outside its domain).
    func residuals(_ x: [Double], jacobian: Bool) -> (r: [Double], jacobian: Matrix?)?
}
