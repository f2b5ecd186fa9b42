/// The one table of binary operator precedence and associativity.
///
/// From loosest to tightest:
///
/// | level | operators | associativity |
/// |---|---|---|
/// | 1 | `≈` (`~=`) | none |
/// | 2 | `==` `!=` `<` `<=` `>` `>=` | none |
/// | 3 | `±` (`+-`) | left |
/// | 4 | `+` `-` | left |
/// | 5 | `*` `/` `·` | left |
/// | 6 | unary `-` `+` | prefix |
/// | 7 | `^` | right (binds tighter than unary minus: `-2^2` is −4) |
/// | 8 | call `f(…)`, index `x[i]`, member `d.col`, superscript power `x²` | postfix |
public enum Precedence {
    public enum Associativity { case left, none }

    public static let unary = 6
    public static let power = 7

    /// The binary operator a token stands for, with its level and associativity
    /// (only the levels parsed by precedence climbing; `^` is handled with unary minus).
    public static func binary(_ kind: TokenKind) -> (BinaryOperator, level: Int, Associativity)? {
        switch kind {
        case .approx: return (.approx, 1, .none)
        case .equal: return (.equal, 2, .none)
        case .notEqual: return (.notEqual, 2, .none)
        case .less: return (.less, 2, .none)
        case .lessEqual: return (.lessEqual, 2, .none)
        case .greater: return (.greater, 2, .none)
        case .greaterEqual: return (.greaterEqual, 2, .none)
        case .plusMinus: return (.plusMinus, 3, .left)
        case .plus: return (.add, 4, .left)
        case .minus: return (.subtract, 4, .left)
        case .star: return (.multiply, 5, .left)
        case .slash: return (.divide, 5, .left)
        case .middleDot: return (.dot, 5, .left)
        default: return nil
        }
    }

    /// The level of an operator when printed back (for parenthesising).
    public static func level(of op: BinaryOperator) -> Int {
        switch op {
        case .approx: return 1
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return 2
        case .plusMinus: return 3
        case .add, .subtract: return 4
        case .multiply, .divide, .dot: return 5
        case .power: return 7
        }
    }
}
