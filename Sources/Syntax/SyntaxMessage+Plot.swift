extension SyntaxMessage.Expected {
    static let plotName = "a name for the plot"
    static let plotOver = "'over' and what the plot varies (plot loglik over μ)"
    static let plotFile = "a file name in quotes after 'to'"
}

extension SyntaxMessage {
    static let plotExample =
        "write 'plot loglik over μ', 'plot loglik over μ, σ', 'plot profile b1', 'plot trace' or 'plot EXPR over λ in (a, b)'"
    static let plotFileExample = "write 'to \"likelihood.svg\"'"
}
