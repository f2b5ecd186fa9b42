/// Expressions compiled once into a flat instruction list over slots, run over
/// blocks of rows: one dispatch per instruction per block, then a tight loop
/// over the block's rows on unsafe buffers (no per-row allocation or dispatch).
///
/// Row-invariant subexpressions (everything not mentioning a column or a
/// linear predictor) are hoisted out as scalar inputs: evaluated once per run
/// and broadcast, so the per-row loop does only per-row work.
public struct Tape {
    public enum OpCode: UInt8, CaseIterable, Sendable {
        case add, sub, mul, div, pow, neg, square, recip, sqrt
        case exp, log, log1p, expm1, sigmoid, softplus, logit, lgamma, digamma, trigamma, tetragamma, abs, sign
        case logNormalCDF, normalMills
        /// log(eᵃ + eᵇ)
        case logAddExp
        /// e = exp(−|x|), shared by σ(x), σ(−x), softplus(x) and softplus(−x) of the same x.
        case expNegAbs
        /// σ(±x) and softplus(±x) from x and its e = exp(−|x|): one exp (and one log1p) per row
        /// for all four, each computed without overflow or cancellation.
        case sigmoidShared, sigmoidNegShared, softplusShared, softplusNegShared
        /// Any other function of the IR, of one to three operands (a, b, c), by `function`.
        case call
    }

    public struct Instruction: Sendable {
        public var op: OpCode
        public var a: Int32
        public var b: Int32
        public var out: Int32
        /// The third operand of a `call` (−1: none).
        public var c: Int32 = -1
        /// The function a `call` applies.
        public var function: Function? = nil

        public var operands: [Int32] { [a, b, c].filter { $0 >= 0 } }
    }

    public let instructions: [Instruction]
    public let slotCount: Int
    /// Slots holding a column or linear predictor: bound to data each block.
    public let rowInputs: [(slot: Int32, symbol: Symbol)]
    /// Slots holding a row-invariant value (constants, parameters, functions of them).
    public let scalarInputs: [(slot: Int32, expr: Expr)]
    /// The slot of each compiled output.
    public let outputs: [Int32]
    /// The store the expressions came from (for symbol names in the disassembly).
    let store: ExprStore?

    /// Compiles the outputs into one tape (shared subexpressions computed once).
    public init(outputs expressions: [Expr]) {
        var compiler = TapeCompiler()
        compiler.findExponentials(expressions)
        for e in expressions { _ = compiler.slot(for: e) }
        compiler.allocate(outputs: expressions)
        instructions = compiler.instructions
        slotCount = compiler.slotCount
        rowInputs = compiler.rowInputs
        scalarInputs = compiler.scalarInputs
        outputs = expressions.map { compiler.finalSlot[$0.id]! }
        store = expressions.first?.store
    }
}

/// Builds instructions on virtual registers, then maps them to reusable slots by liveness.
struct TapeCompiler {
    var instructions: [Tape.Instruction] = []
    var rowInputs: [(slot: Int32, symbol: Symbol)] = []
    var scalarInputs: [(slot: Int32, expr: Expr)] = []
    var slotCount = 0
    /// Virtual register of each node.
    var virtual: [Int32: Int32] = [:]
    var virtualCount: Int32 = 0
    var inputVirtuals: Set<Int32> = []
    /// exp(−|x|) registers, by the node x (σ(x) and σ(−x) share one).
    var sharedExp: [Int32: Int32] = [:]
    var finalSlot: [Int32: Int32] = [:]
    /// The row-level exp(c·z) nodes of the outputs, by z and then c (see `findExponentials`).
    var exponentials: [Int32: [Double: Expr]] = [:]

    /// Finds every row-level exp(c·z) the outputs hold, so that exp(2c·z) can be compiled as
    /// exp(c·z)² when both are there: differentiating a mean with exp(−c·x) in it twice makes
    /// exp(−2c·x) (the simplifier folds e^(−cx)·e^(−cx)), and a second exp per row was a fifth
    /// of a nonlinear least-squares fit's order-2 pass. The square is within 2 ulps of the exp.
    mutating func findExponentials(_ outputs: [Expr]) {
        var seen = Set<Int32>()
        var stack = outputs
        while let e = stack.popLast() {
            guard e.isRowLevel, seen.insert(e.id).inserted else { continue }
            if case .apply(.exp, let args) = e.node {
                let (c, z) = e.store.expr(args[0]).coefficientParts
                exponentials[z.id, default: [:]][c] = e
            }
            stack.append(contentsOf: e.node.children.map(e.store.expr))
        }
    }

    /// exp(c·z/2), when the outputs hold it, for the argument c·z of an exp.
    func halfExponential(of x: Expr) -> Expr? {
        let (c, z) = x.coefficientParts
        guard c.isFinite, c != 0 else { return nil }
        return exponentials[z.id]?[c / 2]
    }

    mutating func fresh() -> Int32 {
        defer { virtualCount += 1 }
        return virtualCount
    }

    mutating func emit(_ op: Tape.OpCode, _ a: Int32, _ b: Int32 = -1) -> Int32 {
        let out = fresh()
        instructions.append(.init(op: op, a: a, b: b, out: out))
        return out
    }

    /// The virtual register holding e, emitting what computes it.
    mutating func slot(for e: Expr) -> Int32 {
        if let v = virtual[e.id] { return v }
        let v: Int32
        if !e.isRowLevel {
            v = fresh()
            inputVirtuals.insert(v)
            scalarInputs.append((v, e))
        } else {
            v = compile(e)
        }
        virtual[e.id] = v
        return v
    }

    mutating func compile(_ e: Expr) -> Int32 {
        let store = e.store
        switch e.node {
        case .symbol(let s):
            let v = fresh()
            inputVirtuals.insert(v)
            rowInputs.append((v, s))
            return v
        case .add(let ts):
            let first = store.expr(ts[0])
            let (c0, rest0) = first.coefficientParts
            var acc = c0 == -1 ? emit(.neg, slot(for: rest0)) : slot(for: first)
            for t in ts.dropFirst() {
                let term = store.expr(t)
                let (c, rest) = term.coefficientParts
                if c == -1 { acc = emit(.sub, acc, slot(for: rest)) } else { acc = emit(.add, acc, slot(for: term)) }
            }
            return acc
        case .mul(let fs):
            var numerator: [Expr] = []
            var denominator: [Expr] = []
            for f in fs.map(store.expr) {
                let (b, x) = f.powerParts
                if x.constantValue == -1 { denominator.append(b) } else { numerator.append(f) }
            }
            var negate = false
            if numerator.first?.constantValue == -1 {
                numerator.removeFirst()
                negate = true
            }
            // The row-invariant factors (a sign, constants, params, σ⁻²) multiplied once, as one
            // scalar input, when there are two or more of them: a row op per factor saved
            // (a Normal's second derivatives are such products: −2·a·σ⁻³·x·e·r).
            let invariantNumerator = numerator.filter { !$0.isRowLevel }
            let invariantDenominator = denominator.filter { !$0.isRowLevel }
            if invariantNumerator.count + invariantDenominator.count + (negate ? 1 : 0) >= 2 {
                let sign = negate ? [store.constant(-1)] : []
                let scalar = store.mul(
                    sign + invariantNumerator + invariantDenominator.map { store.pow($0, store.constant(-1)) })
                numerator = [scalar] + numerator.filter(\.isRowLevel)
                denominator = denominator.filter(\.isRowLevel)
                negate = false
            }
            var acc = numerator.isEmpty ? slot(for: store.one) : slot(for: numerator[0])
            for f in numerator.dropFirst() { acc = emit(.mul, acc, slot(for: f)) }
            if negate { acc = emit(.neg, acc) }
            // Quotients stay divisions, correctly rounded: one shared reciprocal of a common
            // denominator was 7% faster on a Student-t, but its extra rounding, amplified by the
            // cancellation in y − μ, cost NIST MGH10 the last digits of its gradient.
            for d in denominator { acc = emit(.div, acc, slot(for: d)) }
            return acc
        case .pow(let b, let x):
            let base = slot(for: store.expr(b))
            switch store.expr(x).constantValue {
            case 2: return emit(.square, base)
            case -1: return emit(.recip, base)
            case 0.5: return emit(.sqrt, base)
            case -2: return emit(.recip, emit(.square, base))
            case let n? where n == n.rounded() && n >= 3 && n <= 64:
                // bⁿ by squaring: b^(n/2) squared, or b^(n−1)·b, each power of b shared with the
                // others the tape holds (a Student-t's derivatives have r², r³ and r⁴): a product
                // in place of libm's pow, a third of a Student-t fit. Within ~2·log₂n ulps of pow.
                // (A negative power stays pow's, correctly rounded: 1/bⁿ by products cost NIST
                // Misra1b's second start digits of its gradient.)
                let odd = n.truncatingRemainder(dividingBy: 2) != 0
                return odd
                    ? emit(.mul, slot(for: store.pow(store.expr(b), store.constant(n - 1))), base)
                    : emit(.square, slot(for: store.pow(store.expr(b), store.constant(n / 2))))
            default: return emit(.pow, base, slot(for: store.expr(x)))
            }
        case .apply(let f, let args) where f == .sigmoid || f == .softplus:
            // σ(−x) and softplus(−x) reuse x's exp(−|x|).
            var x = store.expr(args[0])
            var negated = false
            let (c, rest) = x.coefficientParts
            if c == -1 {
                x = rest
                negated = true
            }
            let xv = slot(for: x)
            let e: Int32
            if let shared = sharedExp[x.id] {
                e = shared
            } else {
                e = emit(.expNegAbs, xv)
                sharedExp[x.id] = e
            }
            let op: Tape.OpCode =
                f == .sigmoid
                ? (negated ? .sigmoidNegShared : .sigmoidShared) : (negated ? .softplusNegShared : .softplusShared)
            return emit(op, xv, e)
        case .apply(let f, let args):
            if f == .exp, let half = halfExponential(of: store.expr(args[0])) { return emit(.square, slot(for: half)) }
            let xs = args.map { slot(for: store.expr($0)) }
            if f == .logsumexp {
                var acc = xs[0]
                for x in xs.dropFirst() { acc = emit(.logAddExp, acc, x) }
                return acc
            }
            guard let op = Tape.unaryOpCode(f) else {
                let out = fresh()
                instructions.append(
                    .init(
                        op: .call, a: xs[0], b: xs.count > 1 ? xs[1] : -1, out: out, c: xs.count > 2 ? xs[2] : -1,
                        function: f))
                return out
            }
            return emit(op, xs[0])
        case .constant, .rowSum:
            // Constants are row-invariant (scalar inputs); Σ inside a per-row expression is not compiled.
            let v = fresh()
            inputVirtuals.insert(v)
            scalarInputs.append((v, e))
            return v
        }
    }

    /// Maps virtual registers to slots, reusing a slot once its value is dead.
    mutating func allocate(outputs: [Expr]) {
        var lastUse: [Int32: Int] = [:]
        for (i, ins) in instructions.enumerated() {
            for operand in ins.operands { lastUse[operand] = i }
        }
        let pinned = Set(outputs.map { virtual[$0.id]! })
        var map: [Int32: Int32] = [:]
        var free: [Int32] = []
        var next: Int32 = 0
        func slot(_ v: Int32) -> Int32 {
            if let s = map[v] { return s }
            let s =
                free.popLast()
                ?? {
                    defer { next += 1 }
                    return next
                }()
            map[v] = s
            return s
        }
        for v in inputVirtuals.sorted() { _ = slot(v) }
        for i in instructions.indices {
            let ins = instructions[i]
            let a = slot(ins.a)
            let b = ins.b >= 0 ? slot(ins.b) : -1
            let c = ins.c >= 0 ? slot(ins.c) : -1
            // Release operands whose last use is here (not inputs, not outputs) before assigning out,
            // so out may reuse an operand's slot: element-wise ops are safe in place.
            for operand in ins.operands
            where lastUse[operand] == i
                && !inputVirtuals.contains(operand) && !pinned.contains(operand)
            {
                if let s = map[operand], !free.contains(s) { free.append(s) }
            }
            let out = slot(ins.out)
            instructions[i] = .init(op: ins.op, a: a, b: b, out: out, c: c, function: ins.function)
        }
        rowInputs = rowInputs.map { (map[$0.slot]!, $0.symbol) }
        scalarInputs = scalarInputs.map { (map[$0.slot]!, $0.expr) }
        for (node, v) in virtual { finalSlot[node] = map[v] }
        slotCount = Int(next)
    }
}

extension Tape {
    /// The dedicated opcode of a hot one-argument function; nil for those run through `call`.
    static func unaryOpCode(_ f: Function) -> OpCode? {
        switch f {
        case .exp: return .exp
        case .log: return .log
        case .log1p: return .log1p
        case .expm1: return .expm1
        case .sigmoid: return .sigmoid
        case .softplus: return .softplus
        case .logit: return .logit
        case .lgamma: return .lgamma
        case .digamma: return .digamma
        case .trigamma: return .trigamma
        case .tetragamma: return .tetragamma
        case .abs: return .abs
        case .sign: return .sign
        case .logNormalCDF: return .logNormalCDF
        case .normalMills: return .normalMills
        case .logsumexp: return .logAddExp
        default: return nil
        }
    }
}
