import Diagnostics
import LinearAlgebra
import Syntax

/// The result of a fit, kept by the session for loglik, aic, bic, n and se().
struct FitRecord {
    let model: BuiltModel
    let estimate: [Double]
    let logLikelihood: Double
    let covariance: Matrix?
}

extension Session {
    func runFit(_ decl: FitDeclaration, _ span: SourceSpan) throws {
        throw notYet("'fit'", span)
    }

    func derive(_ model: Name?, _ span: SourceSpan) throws {
        throw notYet("'derive'", span)
    }

    func standardError(_ e: ExpressionSyntax, _ span: SourceSpan) throws -> Value {
        throw notYet("se()", span)
    }
}
